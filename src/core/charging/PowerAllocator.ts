/**
 * How a charging site shares its grid connection among the vans plugged in, and who gets the next
 * free port. The charging policy provides one; the engine applies it whenever a van plugs in or
 * out (the site's power then changes for everyone).
 */
export interface PowerAllocator {
  readonly name: string;
  /**
   * Power for each plugged-in van (out[i] for vans[i]), kW: each at most portKW, together at most
   * limitKW. `urgent[i]` marks a charge the van needs for its next work (not a top-up while idle).
   */
  allocate(vans: readonly number[], urgent: readonly boolean[], portKW: number, limitKW: number, out: number[]): void;
  /** Index in the queue of the van that takes a freed port. */
  pickNext(queue: readonly number[], urgentOf: (van: number) => boolean, socOf: (van: number) => number): number;
}

/** Everyone the same share of the limit, first come first served: the baseline. */
export const equalShare: PowerAllocator = {
  name: 'equal share, first come first served',
  allocate(vans, _urgent, portKW, limitKW, out) {
    const each = vans.length > 0 ? Math.min(portKW, limitKW / vans.length) : 0;
    for (let i = 0; i < vans.length; i++) out[i] = each;
  },
  pickNext() {
    return 0;
  },
};

/**
 * Needed charges first: urgent sessions get full port power while the limit allows (split evenly
 * among them when it does not); top-ups share what is left. The next port goes to the urgent van
 * with the emptiest battery, then first come first served.
 */
export const urgentFirst: PowerAllocator = {
  name: 'urgent charges first, then top-ups',
  allocate(vans, urgent, portKW, limitKW, out) {
    let nUrgent = 0;
    for (let i = 0; i < vans.length; i++) if (urgent[i]) nUrgent++;
    const urgentEach = nUrgent > 0 ? Math.min(portKW, limitKW / nUrgent) : 0;
    const left = Math.max(0, limitKW - urgentEach * nUrgent);
    const nTop = vans.length - nUrgent;
    const topEach = nTop > 0 ? Math.min(portKW, left / nTop) : 0;
    for (let i = 0; i < vans.length; i++) out[i] = urgent[i] ? urgentEach : topEach;
  },
  pickNext(queue, urgentOf, socOf) {
    let best = 0;
    for (let i = 1; i < queue.length; i++) {
      const a = queue[i];
      const b = queue[best];
      const better = urgentOf(a) !== urgentOf(b) ? urgentOf(a) : urgentOf(a) && socOf(a) < socOf(b);
      if (better) best = i;
    }
    return best;
  },
};
