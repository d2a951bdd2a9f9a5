import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { graphFromAscii } from '../../../../test/fixtures/graphFromAscii.ts';
import { syntheticCity } from '../../../../test/fixtures/syntheticCity.ts';
import { RoadClass, type RoadGraph } from '../../network/RoadGraph.ts';
import { RoadGraphBuilder } from '../../network/RoadGraphBuilder.ts';
import { Dijkstra } from '../Dijkstra.ts';
import { Rng } from '../../util/rng.ts';
import { buildContractionHierarchy } from './buildContractionHierarchy.ts';
import { ContractionHierarchy } from './ContractionHierarchy.ts';
import { ChQuery } from './ChQuery.ts';
import { ChMatrix } from './ChMatrix.ts';
import { TieBreakDijkstra } from './TieBreakDijkstra.ts';

/** Check a CH path: a chain of graph edges from s to t whose sums equal the query's costs. */
function expectPath(g: RoadGraph, path: number[], s: number, t: number, timeMs: number, lengthMm: number): void {
  if (s === t || timeMs === Infinity) {
    expect(path).toEqual([]);
    return;
  }
  expect(g.source[path[0]]).toBe(s);
  expect(g.target[path[path.length - 1]]).toBe(t);
  let tt = 0;
  let ll = 0;
  for (let i = 0; i < path.length; i++) {
    if (i > 0) expect(g.source[path[i]]).toBe(g.target[path[i - 1]]);
    tt += g.timeMs[path[i]];
    ll += g.lengthMm[path[i]];
  }
  expect([tt, ll]).toEqual([timeMs, lengthMm]);
}

/** Compare CH queries with the tie-breaking reference (and time with the plain Dijkstra) from each source to all targets. */
function checkAgainstDijkstra(g: RoadGraph, ch: ContractionHierarchy, sources: number[], targets: number[]): number {
  const q = new ChQuery(ch);
  const ref = new TieBreakDijkstra(g);
  const plain = new Dijkstra(g);
  let checked = 0;
  for (const s of sources) {
    ref.run(s);
    plain.oneToAll(s);
    for (const t of targets) {
      const time = q.query(s, t);
      expect([s, t, time, q.lengthMm]).toEqual([s, t, ref.timeTo(t), ref.lengthTo(t)]);
      expect(time).toBe(plain.costTo(t));
      expectPath(g, q.pathEdges(), s, t, time, q.lengthMm);
      checked++;
    }
  }
  return checked;
}

describe('contraction hierarchy on a hand-checked grid', () => {
  const { graph, id } = graphFromAscii(`
A-B>C-D
|   | |
E=F=G=H
|     ^
I-J-K-L
`);
  const ch = buildContractionHierarchy(graph);

  it('matches Dijkstra on every pair, one-ways included', () => {
    const all = Array.from({ length: graph.nodeCount }, (_, i) => i);
    expect(checkAgainstDijkstra(graph, ch, all, all)).toBe(144);
    const q = new ChQuery(ch);
    expect(q.query(id('D'), id('A'))).toBe(42_000); // B>C is one-way: D-H=G=F=E-A
    expect(q.pathEdges().map((e) => graph.target[e])).toEqual(['H', 'G', 'F', 'E', 'A'].map(id));
    expect(q.query(id('H'), id('L'))).toBe(66_000);
  });

  it('serialises to one buffer and refuses foreign, truncated or mismatched ones', () => {
    const copy = ContractionHierarchy.from(ch.toBuffer().slice(0));
    expect(new ChQuery(copy).query(id('D'), id('A'))).toBe(42_000);
    expect(copy.matches(graph)).toBe(true);
    expect(() => ContractionHierarchy.from(new ArrayBuffer(64))).toThrow(/bad magic/);
    expect(() => ContractionHierarchy.from(ch.toBuffer().slice(0, 100))).toThrow(/truncated/);
    const other = graphFromAscii('A-B-C').graph;
    expect(() => copy.assertMatches(other)).toThrow(/different graph/);
  });
});

/** Random small multigraph: parallel edges, self-loops, one-ways, random speeds and lengths. */
const arbGraph = fc
  .record({
    n: fc.integer({ min: 1, max: 14 }),
    edges: fc.array(fc.tuple(fc.nat(13), fc.nat(13), fc.integer({ min: 5, max: 60 }), fc.integer({ min: 1, max: 500 }), fc.boolean()), { maxLength: 45 }),
  })
  .map(({ n, edges }) => {
    const b = new RoadGraphBuilder();
    for (let i = 0; i < n; i++) b.addNode((i % 4) * 100, Math.floor(i / 4) * 100);
    for (const [u, v, kmh, lengthM, oneWay] of edges) b.addRoad(u % n, v % n, { roadClass: RoadClass.Residential, speedLimitKmh: kmh, lengthM, oneWay });
    return b.finish(60);
  });

describe('contraction hierarchy equals Dijkstra (property)', () => {
  it('on random multigraphs with one-ways, every pair, both orderings', () => {
    fc.assert(
      fc.property(arbGraph, fc.constantFrom('rounds' as const, 'queue' as const), (g, ordering) => {
        const all = Array.from({ length: g.nodeCount }, (_, i) => i);
        checkAgainstDijkstra(g, buildContractionHierarchy(g, { ordering }), all, all);
      }),
      { numRuns: 150 },
    );
  });

  it('on a synthetic city with one-ways, shape points and random speeds (4,000 pairs)', () => {
    const g = syntheticCity({ cols: 45, rows: 40, shapePointShare: 0.3, oneWayShare: 0.4, seed: 11 });
    const ch = buildContractionHierarchy(g);
    const rng = new Rng(5);
    const pick = (k: number) => Array.from({ length: k }, () => rng.int(g.nodeCount));
    expect(checkAgainstDijkstra(g, ch, pick(40), pick(100))).toBe(4000);
  });
});

describe('bucket many-to-many matrix', () => {
  it('equals repeated Dijkstra, with repeated and coinciding sources and targets', () => {
    const g = syntheticCity({ cols: 30, rows: 30, shapePointShare: 0.2, seed: 3 });
    const ch = buildContractionHierarchy(g);
    const rng = new Rng(8);
    const sources = Array.from({ length: 35 }, () => rng.int(g.nodeCount));
    const targets = [...Array.from({ length: 50 }, () => rng.int(g.nodeCount)), sources[0], sources[0]];
    const m = new ChMatrix(ch).compute(sources, targets);
    const ref = new TieBreakDijkstra(g);
    sources.forEach((s, i) => {
      ref.run(s);
      targets.forEach((t, j) => expect([i, j, m.timeMs[i * targets.length + j], m.lengthMm[i * targets.length + j]]).toEqual([i, j, ref.timeTo(t), ref.lengthTo(t)]));
    });
  });

  it('reports Infinity for unreachable cells and names bad ids', () => {
    const { graph, id } = graphFromAscii(`
A>B-C
    |
D-E F
`);
    const ch = buildContractionHierarchy(graph);
    const m = new ChMatrix(ch).compute([id('A'), id('D')], [id('C'), id('E'), id('A')]);
    expect(Array.from(m.timeMs)).toEqual([24_000, Infinity, 0, Infinity, 12_000, Infinity]);
    expect(() => new ChMatrix(ch).compute([99], [0])).toThrow('ChMatrix: source 0 is node 99, out of range (6 nodes)');
  });
});
