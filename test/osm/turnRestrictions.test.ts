import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importCity } from '../../src/core/osm/importCity.ts';
import { LocalProjection } from '../../src/core/geo/LocalProjection.ts';
import { NodeFlag, type RoadGraph } from '../../src/core/network/RoadGraph.ts';
import { validateGraph } from '../../src/core/network/validateGraph.ts';
import { buildContractionHierarchy } from '../../src/core/routing/ch/buildContractionHierarchy.ts';
import { ChQuery } from '../../src/core/routing/ch/ChQuery.ts';
import { TieBreakDijkstra } from '../../src/core/routing/ch/TieBreakDijkstra.ts';

const bytes = new Uint8Array(readFileSync(new URL('../fixtures/osm/turns.osm', import.meta.url)));
/** Fixture points in metres on the plane the fixture was drawn on (see turns.osm). */
const TURNS: Record<string, [number, number]> = { S: [100, 0], C: [100, 100], N: [100, 200], W: [0, 100], E: [250, 100], NW: [0, 220], SE: [260, 0], SW: [0, 0] };
let POINTS = TURNS;

function names(graph: RoadGraph) {
  const drawn = new LocalProjection(0, 0);
  const local = new LocalProjection(graph.origin.lon, graph.origin.lat);
  const nameOf = (v: number) => {
    for (const [k, [x, y]] of Object.entries(POINTS)) {
      if (Math.hypot(local.x(drawn.lon(x)) - graph.x(v), local.y(drawn.lat(y)) - graph.y(v)) < 0.01) return k;
    }
    throw new Error(`node ${v} is no fixture point`);
  };
  const nodeOf = (k: string) => {
    const found = Array.from({ length: graph.nodeCount }, (_, v) => v).filter((v) => nameOf(v) === k);
    if (found.length !== 1) throw new Error(`${k} is ${found.length} nodes`);
    return found[0];
  };
  return { nameOf, nodeOf };
}

/** Route by CH and by Dijkstra; they must agree; returns the node names along the route. */
function route(graph: RoadGraph, from: string, to: string): { via: string[]; lengthM: number } {
  const { nameOf, nodeOf } = names(graph);
  const ch = new ChQuery(buildContractionHierarchy(graph));
  const ref = new TieBreakDijkstra(graph);
  const s = nodeOf(from);
  const t = nodeOf(to);
  const time = ch.query(s, t);
  ref.run(s);
  expect([time, ch.lengthMm]).toEqual([ref.timeTo(t), ref.lengthTo(t)]);
  const path = ch.pathEdges();
  expect(path.reduce((sum, e) => sum + graph.timeMs[e], 0)).toBe(time);
  return { via: [from, ...path.map((e) => nameOf(graph.target[e]))], lengthM: ch.lengthMm / 1000 };
}

describe('turn restrictions (hand-checked fixture)', () => {
  const city = importCity(bytes, { name: 'turns.osm' });
  const g = city.graph;

  it('splits the restricted junction and reports every relation', () => {
    expect(validateGraph(g)).toEqual([]);
    expect(city.stats.roads.turnRestrictions).toEqual({ relations: 4, applied: 2, viaWay: 0, exempt: 1, invalid: 0, notApplicable: 1, splitNodes: 2 });
    // One copy of C for the approach from S, one for the approach from E; the original C has
    // no approach left, so component pruning drops it.
    const atC = Array.from({ length: g.nodeCount }, (_, v) => v).filter((v) => g.nodeFlags[v] & NodeFlag.TurnSplit);
    expect(atC.map(names(g).nameOf)).toEqual(['C', 'C']);
    expect(g.nodeCount).toBe(9);
    expect(city.stats.roads.components).toEqual({ count: 2, droppedNodes: 1, droppedEdges: 4 });
  });

  it('no_left_turn: S→W goes round by N and NW (421.98 m), not left at C', () => {
    const r = route(g, 'S', 'W');
    expect(r.via).toEqual(['S', 'C', 'N', 'NW', 'W']);
    expect(r.lengthM).toBeCloseTo(421.98, 1);
  });

  it('only_straight_on: E→N goes round by SE and S (460.50 m), not right at C', () => {
    const r = route(g, 'E', 'N');
    expect(r.via).toEqual(['E', 'SE', 'S', 'C', 'N']);
    expect(r.lengthM).toBeCloseTo(460.5, 1);
  });

  it('leaves the exempt turn and going straight on alone', () => {
    expect(route(g, 'S', 'E')).toMatchObject({ via: ['S', 'C', 'E'], lengthM: 250 });
    expect(route(g, 'E', 'W')).toMatchObject({ via: ['E', 'C', 'W'], lengthM: 250 });
    expect(route(g, 'W', 'S')).toMatchObject({ via: ['W', 'SW', 'S'], lengthM: 200 });
  });

  it('turns at C when restrictions are switched off', () => {
    const plain = importCity(bytes, { name: 'turns.osm', turnRestrictions: false }).graph;
    expect(plain.nodeCount).toBe(8);
    expect(route(plain, 'S', 'W').via).toEqual(['S', 'C', 'W']);
    expect(route(plain, 'E', 'N').via).toEqual(['E', 'C', 'N']);
  });

  it('CH equals Dijkstra on every pair of the split graph', () => {
    POINTS = TURNS;
    const ch = new ChQuery(buildContractionHierarchy(g));
    const ref = new TieBreakDijkstra(g);
    for (let s = 0; s < g.nodeCount; s++) {
      ref.run(s);
      for (let t = 0; t < g.nodeCount; t++) {
        expect([ch.query(s, t), ch.lengthMm]).toEqual([ref.timeTo(t), ref.lengthTo(t)]);
      }
    }
  });
});

describe('via-way restriction (hand-checked dual carriageway)', () => {
  const viaway = new Uint8Array(readFileSync(new URL('../fixtures/osm/viaway.osm', import.meta.url)));
  const AT: Record<string, [number, number]> = { A: [0, 20], B: [100, 20], C: [200, 20], D: [0, 0], E: [100, 0], F: [200, 0] };

  it('duplicates the via path so the u-turn across the crossover is banned from A only', () => {
    POINTS = AT;
    const city = importCity(viaway, { name: 'viaway.osm' });
    expect(city.stats.roads.turnRestrictions).toEqual({ relations: 1, applied: 1, viaWay: 1, exempt: 0, invalid: 0, notApplicable: 0, splitNodes: 2 });
    expect(city.stats.roads.components.droppedNodes).toBe(2);
    expect(city.graph.nodeCount).toBe(6);
    expect(route(city.graph, 'A', 'D')).toMatchObject({ via: ['A', 'B', 'C', 'F', 'E', 'D'], lengthM: 420 });
    expect(route(city.graph, 'C', 'D')).toMatchObject({ via: ['C', 'F', 'E', 'D'], lengthM: 220 });
    const plain = importCity(viaway, { name: 'viaway.osm', turnRestrictions: false }).graph;
    expect(route(plain, 'A', 'D')).toMatchObject({ via: ['A', 'B', 'E', 'D'], lengthM: 220 });
  });
});
