import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { graphFromAscii } from '../../../test/fixtures/graphFromAscii.ts';
import { Dijkstra } from './Dijkstra.ts';
import { AStar } from './AStar.ts';
import { RoadGraphBuilder } from '../network/RoadGraphBuilder.ts';
import { RoadClass } from '../network/RoadGraph.ts';
import { validateGraph } from '../network/validateGraph.ts';

// 100 m cells. Residential 30 km/h: 100 m = 12 000 ms. Arterial (=, H) 60 km/h: 100 m = 6 000 ms.
const city = graphFromAscii(`
A-B>C-D
|   | |
E=F=G=H
|     ^
I-J-K-L
`);

describe('Dijkstra on a hand-checked grid', () => {
  const { graph, id } = city;
  const d = new Dijkstra(graph);

  it('builds a valid graph', () => {
    expect(validateGraph(graph)).toEqual([]);
    expect(graph.nodeCount).toBe(12);
  });

  it('finds the hand-computed fastest time', () => {
    // A→D: A-B-C-D is 3 residential cells = 36 s; via the arterial A-E=F=G=H-D = 12 + 18 + 12 = 42 s.
    expect(d.oneToOne(id('A'), id('D'))).toBe(36_000);
    // D→A: B>C is one-way eastbound, so D-H=G=F=E-A = 12 + 18 + 12 = 42 s (D-C-G=F=E-A is 48 s).
    expect(d.oneToOne(id('D'), id('A'))).toBe(42_000);
    const path = d.pathEdges(id('A')).map((e) => graph.target[e]);
    expect(path).toEqual(['H', 'G', 'F', 'E', 'A'].map(id));
  });

  it('respects one-way streets', () => {
    // L^H: only L→H. H→L must go H=G=F=E-I-J-K-L: 18 + 12 + 36 = 66 s.
    expect(d.oneToOne(id('L'), id('H'))).toBe(12_000);
    expect(d.oneToOne(id('H'), id('L'))).toBe(66_000);
  });

  it('prefers the faster arterial over the shorter residential route by time, not by length', () => {
    const byLength = new Dijkstra(graph, 'length');
    expect(byLength.oneToOne(id('E'), id('H'))).toBe(300_000); // 300 m
    expect(d.oneToOne(id('E'), id('H'))).toBe(18_000);
  });

  it('oneToAll and oneToMany agree with oneToOne', () => {
    const all = new Dijkstra(graph);
    all.oneToAll(id('A'));
    const targets = ['D', 'L', 'A', 'L'].map(id);
    const out = new Float64Array(targets.length);
    new Dijkstra(graph).oneToMany(id('A'), targets, out);
    for (let i = 0; i < targets.length; i++) {
      expect(out[i]).toBe(d.oneToOne(id('A'), targets[i]));
      expect(all.costTo(targets[i])).toBe(out[i]);
    }
  });

  it('reports unreachable nodes as Infinity', () => {
    const { graph: g2, id: id2 } = graphFromAscii('A>B C-D');
    const d2 = new Dijkstra(g2);
    expect(d2.oneToOne(id2('B'), id2('A'))).toBe(Infinity);
    expect(d2.oneToOne(id2('A'), id2('D'))).toBe(Infinity);
    expect(d2.pathEdges(id2('D'))).toEqual([]);
  });
});

function randomGraph(seed: number, n: number) {
  // A jittered grid with random one-ways and speeds; deterministic per seed.
  let s = seed >>> 0;
  const rnd = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
  const b = new RoadGraphBuilder();
  const side = Math.ceil(Math.sqrt(n));
  for (let i = 0; i < side * side; i++) b.addNode((i % side) * 100 + rnd() * 30, Math.floor(i / side) * 100 + rnd() * 30);
  const road = (u: number, v: number) => {
    const r = rnd();
    const spec = { roadClass: RoadClass.Residential, speedLimitKmh: [20, 30, 50, 80][Math.floor(rnd() * 4)], oneWay: r < 0.3 };
    if (r < 0.9) b.addRoad(rnd() < 0.5 ? u : v, rnd() < 0.5 ? v : u, spec);
  };
  for (let i = 0; i < side * side; i++) {
    if (i % side < side - 1) road(i, i + 1);
    if (i + side < side * side) road(i, i + side);
  }
  return b.finish(60);
}

describe('A* is exact against Dijkstra', () => {
  it('on random graphs with one-ways', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e9 }), fc.array(fc.tuple(fc.nat(99), fc.nat(99)), { minLength: 5, maxLength: 20 }), (seed, pairs) => {
        const g = randomGraph(seed, 100);
        expect(validateGraph(g)).toEqual([]);
        const d = new Dijkstra(g);
        const a = new AStar(g);
        const dl = new Dijkstra(g, 'length');
        const al = new AStar(g, 'length');
        for (const [s, t] of pairs) {
          expect(a.oneToOne(s, t)).toBe(d.oneToOne(s, t));
          expect(al.oneToOne(s, t)).toBe(dl.oneToOne(s, t));
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('secondary metric', () => {
  it('sums the length along the fastest path', () => {
    const { graph, id } = city;
    const d = new Dijkstra(graph, 'time', 'length');
    d.oneToAll(id('E'));
    expect(d.costTo(id('H'))).toBe(18_000);
    expect(d.secondaryTo(id('H'))).toBe(300_000);
    // D→A goes D-H=G=F=E-A: 500 m.
    d.oneToAll(id('D'));
    expect(d.secondaryTo(id('A'))).toBe(500_000);
  });
});
