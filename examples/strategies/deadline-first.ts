/**
 * An example strategy file: `npm run simulate -- scenarios/default.json --strategy ./examples/strategies/deadline-first.ts`
 *
 * Tours: earliest deadline first. Take the stops in order of their window's end and keep each one
 * that still leaves the tour feasible (capacity, windows, battery, stop count), then visit them
 * in that order. Hooks: when a van's battery runs low on a tour, book it a charge right after the
 * tour where it ends (a tail after the frozen prefix), so it does not leave again first.
 */
import { defineStrategy, evaluateRoute, StopMatrix, type Assignment } from '../../src/core/dispatch/strategyApi.ts';

export default defineStrategy({
  name: 'deadline-first',
  description: 'earliest window end first, every stop that still fits; charge right after a tour when the battery runs low',
  planTour(world, req, stops) {
    const mx = new StopMatrix(world, req, stops);
    const order = stops.map((_, i) => i).sort((a, b) => stops[a].latestS - stops[b].latestS || a - b);
    const route: number[] = [];
    for (const s of order) {
      if (route.length >= req.maxStops) break;
      route.push(s);
      if (!evaluateRoute(world, req, stops, mx, route).feasible) route.pop();
    }
    return route;
  },
  createHooks() {
    return {
      lowEnergy(view, v): Assignment[] {
        const end = view.frozenEnd(v);
        if (end.facility < 0 || view.world.city.facilities[end.facility].chargerPorts === 0) return [];
        const targetWh = view.world.params.chargeToSoc * view.world.batteryWh;
        return [{ van: v, decision: { kind: 'charge', plan: [{ kind: 'charge', facility: end.facility, targetWh, interruptible: false }], reason: 'battery ran low on the tour: charge where it ends' } }];
      },
    };
  },
});
