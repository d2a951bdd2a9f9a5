import { NodeFlag } from '../network/RoadGraph.ts';
import type { RoadNet } from './RoadNet.ts';
import type { TurnRestrictionStats, ViaWayRestriction } from './readTurnRestrictions.ts';

/**
 * Restrictions whose via is a way (e.g. no U-turn across a dual carriageway's crossover): the
 * maneuver from → along the via ways → to is forbidden (no_) or the only way out (only_). Made to
 * bind plain node-based routing by path duplication: an approach from the from road is redirected
 * into a copy of the via path (copies of its junctions, flagged TurnSplit) whose side exits are
 * those of the original and whose last junction lacks the forbidden exits. Restrictions sharing
 * a from road and via path share one copy. Run after the via-node splits; copies are made of the
 * current junctions (possibly already split), so both kinds compose.
 */
export function applyViaWayRestrictions(
  net: RoadNet,
  list: readonly ViaWayRestriction[],
  wayNodes: (wayId: number) => ArrayLike<number> | undefined,
  nodeOf: (osmId: number) => number | undefined,
  stats: TurnRestrictionStats,
): void {
  if (list.length === 0) return;
  const groups = new Map<string, { from: number; path: number[]; steps: number[]; rules: ViaWayRestriction[] }>();
  for (const r of list) {
    const route = resolvePath(r, wayNodes, nodeOf);
    if (!route) {
      stats.notApplicable++;
      continue;
    }
    const key = `${r.fromWay}|${route.path.join(',')}`;
    if (!groups.has(key)) groups.set(key, { from: r.fromWay, ...route, rules: [] });
    groups.get(key)!.rules.push(r);
  }
  const outs = new Map<number, number[]>();
  for (let e = 0; e < net.from.length; e++) {
    if (!outs.has(net.from[e])) outs.set(net.from[e], []);
    outs.get(net.from[e])!.push(e);
  }
  const outOf = (v: number) => outs.get(v) ?? [];
  for (const g of groups.values()) {
    const m = g.path.length - 1;
    const end = g.path[m];
    // A rule binds only if its to road leaves the last junction (as for via-node restrictions).
    const rules = g.rules.filter((r) => outOf(end).some((e) => net.wayId[e] === r.toWay));
    const approaches: number[] = [];
    for (let e = 0; e < net.from.length; e++) if (net.wayId[e] === g.from && net.nodeOrigin[net.to[e]] === g.path[0]) approaches.push(e);
    if (rules.length === 0 || approaches.length === 0) {
      stats.notApplicable += g.rules.length;
      continue;
    }
    stats.notApplicable += g.rules.length - rules.length;
    const forbiddenAtEnd = (e: number) => rules.some((r) => (r.kind === 'no') === (net.wayId[e] === r.toWay));
    const copyNode = pathCopier(net, g, outs, forbiddenAtEnd, stats);
    for (const e of approaches) net.to[e] = copyNode(net.to[e], 0);
    stats.applied += rules.length;
    stats.viaWay += rules.length;
  }
}

/**
 * copyNode(n, i): a copy of junction n standing at step i of the via path, with n's exits, except
 * that the exit along the path leads into the copy of the next junction, and at the path's end
 * the forbidden exits are left out. Memoised, so approaches share one duplicated path.
 */
function pathCopier(net: RoadNet, g: { path: number[]; steps: number[] }, outs: Map<number, number[]>, forbiddenAtEnd: (e: number) => boolean, stats: TurnRestrictionStats) {
  const m = g.path.length - 1;
  const memo = new Map<string, number>();
  const copyNode = (n: number, i: number): number => {
    const key = `${n}:${i}`;
    const done = memo.get(key);
    if (done !== undefined) return done;
    const c = net.x.length;
    net.x.push(net.x[n]);
    net.y.push(net.y[n]);
    net.nodeFlags.push(NodeFlag.TurnSplit);
    net.nodeOrigin.push(net.nodeOrigin[n]);
    net.nodeFlags[n] |= NodeFlag.TurnSplit;
    stats.splitNodes++;
    memo.set(key, c);
    const exits: number[] = [];
    outs.set(c, exits);
    for (const x of [...(outs.get(n) ?? [])]) {
      let target = net.to[x];
      if (i < m && net.wayId[x] === g.steps[i] && net.nodeOrigin[target] === g.path[i + 1]) target = copyNode(target, i + 1);
      else if (i === m && forbiddenAtEnd(x)) continue;
      exits.push(net.from.length);
      net.from.push(c);
      net.to.push(target);
      net.lengthM.push(net.lengthM[x]);
      net.speedKmh.push(net.speedKmh[x]);
      net.roadClass.push(net.roadClass[x]);
      net.flags.push(net.flags[x]);
      net.wayId.push(net.wayId[x]);
    }
    return c;
  };
  return copyNode;
}

/**
 * The via path as graph junctions p0..pm (p0 where the from road meets the via ways, pm where they
 * meet the to road) and the way of each step; null if the members do not chain up or leave the
 * network.
 */
function resolvePath(r: ViaWayRestriction, wayNodes: (id: number) => ArrayLike<number> | undefined, nodeOf: (osmId: number) => number | undefined): { path: number[]; steps: number[] } | null {
  const from = wayNodes(r.fromWay);
  const to = wayNodes(r.toWay);
  const vias = r.viaWays.map((id) => ({ id, nodes: wayNodes(id) }));
  if (!from || !to || vias.some((v) => !v.nodes || v.nodes.length < 2)) return null;
  const endsOf = (w: ArrayLike<number>) => [w[0], w[w.length - 1]];
  const used = new Set<number>();
  const osmPath: number[] = [];
  const steps: number[] = [];
  // Start at a from-road end that begins one of the via ways.
  let at = endsOf(from).find((n) => vias.some((v) => endsOf(v.nodes!).includes(n)));
  if (at === undefined) return null;
  osmPath.push(at);
  while (used.size < vias.length) {
    const k = vias.findIndex((v, i) => !used.has(i) && endsOf(v.nodes!).includes(at!));
    if (k < 0) return null;
    used.add(k);
    const w = vias[k].nodes!;
    const forward = w[0] === at;
    for (let i = 1; i < w.length; i++) {
      osmPath.push(w[forward ? i : w.length - 1 - i]);
      steps.push(vias[k].id);
    }
    at = osmPath[osmPath.length - 1];
  }
  if (!endsOf(to).includes(at)) return null;
  const path = osmPath.map(nodeOf);
  if (path.some((p) => p === undefined)) return null;
  return { path: path as number[], steps };
}
