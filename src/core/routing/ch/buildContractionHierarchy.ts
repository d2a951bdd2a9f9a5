import type { RoadGraph } from '../../network/RoadGraph.ts';
import { MinHeap } from '../../util/heap.ts';
import { ContractionHierarchy, graphFingerprint } from './ContractionHierarchy.ts';
import { Contractor } from './Contractor.ts';
import type { AdjacencyPool } from './AdjacencyPool.ts';

export interface ChBuildOptions {
  /** Settle limit of witness searches when rating a node (cheap: only ranks nodes). */
  readonly simulateSettleLimit?: number;
  /** Settle limit of witness searches when contracting (higher: fewer superfluous shortcuts). */
  readonly contractSettleLimit?: number;
  /** Hop limits of witness searches (edges per witness path) when rating and when contracting. */
  readonly simulateHopLimit?: number;
  readonly contractHopLimit?: number;
  /** Weights of the priority terms (Geisberger et al. 2008, section 3.1). */
  readonly edgeQuotientWeight?: number;
  readonly hopQuotientWeight?: number;
  readonly deletedNeighboursWeight?: number;
  readonly levelWeight?: number;
  /** Called now and then with the share of nodes contracted, 0..1. */
  readonly onProgress?: (fraction: number) => void;
  /**
   * Contract in rounds of independent nodes and re-rate their neighbours once per round (default),
   * or one node at a time from a priority queue with lazy re-rating (slower, similar quality).
   */
  readonly ordering?: 'rounds' | 'queue';
}

const DEFAULTS = {
  simulateSettleLimit: 15,
  contractSettleLimit: 400,
  simulateHopLimit: 255,
  contractHopLimit: 255,
  // Tuned on the synthetic 50k/100k cities: hop quotient weighted up gives ~25 % smaller search
  // spaces and faster preprocessing than the paper's equal weights.
  edgeQuotientWeight: 2,
  hopQuotientWeight: 4,
  deletedNeighboursWeight: 0.25,
  levelWeight: 1,
  ordering: 'rounds',
};

/**
 * Build a contraction hierarchy for g (time metric, length as tie-break).
 *
 * Node order (Geisberger et al. 2008, section 3.1): a priority of edge quotient (shortcuts added /
 * edges removed), hop quotient (original edges the shortcuts stand for / those removed), deleted
 * neighbours (spreads contraction uniformly) and level (depth of the node's search-space tree).
 * Quotients rather than differences follow RoutingKit (Dibbelt, Strasser, Wagner), which keeps
 * the dense cores of grid-like cities cheap. Nodes are contracted in rounds of local minima
 * (see contractInRounds); 'queue' ordering is the paper's one-at-a-time lazy-update scheme.
 * Witness searches while rating are capped low (they only rank nodes); while contracting, high.
 */
export function buildContractionHierarchy(g: RoadGraph, options: ChBuildOptions = {}): ContractionHierarchy {
  const o = { ...DEFAULTS, ...options };
  const n = g.nodeCount;
  const c = new Contractor(g);
  const level = new Float64Array(n);
  const deleted = new Float64Array(n);
  const prio = new Float64Array(n);
  const rate = (v: number): number => {
    c.simulate(v, o.simulateSettleLimit, o.simulateHopLimit);
    const removed = c.in.count[v] + c.out.count[v];
    if (removed === 0) return 0;
    let removedHops = 0;
    for (let i = c.in.start[v], e = i + c.in.count[v]; i < e; i++) removedHops += c.in.hops[i];
    for (let j = c.out.start[v], e = j + c.out.count[v]; j < e; j++) removedHops += c.out.hops[j];
    return (
      o.edgeQuotientWeight * (c.added / removed) +
      o.hopQuotientWeight * (c.addedHops / removedHops) +
      o.deletedNeighboursWeight * deleted[v] +
      o.levelWeight * level[v]
    );
  };
  for (let v = 0; v < n; v++) prio[v] = rate(v);
  const order = new Uint32Array(n);
  let done = 0;
  let nextReport = 0;
  const contract = (v: number) => {
    c.contract(v, o.contractSettleLimit, o.contractHopLimit);
    order[done++] = v;
    if (o.onProgress && done >= nextReport) {
      o.onProgress(done / n);
      nextReport += Math.max(1, Math.floor(n / 100));
    }
    forEachNeighbour(c, v, (x) => {
      deleted[x]++;
      if (level[v] + 1 > level[x]) level[x] = level[v] + 1;
    });
  };
  if (o.ordering === 'rounds') {
    contractInRounds(c, prio, contract, rate);
  } else {
    // Lazy deletion (priorities rise as well as fall); ties by node id, so the order is the same on every run.
    const queue = new MinHeap(n, { lazy: true, slots: 2 * n, tieBreakByItem: true });
    for (let v = 0; v < n; v++) queue.push(v, prio[v]);
    while (queue.size > 0) {
      const key = queue.peekKey();
      const v = queue.pop();
      if (c.contracted[v] || key !== prio[v]) continue; // stale pair
      const p = rate(v);
      if (p > key && queue.size > 0 && p > queue.peekKey()) {
        prio[v] = p; // lazy update: no longer the cheapest, retry later
        queue.push(v, p);
        continue;
      }
      contract(v);
      forEachNeighbour(c, v, (x) => {
        const px = rate(x);
        if (px !== prio[x]) {
          prio[x] = px;
          queue.push(x, px);
        }
      });
    }
  }
  o.onProgress?.(1);
  return assemble(g, c, order);
}

