import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { importCity } from '../../src/core/osm/importCity.ts';
import { LocalProjection } from '../../src/core/geo/LocalProjection.ts';
import { NodeFlag, type RoadGraph } from '../../src/core/network/RoadGraph.ts';
import { buildContractionHierarchy } from '../../src/core/routing/ch/buildContractionHierarchy.ts';
import { ChQuery } from '../../src/core/routing/ch/ChQuery.ts';
import { TieBreakDijkstra } from '../../src/core/routing/ch/TieBreakDijkstra.ts';
import { IndexedMinHeap } from '../../src/core/util/heap.ts';

/**
 * Junction splitting and via-path duplication against the definition: on random grids of
 * single-segment ways with random one-ways and random no_/only_ restrictions via nodes and via
 * ways (u-turn bans and adjacent restricted junctions included), shortest (time, length) costs on
 * the split graph, by Dijkstra and by CH, equal those of a turn-aware Dijkstra on the unrestricted
 * graph whose states are pairs of consecutive edges and which refuses forbidden maneuvers.
 */
interface Restriction {
  kind: 'no' | 'only';
  from: number;
  /** OSM node id, or for a via-way restriction -1 and viaWay set. */
  via: number;
  viaWay?: { id: number; a: number; b: number };
  to: number;
  /** The from road can be driven into the junction and the to road out of it (before any pruning). */
  applies: boolean;
}

const arbCase = fc.record({
  k: fc.integer({ min: 3, max: 5 }),
  segments: fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 9 }), fc.integer({ min: 20, max: 50 })), { minLength: 40, maxLength: 40 }),
  restrictions: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.boolean()), { maxLength: 10 }),
  viaWays: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.boolean()), { maxLength: 4 }),
});

function buildXml(k: number, segments: [boolean, number, number][], picks: [number, number, number, boolean][], viaPicks: [number, number, number, boolean][] = []) {
  const drawn = new LocalProjection(0, 0);
  const nodeId = (i: number, j: number) => 1 + j * k + i;
  const lines: string[] = ['<osm version="0.6">'];
  for (let j = 0; j < k; j++) for (let i = 0; i < k; i++) lines.push(`<node id="${nodeId(i, j)}" lat="${drawn.lat(j * 100 + ((i * 7) % 5))}" lon="${drawn.lon(i * 100 + ((j * 3) % 4))}"/>`);
  const ways: { id: number; a: number; b: number; fwd: boolean; bwd: boolean }[] = [];
  let s = 0;
  for (let j = 0; j < k; j++) {
    for (let i = 0; i < k; i++) {
      for (const [di, dj] of [[1, 0], [0, 1]]) {
        if (i + di >= k || j + dj >= k) continue;
        const [present, oneWay, kmh] = segments[s++ % segments.length];
        if (!present && oneWay > 6) continue;
        const id = 1000 + ways.length;
        const a = nodeId(i, j);
        const b = nodeId(i + di, j + dj);
        const dir = oneWay < 2 ? `<tag k="oneway" v="${oneWay === 0 ? 'yes' : '-1'}"/>` : '';
        lines.push(`<way id="${id}"><nd ref="${a}"/><nd ref="${b}"/><tag k="highway" v="residential"/><tag k="maxspeed" v="${kmh}"/>${dir}</way>`);
        ways.push({ id, a, b, fwd: oneWay !== 1, bwd: oneWay !== 0 });
      }
    }
  }
  const restrictions: Restriction[] = [];
  picks.forEach(([v0, f0, t0, only], r) => {
    const via = 1 + (v0 % (k * k));
    const touching = ways.filter((w) => w.a === via || w.b === via);
    if (touching.length === 0) return;
    const F = touching[f0 % touching.length];
    const T = touching[t0 % touching.length];
    const [from, to] = [F.id, T.id];
    const kind = only ? 'only' : 'no';
    const applies = (F.b === via ? F.fwd : F.bwd) && (T.a === via ? T.fwd : T.bwd);
    restrictions.push({ kind, from, via, to, applies });
    lines.push(`<relation id="${r + 1}"><member type="way" ref="${from}" role="from"/><member type="node" ref="${via}" role="via"/><member type="way" ref="${to}" role="to"/><tag k="type" v="restriction"/><tag k="restriction" v="${kind}_turn_test"/></relation>`);
  });
  viaPicks.forEach(([w0, f0, t0, only], r) => {
    if (ways.length === 0) return;
    const W = ways[w0 % ways.length];
    // Enter the via way at one end (a), leave it at the other (b).
    const [a, b] = r % 2 === 0 ? [W.a, W.b] : [W.b, W.a];
    const atA = ways.filter((w) => w !== W && (w.a === a || w.b === a));
    const atB = ways.filter((w) => w !== W && (w.a === b || w.b === b));
    if (atA.length === 0 || atB.length === 0) return;
    const F = atA[f0 % atA.length];
    const T = atB[t0 % atB.length];
    const kind = only ? 'only' : 'no';
    const applies = (F.b === a ? F.fwd : F.bwd) && (W.a === a ? W.fwd : W.bwd) && (T.a === b ? T.fwd : T.bwd);
    restrictions.push({ kind, from: F.id, via: -1, viaWay: { id: W.id, a, b }, to: T.id, applies });
    lines.push(`<relation id="${500 + r}"><member type="way" ref="${F.id}" role="from"/><member type="way" ref="${W.id}" role="via"/><member type="way" ref="${T.id}" role="to"/><tag k="type" v="restriction"/><tag k="restriction" v="${kind}_u_turn"/></relation>`);
  });
  lines.push('</osm>');
  return { xml: lines.join('\n'), restrictions };
}

