import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { importCity } from '../../src/core/network/osm/importCity.ts';
import { LocalProjection } from '../../src/core/geo/LocalProjection.ts';
import { NodeFlag, type RoadGraph } from '../../src/core/network/RoadGraph.ts';
import { buildContractionHierarchy } from '../../src/core/routing/ch/buildContractionHierarchy.ts';
import { ChQuery } from '../../src/core/routing/ch/ChQuery.ts';
import { TieBreakDijkstra } from '../../src/core/routing/ch/TieBreakDijkstra.ts';
import { IndexedMinHeap } from '../../src/core/util/heap.ts';

/**
 * Junction splitting against the definition: on random grids of single-segment ways with random
 * one-ways and random no_/only_ restrictions (u-turn bans and adjacent restricted junctions
 * included), shortest (time, length) costs on the split graph, by Dijkstra and by CH, equal those
 * of an edge-based (turn-aware) Dijkstra on the unrestricted graph that refuses forbidden turns.
 */
interface Restriction {
  kind: 'no' | 'only';
  from: number;
  via: number;
  to: number;
  /** The from road can be driven into the junction and the to road out of it (before any pruning). */
  applies: boolean;
}

const arbCase = fc.record({
  k: fc.integer({ min: 3, max: 5 }),
  segments: fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 9 }), fc.integer({ min: 20, max: 50 })), { minLength: 40, maxLength: 40 }),
  restrictions: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.boolean()), { maxLength: 10 }),
});

function buildXml(k: number, segments: [boolean, number, number][], picks: [number, number, number, boolean][]) {
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

/** Turn-aware Dijkstra on the unrestricted graph: states are edges; forbidden turns are skipped. */
function turnAware(g: RoadGraph, osm: Int32Array, rs: Restriction[], s: number): { time: Float64Array; len: Float64Array } {
  const forbidden = (eIn: number, eOut: number): boolean => {
    const v = g.target[eIn];
    let banned = false;
    for (const r of rs) {
      if (!r.applies || osm[v] !== r.via || g.wayId[eIn] !== r.from) continue;
      // Single-segment ways: the to road's edge out of the junction (for a u-turn, back along the from road).
      const isExit = g.wayId[eOut] === r.to && (r.from !== r.to || g.target[eOut] === g.source[eIn]);
      if (r.kind === 'no' ? isExit : !isExit) banned = true;
    }
    return banned;
  };
  const m = g.edgeCount;
  const heap = new IndexedMinHeap(m);
  const st = new Float64Array(m).fill(Infinity);
  const sl = new Float64Array(m).fill(Infinity);
  const relax = (e: number, t: number, l: number) => {
    if (t < st[e] || (t === st[e] && l < sl[e])) {
      st[e] = t;
      sl[e] = l;
      heap.pushOrDecrease(e, t);
    }
  };
  for (let e = g.firstEdge[s]; e < g.firstEdge[s + 1]; e++) relax(e, g.timeMs[e], g.lengthMm[e]);
  while (heap.size > 0) {
    const e = heap.pop();
    const v = g.target[e];
    for (let f = g.firstEdge[v]; f < g.firstEdge[v + 1]; f++) if (!forbidden(e, f)) relax(f, st[e] + g.timeMs[f], sl[e] + g.lengthMm[f]);
  }
  const time = new Float64Array(g.nodeCount).fill(Infinity);
  const len = new Float64Array(g.nodeCount).fill(Infinity);
  time[s] = 0;
  len[s] = 0;
  for (let e = 0; e < m; e++) {
    const v = g.target[e];
    if (st[e] < time[v] || (st[e] === time[v] && sl[e] < len[v])) {
      time[v] = st[e];
      len[v] = sl[e];
    }
  }
  return { time, len };
}

describe('turn restrictions by junction splitting equal a turn-aware search (property)', () => {
  it('on random grids with random restrictions', () => {
    fc.assert(
      fc.property(arbCase, ({ k, segments, restrictions: picks }) => {
        const { xml, restrictions } = buildXml(k, segments, picks);
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
