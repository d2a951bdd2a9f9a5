import type { World } from '../sim/World.ts';
import { evaluateRoute, StopMatrix, type TourRequest, type TourStop } from './tour.ts';
import type { DispatchStrategy } from './DispatchStrategy.ts';

/**
 * Cheapest insertion (Rosenkrantz, Stearns & Lewis 1977; with time windows as in Solomon 1987):
 * urgent stops first in deadline order, then repeatedly the stop whose cheapest detour is smallest,
 * each insertion checked against windows, battery and tour length; finally 2-opt (Croes 1958).
 */
export const insertionStrategy: DispatchStrategy = {
  name: 'insertion',
  description: 'urgent stops first, then cheapest feasible insertion, then 2-opt',
  planTour(world, req, stops) {
    const mx = new StopMatrix(world, req, stops);
    const m = mx.size;
    const route: number[] = [];
    const state = { kg: 0, m3: 0 };
    const open = new Uint8Array(stops.length).fill(1);
    const urgentBy = req.startS + world.params.dispatch.urgentMinutes * 60;
    // Urgent stops (candidates are sorted by deadline) go in first.
    for (let s = 0; s < stops.length && stops[s].latestS <= urgentBy && route.length < req.maxStops; s++) {
      open[s] = 0;
      tryInsert(world, req, stops, mx, route, s, state);
    }
    while (route.length < req.maxStops) {
      // The open stop with the smallest detour at its best position (travel time only, O(1) each).
      let best = -1;
      let bestDelta = Infinity;
      for (let s = 0; s < stops.length; s++) {
        if (!open[s] || state.kg + stops[s].weightKg > req.capacityKg || state.m3 + stops[s].volumeM3 > req.capacityM3) continue;
        const k = 2 + s;
        for (let pos = 0; pos <= route.length; pos++) {
          const a = pos === 0 ? 0 : 2 + route[pos - 1];
          const b = pos === route.length ? 1 : 2 + route[pos];
          const delta = mx.timeS[a * m + k] + mx.timeS[k * m + b] - mx.timeS[a * m + b];
          if (delta < bestDelta) {
            bestDelta = delta;
            best = s;
          }
        }
      }
      if (best < 0) break;
      open[best] = 0;
      tryInsert(world, req, stops, mx, route, best, state);
    }
    return twoOpt(world, req, stops, mx, route);
  },
};

/** Insert stop s at its feasible position with the earliest tour end, if any. */
function tryInsert(world: World, req: TourRequest, stops: readonly TourStop[], mx: StopMatrix, route: number[], s: number, state: { kg: number; m3: number }): boolean {
  const st = stops[s];
  if (state.kg + st.weightKg > req.capacityKg || state.m3 + st.volumeM3 > req.capacityM3) return false;
  let bestPos = -1;
  let bestEnd = Infinity;
  for (let pos = 0; pos <= route.length; pos++) {
    route.splice(pos, 0, s);
    const ev = evaluateRoute(world, req, stops, mx, route);
    route.splice(pos, 1);
    if (ev.feasible && ev.endS < bestEnd) {
      bestEnd = ev.endS;
      bestPos = pos;
    }
  }
  if (bestPos < 0) return false;
  route.splice(bestPos, 0, s);
  state.kg += st.weightKg;
  state.m3 += st.volumeM3;
  return true;
}

/** 2-opt (Croes 1958) on one route, keeping every window; first improvement, until none. */
export function twoOpt(world: World, req: TourRequest, stops: readonly TourStop[], mx: StopMatrix, route: number[]): number[] {
  let best = evaluateRoute(world, req, stops, mx, route);
  let improved = true;
  const cand = route.slice();
  for (let pass = 0; improved && pass < 20; pass++) {
    improved = false;
    for (let i = 0; i < route.length - 1; i++) {
      for (let j = i + 1; j < route.length; j++) {
        for (let k = 0; k < route.length; k++) cand[k] = route[k];
        for (let a = i, b = j; a < b; a++, b--) {
          const t = cand[a];
          cand[a] = cand[b];
          cand[b] = t;
        }
        const ev = evaluateRoute(world, req, stops, mx, cand);
        if (ev.feasible && ev.endS < best.endS - 1e-9) {
          best = ev;
          for (let k = 0; k < route.length; k++) route[k] = cand[k];
          improved = true;
        }
      }
    }
  }
  return route;
}
