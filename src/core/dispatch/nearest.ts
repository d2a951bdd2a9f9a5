import { evaluateRoute, StopMatrix } from './tour.ts';
import type { DispatchStrategy } from './DispatchStrategy.ts';

/** Nearest neighbour: always drive to the closest stop that still fits. A simple, classic baseline. */
export const nearestStrategy: DispatchStrategy = {
  name: 'nearest',
  description: 'nearest feasible stop next (greedy), no improvement',
  planTour(world, req, stops) {
    const mx = new StopMatrix(world, req, stops);
    const m = mx.size;
    const used = new Uint8Array(stops.length);
    const route: number[] = [];
    let kg = 0;
    let m3 = 0;
    let at = 0;
    while (route.length < req.maxStops) {
      let best = -1;
      let bestT = Infinity;
      for (let s = 0; s < stops.length; s++) {
        if (used[s] || kg + stops[s].weightKg > req.capacityKg || m3 + stops[s].volumeM3 > req.capacityM3) continue;
        const t = mx.timeS[at * m + 2 + s];
        if (t >= bestT) continue;
        route.push(s);
        if (evaluateRoute(world, req, stops, mx, route).feasible) {
          best = s;
          bestT = t;
        }
        route.pop();
      }
      if (best < 0) break;
      route.push(best);
      used[best] = 1;
      kg += stops[best].weightKg;
      m3 += stops[best].volumeM3;
      at = 2 + best;
    }
    return route;
  },
};
