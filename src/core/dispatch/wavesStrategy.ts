import type { DispatchStrategy } from './DispatchStrategy.ts';
import { insertionStrategy } from './insertion.ts';
import { isUrgent } from './urgency.ts';

/** Tours may leave a station this long after a line-haul unloaded there. */
const WAVE_S = 20 * 60;

/**
 * Fixed waves timed to the line-haul arrivals: the vans at a station leave together, with tours
 * built by cheapest insertion, only in the wave after a line-haul has unloaded there (or when
 * parcels become urgent, or once the last parcels of the day are in); otherwise they wait. The
 * classic depot practice: few, full departures instead of a van leaving whenever enough is ready.
 */
export const wavesStrategy: DispatchStrategy = {
  name: 'waves',
  description: 'vans leave a station in waves timed to the line-haul arrivals (insertion tours), else only for urgent parcels',
  planTour: insertionStrategy.planTour,
  createHooks(ctx) {
    const arrived = new Float64Array(ctx.world.city.facilities.length).fill(-Infinity);
    return {
      linehaulArrived(view, station) {
        arrived[station] = view.now;
      },
      vanIdle(view, v) {
        const k = view.fleet.facility[v];
        if (k < 0 || view.world.city.facilities[k].kind !== 'station' || view.stock[k].length === 0) return null;
        const inWave = view.now - arrived[k] <= WAVE_S;
        const lastIn = view.now >= view.lastReleaseS && view.linehaulCount[k] === 0;
        return inWave || lastIn || isUrgent(view, view.stock[k]) ? null : 'wait';
      },
    };
  },
};
