import { describe, expect, it } from 'vitest';
import { RoadGraph, RoadClass, EdgeFlag, NodeFlag } from './RoadGraph.ts';
import { RoadGraphBuilder } from './RoadGraphBuilder.ts';
import { validateGraph } from './validateGraph.ts';

function triangle() {
  const b = new RoadGraphBuilder({ lon: 7.42, lat: 43.73 });
  const a = b.addNode(0, 0);
  const c = b.addNode(300, 0);
  const d = b.addNode(0, 400);
  b.addRoad(a, c, { roadClass: RoadClass.Primary, speedLimitKmh: 90 });
  b.addRoad(c, d, { roadClass: RoadClass.Residential, speedLimitKmh: 30, oneWay: true });
  b.addRoad(d, a, { roadClass: RoadClass.Residential, speedLimitKmh: 30, lengthM: 450 });
  return b.finish(60);
}

describe('RoadGraph CSR', () => {
  it('lays edges out by source with a sentinel and a reverse index', () => {
    const g = triangle();
    expect(g.nodeCount).toBe(3);
    expect(g.edgeCount).toBe(5); // 2 + 1 + 2
    expect(Array.from(g.firstEdge)).toEqual([0, 2, 4, 5]);
    expect(validateGraph(g)).toEqual([]);
    const cd = g.findEdge(1, 2);
    expect(g.flags[cd] & EdgeFlag.OneWay).toBeTruthy();
    expect(g.findEdge(2, 1)).toBe(-1);
    expect(g.lengthMm[cd]).toBe(500_000);
  });

  it('caps time weights at the vehicle top speed and rounds up, never down', () => {
    const g = triangle();
    const ac = g.findEdge(0, 1);
    expect(g.speedLimitKmh[ac]).toBe(90);
    expect(g.timeMs[ac]).toBe(18_000); // 300 m at 60 km/h, not 90
    const da = g.findEdge(2, 0);
    expect(g.lengthMm[da]).toBe(450_000);
    expect(g.timeMs[da]).toBe(54_000);
    for (let e = 0; e < g.edgeCount; e++) expect(g.edgeSpeedKmh(e)).toBeLessThanOrEqual(Math.min(60, g.speedLimitKmh[e]));
  });

  it('round-trips through one buffer', () => {
    const g = triangle();
    const copy = RoadGraph.from(g.toBuffer().slice(0));
    expect(copy.origin).toEqual({ lon: 7.42, lat: 43.73 });
    expect(Array.from(copy.timeMs)).toEqual(Array.from(g.timeMs));
    expect(Array.from(copy.xy)).toEqual(Array.from(g.xy));
    expect(Array.from(copy.revEdge)).toEqual(Array.from(g.revEdge));
  });

  it('rejects foreign and truncated buffers', () => {
    expect(() => RoadGraph.from(new ArrayBuffer(64))).toThrow(/bad magic/);
    expect(() => RoadGraph.from(triangle().toBuffer().slice(0, 80))).toThrow(/truncated/);
  });

  it('keeps node flags and OSM way ids (version 2) through the buffer, one directed edge at a time', () => {
    const b = new RoadGraphBuilder();
    const a = b.addNode(0, 0);
    const c = b.addNode(100, 0);
    b.setNodeFlags(c, NodeFlag.TurnSplit);
    b.addEdge(a, c, { roadClass: RoadClass.Service, speedLimitKmh: 20, wayId: 12_345_678_901, flags: EdgeFlag.Roundabout });
    const g = RoadGraph.from(b.finish(60).toBuffer().slice(0));
    expect(g.edgeCount).toBe(1);
    expect(g.wayId[0]).toBe(12_345_678_901);
    expect(g.flags[0]).toBe(EdgeFlag.Roundabout);
    expect(Array.from(g.nodeFlags)).toEqual([0, NodeFlag.TurnSplit]);
    expect(validateGraph(g)).toEqual([]);
  });
});
