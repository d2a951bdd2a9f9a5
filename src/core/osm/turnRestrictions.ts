import { NodeFlag } from '../network/RoadGraph.ts';
import type { RoadNet } from './RoadNet.ts';
import type { TurnRestriction, TurnRestrictionStats } from './readTurnRestrictions.ts';

/**
 * Make plain node-based routing obey turn restrictions by splitting each restricted junction v:
 * approaches (in-edges) are grouped by the set of exits they forbid; each non-empty group moves
 * to a copy of v (same coordinates, flagged TurnSplit) that gets only the allowed exits. Routes
 * through v then obey the restrictions exactly, so Dijkstra and the CH stay exact on the result.
 * Edges are identified by way at the time each junction is processed, so copies made at one
 * junction are seen by the next (junctions next to each other compose).
 *
 * `viaAt` maps an OSM node id to its graph node (or undefined if it is not on the network).
 */
export function applyTurnRestrictions(net: RoadNet, list: readonly TurnRestriction[], viaAt: (osmNode: number) => number | undefined, stats: TurnRestrictionStats): void {
  const byVia = new Map<number, TurnRestriction[]>();
  for (const r of list) {
    const v = viaAt(r.viaNode);
    if (v === undefined) {
      stats.notApplicable++;
      continue;
    }
    if (!byVia.has(v)) byVia.set(v, []);
    byVia.get(v)!.push(r);
  }
  const ins = new Map<number, number[]>();
  const outs = new Map<number, number[]>();
  for (const v of byVia.keys()) {
    ins.set(v, []);
    outs.set(v, []);
  }
  for (let e = 0; e < net.from.length; e++) {
    ins.get(net.to[e])?.push(e);
    outs.get(net.from[e])?.push(e);
  }
  for (const v of [...byVia.keys()].sort((a, b) => a - b)) {
    const forbidden = forbiddenExits(net, byVia.get(v)!, ins.get(v)!, outs.get(v)!, stats);
    splitJunction(net, v, forbidden, outs.get(v)!, ins, stats);
  }
}

/** For each restricted approach to v, the exits it may not take. */
function forbiddenExits(net: RoadNet, rs: TurnRestriction[], inE: number[], outE: number[], stats: TurnRestrictionStats): Map<number, Set<number>> {
  const forbidden = new Map<number, Set<number>>();
  for (const r of rs) {
    const approaches = inE.filter((e) => net.wayId[e] === r.fromWay);
    // A u-turn restriction names one way twice: the exit is the one back where the approach came
    // from (compared as junctions: either end may be a copy made at an earlier split).
    const back = (e: number, eIn: number) => net.nodeOrigin[net.to[e]] === net.nodeOrigin[net.from[eIn]];
    const exitsFor = (eIn: number) => outE.filter((e) => net.wayId[e] === r.toWay && (r.fromWay !== r.toWay || back(e, eIn)));
    if (approaches.length === 0 || approaches.every((e) => exitsFor(e).length === 0)) {
      stats.notApplicable++; // e.g. the from road is one-way away from the junction, or not in the network
      continue;
    }
    for (const eIn of approaches) {
      const exits = exitsFor(eIn);
      if (exits.length === 0) continue;
      let f = forbidden.get(eIn);
      if (!f) forbidden.set(eIn, (f = new Set()));
      if (r.kind === 'no') for (const e of exits) f.add(e);
      else for (const e of outE) if (!exits.includes(e)) f.add(e);
    }
    stats.applied++;
  }
  return forbidden;
}

function splitJunction(net: RoadNet, v: number, forbidden: Map<number, Set<number>>, outE: number[], ins: Map<number, number[]>, stats: TurnRestrictionStats): void {
  const groups = new Map<string, { exits: Set<number>; approaches: number[] }>();
  for (const [eIn, f] of forbidden) {
    if (f.size === 0) continue;
    const key = [...f].sort((a, b) => a - b).join(',');
    if (!groups.has(key)) groups.set(key, { exits: f, approaches: [] });
    groups.get(key)!.approaches.push(eIn);
  }
  if (groups.size === 0) return;
  net.nodeFlags[v] |= NodeFlag.TurnSplit;
  for (const { exits, approaches } of groups.values()) {
    const copy = net.x.length;
    net.x.push(net.x[v]);
    net.y.push(net.y[v]);
    net.nodeFlags.push(NodeFlag.TurnSplit);
    net.nodeOrigin.push(net.nodeOrigin[v]);
    stats.splitNodes++;
    for (const e of approaches) net.to[e] = copy;
    for (const e of outE) {
      if (exits.has(e)) continue;
      const c = net.from.length;
      net.from.push(copy);
      net.to.push(net.to[e]);
      net.lengthM.push(net.lengthM[e]);
      net.speedKmh.push(net.speedKmh[e]);
      net.roadClass.push(net.roadClass[e]);
      net.flags.push(net.flags[e]);
      net.wayId.push(net.wayId[e]);
      ins.get(net.to[e])?.push(c); // a later junction must see this approach too
    }
  }
}
