/**
 * Duration segments of route sub-sequences i..j (Vidal et al. 2013 §4.1 pre-process every
 * sub-sequence so intra-route moves are O(1)). Computed lazily, one row (fixed start i) at a time
 * and only as far as a query needs, and invalidated by the route's version counter, so a route
 * change costs nothing until the next intra-route evaluation on it. Used for time-window problems
 * whose load is determined by sums (deliveries only, no trips or range); the rest walk.
 */
import type { SearchState } from './SearchState.ts';

export class BetweenCache {
  private readonly s: SearchState;
  private readonly cap: Int32Array;
  private data: Float64Array[];
  private rowVer: Int32Array[];
  private rowEnd: Int32Array[];
  private rowLast: Int32Array[];
  dur = 0;
  tw = 0;
  early = 0;
  late = 0;

  constructor(s: SearchState) {
    this.s = s;
    const R = s.numRoutes;
    this.cap = new Int32Array(R);
    this.data = new Array<Float64Array>(R);
    this.rowVer = new Array<Int32Array>(R);
    this.rowEnd = new Array<Int32Array>(R);
    this.rowLast = new Array<Int32Array>(R);
    for (let r = 0; r < R; r++) this.alloc(r, 16);
  }

  private alloc(r: number, cap: number): void {
    this.cap[r] = cap;
    this.data[r] = new Float64Array(cap * cap * 4);
    this.rowVer[r] = new Int32Array(cap).fill(-1);
    this.rowEnd[r] = new Int32Array(cap);
    this.rowLast[r] = new Int32Array(cap);
  }

  /** Load the segment of nodes a..b (route r, a at or before b) into dur/tw/early/late. */
  get(r: number, a: number, b: number): void {
    const s = this.s;
    const i = s.pos[a];
    const j = s.pos[b];
    if (s.rSize[r] + 2 > this.cap[r]) this.alloc(r, Math.max(2 * this.cap[r], s.rSize[r] + 2));
    const cap = this.cap[r];
    const d = this.data[r];
    const ver = s.rVersion[r];
    const rv = this.rowVer[r];
    const p = s.p;
    const n = s.n;
    if (rv[i] !== ver) {
      const l = s.loc[a];
      const k = (i * cap + i) * 4;
      d[k] = p.service[l];
      d[k + 1] = 0;
      d[k + 2] = p.twEarly[l];
      d[k + 3] = p.twLate[l];
      rv[i] = ver;
      this.rowEnd[r][i] = i;
      this.rowLast[r][i] = a;
    }
    let end = this.rowEnd[r][i];
    if (end < j) {
      let last = this.rowLast[r][i];
      let k = (i * cap + end) * 4;
      let dur = d[k];
      let tw = d[k + 1];
      let early = d[k + 2];
      let late = d[k + 3];
      while (end < j) {
        const x = s.next[last];
        const lx = s.loc[x];
        const ed = p.duration[s.loc[last] * n + lx];
        const at = dur - tw + ed;
        const e2 = p.twEarly[lx];
        const l2 = p.twLate[lx];
        const wait = e2 - at - late > 0 ? e2 - at - late : 0;
        const warp = early + at - l2 > 0 ? early + at - l2 : 0;
        const ne = (e2 - at > early ? e2 - at : early) - wait;
        late = (l2 - at < late ? l2 - at : late) + warp;
        early = ne;
        dur += p.service[lx] + ed + wait;
        tw += warp;
        end++;
        k = (i * cap + end) * 4;
        d[k] = dur;
        d[k + 1] = tw;
        d[k + 2] = early;
        d[k + 3] = late;
        last = x;
      }
      this.rowEnd[r][i] = end;
      this.rowLast[r][i] = last;
    }
    const k = (i * cap + j) * 4;
    this.dur = d[k];
    this.tw = d[k + 1];
    this.early = d[k + 2];
    this.late = d[k + 3];
  }
}
