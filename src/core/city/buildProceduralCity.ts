import { Rng } from '../util/rng.ts';
import { EdgeSnapper } from '../network/snap.ts';
import type { City, Doors, Facility } from './City.ts';
import { graphBBox } from './City.ts';
import { generateProceduralCity, type ProceduralCityParams } from './proceduralCity.ts';
import { placeStations } from './placeStations.ts';
import { footprintArea, type Buildings } from './Buildings.ts';
import type { RoadGraph } from '../network/RoadGraph.ts';
import { buildContractionHierarchy } from '../routing/ch/buildContractionHierarchy.ts';

export interface ChargerSpec {
  readonly ports: number;
  readonly powerKW: number;
  /** Grid connection shared by the ports, kW (default: every port at full power). */
  readonly gridLimitKW?: number;
}

/** A site's grid limit: as given, or enough for every port at full power. */
export function siteLimitKW(ch: ChargerSpec): number {
  return ch.gridLimitKW ?? ch.ports * ch.powerKW;
}

export interface FacilityParams {
  readonly stations: number;
  readonly warehouseChargers: ChargerSpec;
  readonly stationChargers: ChargerSpec;
  /** Standalone charging hubs: how many (placed by weighted k-means over demand) and their chargers. */
  readonly hubs?: ChargerSpec & { readonly count: number };
}

/** Hub ids: hub-1, hub-2, … */
export const hubId = (k: number) => `hub-${k + 1}`;

/**
 * Charging-hub sites: weighted k-means over demand like the stations (their own random stream, so
 * adding hubs does not move the stations), each on a candidate node no other facility uses.
 */
export function placeHubs(count: number, doorXY: Float64Array, weights: Float32Array, candidates: readonly number[], xyOf: (n: number) => [number, number], used: ReadonlySet<number>, seed: number): number[] {
  if (count <= 0) return [];
  const free = candidates.filter((n) => !used.has(n));
  const xy = new Float64Array(free.length * 2);
  free.forEach((n, i) => xy.set(xyOf(n), 2 * i));
  return placeStations(count, doorXY, weights, xy, new Rng(seed ^ 0x40b5)).map((i) => free[i]);
}

/** A procedural city with its doors, warehouse and transfer stations placed. */
export function buildProceduralCity(name: string, params: ProceduralCityParams, facilities: FacilityParams): City {
  const pc = generateProceduralCity(params);
  const doors = makeDoors(pc.graph, pc.buildings, pc.doorXY);
  const rng = new Rng(params.seed ^ 0x5eed);
  const candidates = new Float64Array(pc.arterialNodes.length * 2);
  pc.arterialNodes.forEach((node, i) => {
    candidates[2 * i] = pc.graph.x(node);
    candidates[2 * i + 1] = pc.graph.y(node);
  });
  const doorXY = new Float64Array(doors.count * 2);
  for (let i = 0; i < doors.count; i++) {
    doorXY[2 * i] = doors.x[i];
    doorXY[2 * i + 1] = doors.y[i];
  }
  const sites = placeStations(facilities.stations, doorXY, doors.weight, candidates, rng);
  const facility = (id: string, kind: Facility['kind'], node: number, ch: ChargerSpec): Facility => ({
    id,
    kind,
    node,
    x: pc.graph.x(node),
    y: pc.graph.y(node),
    chargerPorts: ch.ports,
    chargerKW: ch.powerKW,
    chargerLimitKW: siteLimitKW(ch),
  });
  const list: Facility[] = [facility('warehouse', 'warehouse', pc.warehouseNode, facilities.warehouseChargers)];
  sites.forEach((site, k) => list.push(facility(`station-${String.fromCharCode(65 + (k % 26))}${k >= 26 ? Math.floor(k / 26) : ''}`, 'station', pc.arterialNodes[site], facilities.stationChargers)));
  const hubs = facilities.hubs;
  if (hubs && hubs.count > 0) {
    const used = new Set(list.map((f) => f.node));
    const nodes = placeHubs(hubs.count, doorXY, doors.weight, Array.from(pc.arterialNodes), (n) => [pc.graph.x(n), pc.graph.y(n)], used, params.seed);
    nodes.forEach((node, k) => list.push(facility(hubId(k), 'hub', node, hubs)));
  }
  return { name, graph: pc.graph, ch: buildContractionHierarchy(pc.graph), buildings: pc.buildings, doors, facilities: list, bbox: graphBBox(pc.graph) };
}

/** Snap each building's door point to the road; demand weight ∝ floor area. */
export function makeDoors(graph: RoadGraph, buildings: Buildings, doorXY: Float64Array): Doors {
  const snapper = new EdgeSnapper(graph);
  const count = buildings.count;
  const doors = {
    count,
    node: new Uint32Array(count),
    building: new Int32Array(count),
    x: new Float64Array(count),
    y: new Float64Array(count),
    weight: new Float32Array(count),
  };
  for (let b = 0; b < count; b++) {
    const s = snapper.snap(doorXY[2 * b], doorXY[2 * b + 1]);
    doors.node[b] = s.node;
    doors.building[b] = b;
    doors.x[b] = doorXY[2 * b];
    doors.y[b] = doorXY[2 * b + 1];
    doors.weight[b] = footprintArea(buildings, b) * Math.max(1, Math.round(buildings.heightM[b] / 3.2));
  }
  return doors;
}
