import { describe, expect, it } from 'vitest';
import { generateProceduralCity } from '../city/proceduralCity.ts';
import { buildContractionHierarchy } from './ch/buildContractionHierarchy.ts';
import { ChTravelCosts } from './ChTravelCosts.ts';
import { CachedDijkstraCosts } from './TravelCosts.ts';
import { Rng } from '../util/rng.ts';

describe('ChTravelCosts', () => {
  const { graph } = generateProceduralCity({ widthM: 1500, heightM: 1200, blockM: 150, arterialEvery: 3, oneWayShare: 0.4, parkShare: 0, seed: 5 });
  const ch = new ChTravelCosts(buildContractionHierarchy(graph));
  const dj = new CachedDijkstraCosts(graph);
  const rng = new Rng(1);
  const nodes = Array.from({ length: 40 }, () => rng.int(graph.nodeCount));

  it('gives the same travel times as Dijkstra, and paths that add up to them', () => {
    const path: number[] = [];
    for (const a of nodes) {
      for (const b of nodes.slice(0, 10)) {
        expect(ch.timeMs(a, b)).toBe(dj.timeMs(a, b));
        const edges = ch.path(a, b, path);
        expect(edges.reduce((s, e) => s + graph.timeMs[e], 0)).toBe(ch.timeMs(a, b));
        expect(edges.reduce((s, e) => s + graph.lengthMm[e], 0)).toBe(ch.lengthMm(a, b));
      }
    }
  });

  it('fills a square matrix equal to point queries', () => {
    const n = nodes.length;
    const t = new Float64Array(n * n);
    const l = new Float64Array(n * n);
    ch.matrix(nodes, nodes, t, l);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        expect(t[i * n + j]).toBe(dj.timeMs(nodes[i], nodes[j]));
        expect(l[i * n + j]).toBe(ch.lengthMm(nodes[i], nodes[j]));
      }
    }
  });
});