/** OSM node id of each graph node, by coordinates (copies of a split junction share its id). */
function osmIds(g: RoadGraph, k: number): Int32Array {
  const drawn = new LocalProjection(0, 0);
  const local = new LocalProjection(g.origin.lon, g.origin.lat);
  const ids = new Int32Array(g.nodeCount).fill(-1);
  for (let j = 0; j < k; j++) {
    for (let i = 0; i < k; i++) {
      const x = local.x(drawn.lon(i * 100 + ((j * 3) % 4)));
      const y = local.y(drawn.lat(j * 100 + ((i * 7) % 5)));
      for (let v = 0; v < g.nodeCount; v++) if (Math.hypot(g.x(v) - x, g.y(v) - y) < 1e-3) ids[v] = 1 + j * k + i;
    }
  }
  return ids;
}

/** Turn-aware Dijkstra on the unrestricted graph: states are (previous edge, edge) pairs; banned maneuvers are skipped. */
function turnAware(g: RoadGraph, osm: Int32Array, rs: Restriction[], s: number): { time: Float64Array; len: Float64Array } {
  const banned = (prev: number, eIn: number, eOut: number): boolean => {
    const v = g.target[eIn];
    for (const r of rs) {
      if (!r.applies) continue;
      if (r.viaWay) {
        const w = r.viaWay;
        if (prev < 0 || g.wayId[prev] !== r.from || osm[g.target[prev]] !== w.a) continue;
        if (g.wayId[eIn] !== w.id || osm[g.source[eIn]] !== w.a || osm[v] !== w.b) continue;
        if ((r.kind === 'no') === (g.wayId[eOut] === r.to)) return true;
        continue;
      }
      if (osm[v] !== r.via || g.wayId[eIn] !== r.from) continue;
      // Single-segment ways: the to road's edge out of the junction (for a u-turn, back along the from road).
      const isExit = g.wayId[eOut] === r.to && (r.from !== r.to || g.target[eOut] === g.source[eIn]);
      if (r.kind === 'no' ? isExit : !isExit) return true;
    }
    return false;
  };
  // State id: m * (prev + 1) + edge, prev = -1 for the first edge of a route.
  const m = g.edgeCount;
  const heap = new IndexedMinHeap(m * (m + 1));
  const st = new Map<number, [number, number]>();
  const relax = (id: number, t: number, l: number) => {
    const cur = st.get(id);
    if (!cur || t < cur[0] || (t === cur[0] && l < cur[1])) {
      st.set(id, [t, l]);
      heap.pushOrDecrease(id, t);
    }
  };
  for (let e = g.firstEdge[s]; e < g.firstEdge[s + 1]; e++) relax(e, g.timeMs[e], g.lengthMm[e]);
  while (heap.size > 0) {
    const id = heap.pop();
    const prev = Math.floor(id / m) - 1;
    const e = id % m;
    const [t, l] = st.get(id)!;
    const v = g.target[e];
    for (let f = g.firstEdge[v]; f < g.firstEdge[v + 1]; f++) if (!banned(prev, e, f)) relax(m * (e + 1) + f, t + g.timeMs[f], l + g.lengthMm[f]);
  }
  const time = new Float64Array(g.nodeCount).fill(Infinity);
  const len = new Float64Array(g.nodeCount).fill(Infinity);
  time[s] = 0;
  len[s] = 0;
  for (const [id, [t, l]] of st) {
    const v = g.target[id % m];
    if (t < time[v] || (t === time[v] && l < len[v])) {
      time[v] = t;
      len[v] = l;
    }
  }
  return { time, len };
}

describe('turn restrictions by junction splitting equal a turn-aware search (property)', () => {
  it('on random grids with random restrictions', () => {
    fc.assert(
      fc.property(arbCase, ({ k, segments, restrictions: picks, viaWays }) => {
        const { xml, restrictions } = buildXml(k, segments, picks, viaWays);
        const bytes = new TextEncoder().encode(xml);
        let split: RoadGraph;
        let plain: RoadGraph;
        try {
          split = importCity(bytes, { name: 'grid.osm', buildings: false }).graph;
          plain = importCity(bytes, { name: 'grid.osm', buildings: false, turnRestrictions: false }).graph;
        } catch {
          return; // no drivable roads in this draw
        }
        const splitOsm = osmIds(split, k);
        const plainOsm = osmIds(plain, k);
        const plainOf = new Map<number, number>();
        plainOsm.forEach((id, v) => plainOf.set(id, v));
        // Both imports keep their largest component; restrictions can make another component the
        // largest (or tie), and then there is nothing to compare.
        if (Array.from(splitOsm).some((id) => !plainOf.has(id))) return;
        const ch = new ChQuery(buildContractionHierarchy(split));
        const ref = new TieBreakDijkstra(split);
        // Compare between junctions that were not split (a split one has no single "the node").
        const plainNodes = Array.from({ length: split.nodeCount }, (_, v) => v).filter((v) => !(split.nodeFlags[v] & NodeFlag.TurnSplit));
        for (const s of plainNodes) {
          const truth = turnAware(plain, plainOsm, restrictions, plainOf.get(splitOsm[s])!);
          ref.run(s);
          for (const t of plainNodes) {
            const want = [truth.time[plainOf.get(splitOsm[t])!], truth.len[plainOf.get(splitOsm[t])!]];
            expect([s, t, ref.timeTo(t), ref.lengthTo(t)]).toEqual([s, t, ...want]);
            expect([ch.query(s, t), ch.lengthMm]).toEqual(want);
          }
        }
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 150) },
    );
  });
});
