import type { DecisionLog } from '../sim/Decision.ts';
import type { SimView } from '../sim/SimView.ts';
import type { DispatchStrategy, StationPlan } from './DispatchStrategy.ts';
import { makeStops, type TourRequest, type TourStop } from './tour.ts';

/** A station plan shared by the vans it covers until the station's stock or clock moves on. */
export interface SharedPlan {
  readonly t: number;
  version: number;
  readonly stops: readonly TourStop[];
  readonly routes: Map<number, number[]>;
  readonly plan: StationPlan;
  readonly vans: number;
}

/** The tour request for van v leaving station k now (its own energy budget). */
export type RequestFor = (v: number, candidates: number) => TourRequest;

/**
 * Station-level plans (DispatchStrategy.planStation) shared by the vans of one dispatch round:
 * the first van to ask at a station triggers the plan; the others in the same round take their
 * routes from it as long as the stock changed only by the routes already taken. One per dispatcher.
 */
export class StationPlans {
  private readonly byStation = new Map<number, SharedPlan>();
  private planNumber = 0;

  /** Van v's route from a plan covering every van available at station k right now. */
  routeFor(sim: SimView, strategy: DispatchStrategy, k: number, v: number, eligible: readonly number[], requestFor: RequestFor, log: DecisionLog): { stops: readonly TourStop[]; route: number[]; shared: SharedPlan } {
    let shared = this.byStation.get(k);
    if (!shared || shared.t !== sim.now || shared.version !== sim.stockVersion[k] || !shared.routes.has(v)) {
      const vans = availableVansAt(sim, k, v);
      const d = sim.world.params.dispatch;
      const candidates = eligible.slice(0, Math.min(300, 2 * d.maxTourStops * vans.length));
      const stops = makeStops(sim.world, candidates, sim.now);
      const reqs = vans.map((u) => requestFor(u, candidates.length / vans.length));
      const seed = (Math.imul(sim.seed + 1, 0x9e3779b1) ^ ++this.planNumber) >>> 0;
      const plan = strategy.planStation!(sim.world, reqs, stops, seed);
      shared = { t: sim.now, version: sim.stockVersion[k], stops, routes: new Map(vans.map((u, i) => [u, plan.routes[i]])), plan, vans: vans.length };
      this.byStation.set(k, shared);
      log.notePlan({ t: sim.now, facility: k, vans: vans.length, stops: stops.length, iterations: plan.iterations, cost: plan.cost, leftForLater: plan.leftForLater, history: plan.history });
    }
    const route = shared.routes.get(v) ?? [];
    shared.routes.delete(v);
    return { stops: shared.stops, route, shared };
  }

  /** A van took its route from station k's plan: the plan stays valid for the others at the new stock version. */
  taken(sim: SimView, k: number): void {
    const shared = this.byStation.get(k);
    if (shared && shared.t === sim.now) shared.version = sim.stockVersion[k];
  }
}

/** Vans parked at station k that could leave now (v first): idle, or topping up with enough charge. */
function availableVansAt(sim: SimView, k: number, v: number): number[] {
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
