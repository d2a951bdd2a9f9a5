import type { SimView } from '../sim/SimView.ts';
import { byUrgency } from './urgency.ts';

/**
 * A station's parcels whose window opens within the look-ahead, most urgent first. Cached per
 * (time, stock version): every idle van at the station in a dispatch round shares one list.
 */
export class EligibleStock {
  private t = NaN;
  private version = new Uint32Array(0);
  private lists: number[][] = [];

  at(sim: SimView, k: number): number[] {
    if (this.version.length !== sim.stock.length) {
      this.version = new Uint32Array(sim.stock.length).fill(0xffffffff);
      this.lists = sim.stock.map(() => []);
    }
    if (this.t !== sim.now) {
      this.t = sim.now;
      this.version.fill(0xffffffff);
    }
    if (this.version[k] !== sim.stockVersion[k]) {
      const horizon = sim.now + sim.world.params.dispatch.lookaheadMinutes * 60; // windows opening later: a later tour, not hours at a door
      this.lists[k] = sim.stock[k].filter((p) => sim.world.parcels.windowStartS[p] <= horizon).sort(byUrgency(sim));
      this.version[k] = sim.stockVersion[k];
    }
    return this.lists[k];
  }
}
