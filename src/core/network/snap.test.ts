import { describe, expect, it } from 'vitest';
import { graphFromAscii } from '../../../test/fixtures/graphFromAscii.ts';
import { EdgeSnapper } from './snap.ts';

describe('EdgeSnapper', () => {
  // 100 m cells: A(0,0) B(100,0) C(200,0); D(0,-100) E(100,-100) F(200,-100)
  const { graph, id } = graphFromAscii(`
A-B-C
|   |
D-E-F
`);
  const snapper = new EdgeSnapper(graph);

  it('projects onto the nearest segment and picks the nearer end node', () => {
    const s = snapper.snap(30, 12);
    expect(s.distanceM).toBeCloseTo(12, 9);
    expect(s.node).toBe(id('A'));
    expect([graph.source[s.edge], graph.target[s.edge]].sort()).toEqual([id('A'), id('B')].sort());
    expect(s.x).toBeCloseTo(30, 9);
    expect(snapper.snap(170, -60).node).toBe(id('F'));
  });

  it('finds roads far outside the first search window', () => {
    const s = snapper.snap(5000, -50);
    expect(s.node).toBe(id('C'));
    expect(s.distanceM).toBeGreaterThan(4700);
  });

  it('is exact against brute force on random points', () => {
    for (let i = 0; i < 200; i++) {
      const x = ((i * 7919) % 400) - 100;
      const y = ((i * 104729) % 300) - 200;
      const s = snapper.snap(x, y);
      let best = Infinity;
      for (let e = 0; e < graph.edgeCount; e++) {
        const [ax, ay, bx, by] = [graph.x(graph.source[e]), graph.y(graph.source[e]), graph.x(graph.target[e]), graph.y(graph.target[e])];
        const l2 = (bx - ax) ** 2 + (by - ay) ** 2;
        const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / l2));
        best = Math.min(best, Math.hypot(x - ax - t * (bx - ax), y - ay - t * (by - ay)));
      }
      expect(s.distanceM).toBeCloseTo(best, 9);
    }
  });
});
