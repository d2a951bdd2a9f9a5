import type { Assignment, DecisionLog } from '../sim/Decision.ts';
import type { SimView } from '../sim/SimView.ts';
import { nearestCharger, tripEnergyWh } from '../sim/World.ts';
import type { DispatchStrategy, StrategyContext, StrategyHooks } from './DispatchStrategy.ts';
import { insertionStrategy } from './insertion.ts';
import { makeStops, tourPlan, type TourRequest } from './tour.ts';
import { byUrgency } from './urgency.ts';
import { planStationVrp, type SearchBudget } from './vrpStrategy.ts';

/** Vans due back at a station within this many re-plan periods are planned for now (their next tour). */
const HORIZON_PERIODS = 1.5;
/** At most this many stops go into one station's problem (the most urgent first). */
const MAX_STOPS = 300;
/**
 * Each re-plan starts from the last plan (warm) and is repeated every period, so it needs far
 * fewer iterations than a plan from scratch: the search carries over from one period to the next.
 */
const REPLAN_BUDGET: SearchBudget = { base: 12, perStop: 0.1, withoutImprovement: 10, hgs: { mu: 4, lambda: 8, initialFactor: 1, nbElite: 1, nbClose: 2 } };

/**
 * Rolling horizon: every `dispatch.replanMinutes` the open work of every station (its stock whose
 * windows open within the look-ahead) is re-optimised with the HGS solver across the vans that
 * are there now and the vans due back within the horizon, whose current tours stay frozen: a van
 * at the station leaves at once, a van still out gets its next tour as a tail that starts when it
 * is back. Tails not yet started go back into the pool at the next re-plan, so parcels move
 * between vans as the picture changes (the churn in the report). The previous plan is the
 * solver's warm start, so each re-plan runs a short search (REPLAN_BUDGET) that carries on from
 * the last one. Between re-plans a free van leaves only with urgent work (a window closing within
 * dispatch.urgentMinutes), on a tour built by batched cheapest insertion; the rest waits for the
 * next joint plan. The fleet policy still runs line-haul, charging and repositioning.
 */
export const rollingStrategy: DispatchStrategy = {
  name: 'rolling',
  description: 'rolling horizon: every dispatch.replanMinutes all open work re-optimised across the vans there and due back (frozen tours, HGS, warm start)',
  planTour(world, req, stops) {
    // Between re-plans only urgent work leaves at once; the rest waits for the next joint plan.
    const urgentBy = req.startS + world.params.dispatch.urgentMinutes * 60;
    return stops.some((s) => s.latestS <= urgentBy) ? insertionStrategy.planTour(world, req, stops) : [];
  },
  createHooks: (ctx) => rollingHooks(ctx),
};

