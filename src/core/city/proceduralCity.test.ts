import { describe, expect, it } from 'vitest';
import { generateProceduralCity } from './proceduralCity.ts';
import { buildProceduralCity } from './buildProceduralCity.ts';
import { validateGraph } from '../network/validateGraph.ts';
import { Dijkstra } from '../routing/Dijkstra.ts';
import { EdgeFlag, RoadClass } from '../network/RoadGraph.ts';
import { signedArea } from './Buildings.ts';

const params = { widthM: 2400, heightM: 1800, blockM: 150, arterialEvery: 4, oneWayShare: 0.35, parkShare: 0.05, seed: 11 };
const facilities = { stations: 3, warehouseChargers: { ports: 4, powerKW: 60 }, stationChargers: { ports: 2, powerKW: 40 } };

describe('procedural city', () => {
  const pc = generateProceduralCity(params);

  it('is a valid, strongly connected road graph with classes, limits and one-ways', () => {
    const g = pc.graph;
    expect(validateGraph(g)).toEqual([]);
    expect(g.nodeCount).toBeGreaterThan(1000);
    const d = new Dijkstra(g);
    d.oneToAll(pc.warehouseNode);
    for (let v = 0; v < g.nodeCount; v++) expect(d.costTo(v)).toBeLessThan(Infinity);
    const back = new Dijkstra(g);
    for (let v = 0; v < g.nodeCount; v += 97) expect(back.oneToOne(v, pc.warehouseNode)).toBeLessThan(Infinity);
    const classes = new Set(g.roadClass);
    expect(classes.has(RoadClass.Primary) && classes.has(RoadClass.Residential)).toBe(true);
    let oneWay = 0;
    for (let e = 0; e < g.edgeCount; e++) if (g.flags[e] & EdgeFlag.OneWay) oneWay++;
    expect(oneWay / g.edgeCount).toBeGreaterThan(0.05);
    expect(Math.max(...g.speedLimitKmh)).toBe(60);
  });

  it('has buildings with positive heights, counter-clockwise footprints inside the city', () => {
    const b = pc.buildings;
    expect(b.count).toBeGreaterThan(1000);
    for (let i = 0; i < b.count; i++) {
      expect(b.heightM[i]).toBeGreaterThanOrEqual(3);
      expect(signedArea(b.xy, b.ringStart[i], b.ringStart[i + 1])).toBeGreaterThan(0);
    }
  });

  it('is deterministic for a seed and varies across seeds', () => {
    const again = generateProceduralCity(params);
    expect(Buffer.from(again.graph.toBuffer()).equals(Buffer.from(pc.graph.toBuffer()))).toBe(true);
    expect(Array.from(again.buildings.xy)).toEqual(Array.from(pc.buildings.xy));
    const other = generateProceduralCity({ ...params, seed: 12 });
    expect(Buffer.from(other.graph.toBuffer()).equals(Buffer.from(pc.graph.toBuffer()))).toBe(false);
  });

  it('places a warehouse at the edge, distinct stations and doors on the network', () => {
    const city = buildProceduralCity('test', params, facilities);
    expect(city.facilities.map((f) => f.kind)).toEqual(['warehouse', 'station', 'station', 'station']);
    expect(city.facilities[0].x).toBeLessThan(-params.widthM / 2);
    expect(new Set(city.facilities.map((f) => f.node)).size).toBe(4);
    expect(city.doors.count).toBe(city.buildings.count);
    for (let i = 0; i < city.doors.count; i += 13) {
      const n = city.doors.node[i];
      expect(Math.hypot(city.graph.x(n) - city.doors.x[i], city.graph.y(n) - city.doors.y[i])).toBeLessThan(60);
    }
  });
});
