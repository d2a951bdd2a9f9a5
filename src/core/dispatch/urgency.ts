import type { SimView } from '../sim/SimView.ts';

/** Most urgent first: window end, then start, then parcel index (a total order). */
export const byUrgency = (sim: SimView) => {
  const P = sim.world.parcels;
  return (a: number, b: number) => P.windowEndS[a] - P.windowEndS[b] || P.windowStartS[a] - P.windowStartS[b] || a - b;
};

export function isUrgent(sim: SimView, parcels: readonly number[]): boolean {
  const horizon = sim.now + sim.world.params.dispatch.urgentMinutes * 60;
  return parcels.some((p) => sim.world.parcels.windowEndS[p] <= horizon);
}