function rollingHooks(ctx: StrategyContext): StrategyHooks {
  const { world } = ctx;
  /** The van each parcel was planned on at the last re-plan (-1: none), for churn and the warm start. */
  const plannedVan = new Int32Array(world.parcels.count).fill(-1);
  let planNumber = 0;
  return {
    replan(view: SimView, log: DecisionLog): Assignment[] {
      const out: Assignment[] = [];
      const { city, params } = view.world;
      let churn = 0;
      for (let k = 1; k < city.facilities.length; k++) {
        if (city.facilities[k].kind !== 'station' || view.stock[k].length === 0) continue;
        const horizon = view.now + params.dispatch.lookaheadMinutes * 60;
        const open = view.stock[k].filter((p) => view.world.parcels.windowStartS[p] <= horizon).sort(byUrgency(view)).slice(0, MAX_STOPS);
        if (open.length === 0) continue;
        const vans = vansFor(view, k, ctx.replanEveryS * HORIZON_PERIODS);
        if (vans.length === 0) continue;
        const stops = makeStops(view.world, open, view.now);
        const reqs = vans.map((c) => c.req);
        // Warm start: each van's stops from the last plan that are still open.
        const stopOf = new Map<number, number>();
        stops.forEach((s, i) => s.parcels.forEach((p) => stopOf.set(p, i)));
        const warm = vans.map((c) => [...new Set(open.filter((p) => plannedVan[p] === c.van).map((p) => stopOf.get(p)!))]);
        const seed = (Math.imul(view.seed + 1, 0x85ebca6b) ^ ++planNumber) >>> 0;
        const plan = planStationVrp(view.world, reqs, stops, seed, warm, REPLAN_BUDGET);
        log.notePlan({ t: view.now, facility: k, vans: vans.length, stops: stops.length, iterations: plan.iterations, cost: plan.cost, leftForLater: plan.leftForLater, history: plan.history });
        plan.routes.forEach((route, i) => {
          if (route.length === 0) return;
          const v = vans[i].van;
          const tour = tourPlan(k, city.facilities[k].node, route.map((j) => stops[j]));
          for (const j of route) {
            for (const p of stops[j].parcels) {
              if (plannedVan[p] >= 0 && plannedVan[p] !== v) churn++;
              plannedVan[p] = v;
            }
          }
          const when = vans[i].busy ? `its next tour, after the current one (back at ${clock(vans[i].req.startS)})` : 'leaving now';
          out.push({ van: v, decision: { kind: 'tour', plan: tour, reason: `rolling re-plan at ${city.facilities[k].id}: ${route.length} stops for ${vans.length} van(s), ${plan.iterations} solver iterations; ${when}` } });
        });
      }
      if (churn) log.noteChurn(churn);
      return out;
    },
  };
}

interface Candidate {
  readonly van: number;
  readonly busy: boolean;
  readonly req: TourRequest;
}

/** Vans that can take a tour from station k: parked there and available, or due back there within `withinS` with enough battery left. */
function vansFor(view: SimView, k: number, withinS: number): Candidate[] {
  const { world, fleet } = view;
  const { params, batteryWh } = world;
  const node = world.city.facilities[k].node;
  const d = params.dispatch;
  const minWh = params.chargeBelowSoc * batteryWh;
  const out: Candidate[] = [];
  const request = (startS: number, socWh: number): TourRequest => ({
    startNode: node,
    endNode: node,
    startS: startS + params.loading.baseS + params.loading.perParcelS * d.maxTourStops,
    capacityKg: params.van.payloadKg,
    capacityM3: params.van.cargoM3,
    energyBudgetWh: socWh - params.reserveSoc * batteryWh - nearestCharger(world, node).energyWh,
    maxStops: d.maxTourStops,
    maxEndS: startS + d.maxTourHours * 3600,
  });
  for (let v = 0; v < fleet.size; v++) {
    const cur = fleet.currentStep(v);
    if (fleet.facility[v] === k && (fleet.isIdle(v) || (cur?.kind === 'charge' && cur.interruptible))) {
      if (fleet.socWh[v] >= minWh) out.push({ van: v, busy: false, req: request(view.now, fleet.socWh[v]) });
      continue;
    }
    if (view.destination[v] !== k || !cur || cur.kind === 'charge') continue;
    const rest = fleet.remainingPlan(v);
    if (rest.some((s) => s.kind === 'charge' || s.kind === 'load')) continue; // charging or line-hauling first: not ours yet
    const end = view.frozenEnd(v);
    if (end.facility !== k || end.atS > view.now + withinS) continue;
    const socWh = fleet.socWh[v] - remainingDriveWh(view, v);
    if (socWh < minWh) continue; // it will charge first
    out.push({ van: v, busy: true, req: request(end.atS, socWh) });
  }
  return out;
}

/** Planning energy of van v's remaining drives (from the current leg's origin, with the load aboard now), Wh. */
function remainingDriveWh(view: SimView, v: number): number {
  const { world, fleet } = view;
  let node = fleet.node[v];
  let wh = 0;
  for (const s of fleet.remainingPlan(v)) {
    if (s.kind !== 'drive' || s.to === node) continue;
    wh += tripEnergyWh(world, world.costs.lengthMm(node, s.to) / 1000, world.costs.timeMs(node, s.to) / 1000, fleet.loadKg[v]);
    node = s.to;
  }
  return wh;
}

function clock(s: number): string {
  const m = Math.round(s / 60);
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}
