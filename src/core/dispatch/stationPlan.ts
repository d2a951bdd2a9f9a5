import { makeStops, type TourRequest, type TourStop } from './tour.ts';
import type { StationPlan } from './strategies.ts';
import type { Simulation } from '../sim/Simulation.ts';

/** A station plan shared by the vans it covers until the station's stock or clock moves on. */
interface SharedPlan {
  readonly t: number;
  version: number;
  readonly stops: readonly TourStop[];
  readonly routes: Map<number, number[]>;
  readonly plan: StationPlan;
  readonly vans: number;
}

const cache = new WeakMap<Simulation, Map<number, SharedPlan>>();

/** The tour request for van v leaving station k now (its own energy budget). */
export type RequestFor = (v: number, candidates: number) => TourRequest;

/**
 * Van v's route from a plan covering every van available at station k right now (see
 * DispatchStrategy.planStation). The first van to ask in a dispatch round triggers the plan; the
 * others in the same round take their routes from it as long as the stock changed only by the
 * routes already taken.
 */
export function stationRoute(sim: Simulation, k: number, v: number, eligible: readonly number[], requestFor: RequestFor): { stops: readonly TourStop[]; route: number[]; shared: SharedPlan } {
  let byStation = cache.get(sim);
  if (!byStation) cache.set(sim, (byStation = new Map()));
  let shared = byStation.get(k);
  if (!shared || shared.t !== sim.now || shared.version !== sim.stockVersion[k] || !shared.routes.has(v)) {
    const vans = availableVansAt(sim, k, v);
    const d = sim.world.params.dispatch;
    const candidates = eligible.slice(0, Math.min(300, 2 * d.maxTourStops * vans.length));
    const stops = makeStops(sim.world, candidates, sim.now);
    const reqs = vans.map((u) => requestFor(u, candidates.length / vans.length));
    const seed = (Math.imul(sim.seed + 1, 0x9e3779b1) ^ sim.nextPlanNumber()) >>> 0;
    const plan = sim.strategy.planStation!(sim.world, reqs, stops, seed);
    shared = { t: sim.now, version: sim.stockVersion[k], stops, routes: new Map(vans.map((u, i) => [u, plan.routes[i]])), plan, vans: vans.length };
    byStation.set(k, shared);
    sim.notePlan({ t: sim.now, facility: k, vans: vans.length, stops: stops.length, iterations: plan.iterations, cost: plan.cost, leftForLater: plan.leftForLater, history: plan.history });
  }
  const route = shared.routes.get(v) ?? [];
  shared.routes.delete(v);
  return { stops: shared.stops, route, shared };
}

/** After van v took its route, the plan stays valid for the others at the new stock version. */
export function keepShared(sim: Simulation, k: number, shared: SharedPlan): void {
  shared.version = sim.stockVersion[k];
}

/** Vans parked at station k that could leave now (v first): idle, or topping up with enough charge. */
function availableVansAt(sim: Simulation, k: number, v: number): number[] {
  const f = sim.fleet;
  const out = [v];
  const minWh = sim.world.params.chargeBelowSoc * sim.world.batteryWh;
  for (let u = 0; u < f.size; u++) {
    if (u === v || f.facility[u] !== k || f.socWh[u] < minWh) continue;
    const cur = f.currentStep(u);
    if (f.isIdle(u) || (cur?.kind === 'charge' && cur.interruptible)) out.push(u);
  }
  return out;
}