/**
 * Contract in rounds (as OSRM does): each round takes every node whose priority is below all of
 * its neighbours' (an independent set), contracts them one after another, then re-rates the union
 * of their neighbours once, instead of once per contracted neighbour.
 */
function contractInRounds(c: Contractor, prio: Float64Array, contract: (v: number) => void, rate: (v: number) => number): void {
  const n = c.n;
  const remaining = Int32Array.from({ length: n }, (_, i) => i);
  let count = n;
  const pick = new Int32Array(n);
  const touched = new Int32Array(n);
  const mark = new Uint32Array(n);
  let round = 0;
  while (count > 0) {
    round++;
    let picked = 0;
    for (let i = 0; i < count; i++) {
      const v = remaining[i];
      if (isLocalMin(c.in, v, prio) && isLocalMin(c.out, v, prio)) pick[picked++] = v;
    }
    let nt = 0;
    for (let i = 0; i < picked; i++) {
      const v = pick[i];
      contract(v);
      forEachNeighbour(c, v, (x) => {
        if (mark[x] !== round) {
          mark[x] = round;
          touched[nt++] = x;
        }
      });
    }
    for (let i = 0; i < nt; i++) if (!c.contracted[touched[i]]) prio[touched[i]] = rate(touched[i]);
    let k = 0;
    for (let i = 0; i < count; i++) if (!c.contracted[remaining[i]]) remaining[k++] = remaining[i];
    count = k;
  }
}

/** True if v's priority is below that of every neighbour in the pool's list (ties broken by id). */
function isLocalMin(pool: AdjacencyPool, v: number, prio: Float64Array): boolean {
  const p = prio[v];
  for (let k = pool.start[v], e = k + pool.count[v]; k < e; k++) {
    const x = pool.nbr[k];
    if (prio[x] < p || (prio[x] === p && x < v)) return false;
  }
  return true;
}

/** Each uncontracted neighbour of v (in or out), once per list it appears in. */
function forEachNeighbour(c: Contractor, v: number, f: (x: number) => void): void {
  for (let i = c.in.start[v], e = i + c.in.count[v]; i < e; i++) f(c.in.nbr[i]);
  for (let j = c.out.start[v], e = j + c.out.count[v]; j < e; j++) {
    const x = c.out.nbr[j];
    if (c.in.find(v, x) < 0) f(x); // skip two-way neighbours seen above
  }
}

/**
 * Lay the frozen per-node lists out as the rank-ordered up and down CSR graphs and translate the
 * shortcuts' child slots into final edge indices.
 */
function assemble(g: RoadGraph, c: Contractor, order: Uint32Array): ContractionHierarchy {
  const n = c.n;
  let mu = 0;
  let md = 0;
  for (let v = 0; v < n; v++) {
    mu += c.out.count[v];
    md += c.in.count[v];
  }
  const ch = ContractionHierarchy.allocate(n, mu, md, g.edgeCount, graphFingerprint(g));
  for (let r = 0; r < n; r++) {
    ch.nodeOf[r] = order[r];
    ch.rankOf[order[r]] = r;
  }
  const upSlot = layoutSide(c.out, ch, order, ch.upFirst, ch.upHead, ch.upTime, ch.upLen, ch.upA, ch.upB);
  const dnSlot = layoutSide(c.in, ch, order, ch.dnFirst, ch.dnHead, ch.dnTime, ch.dnLen, ch.dnA, ch.dnB);
  // A shortcut's first half u→v was an in-pool slot at v; its second half v→w an out-pool slot at v.
  for (const [A, B] of [[ch.upA, ch.upB], [ch.dnA, ch.dnB]]) {
    for (let k = 0; k < A.length; k++) {
      if (B[k] < 0) continue;
      A[k] = dnSlot[A[k]];
      B[k] = upSlot[B[k]];
    }
  }
  return ch;
}

function layoutSide(
  pool: AdjacencyPool,
  ch: ContractionHierarchy,
  order: Uint32Array,
  first: Uint32Array,
  head: Uint32Array,
  time: Uint32Array,
  len: Uint32Array,
  A: Int32Array,
  B: Int32Array,
): Int32Array {
  const slotTo = new Int32Array(pool.size).fill(-1);
  let k = 0;
  for (let r = 0; r < order.length; r++) {
    first[r] = k;
    const v = order[r];
    for (let i = pool.start[v], e = i + pool.count[v]; i < e; i++, k++) {
      head[k] = ch.rankOf[pool.nbr[i]];
      time[k] = pool.time[i];
      len[k] = pool.len[i];
      A[k] = pool.a[i];
      B[k] = pool.b[i];
      slotTo[i] = k;
    }
  }
  first[order.length] = k;
  return slotTo;
}
