import { Rng } from '../util/rng.ts';
import { NodeFlag, RoadClass, type RoadGraph } from '../network/RoadGraph.ts';
import { EdgeSnapper } from '../network/snap.ts';
import { LocalProjection } from '../geo/LocalProjection.ts';
import type { CityPackContents } from './CityPack.ts';
import type { City, Doors, Facility } from './City.ts';
import { buildingCentroid, footprintArea, type Buildings } from './Buildings.ts';
import { placeStations } from './placeStations.ts';
import { hubId, placeHubs, siteLimitKW, type ChargerSpec, type FacilityParams } from './buildProceduralCity.ts';

/** Buildings farther than this from any road the van may drive get no door (no parcels). */
const MAX_DOOR_DISTANCE_M = 120;

export interface OsmPlacement {
  /** Where the warehouse is; default: a main road at the edge of the demand area. */
  readonly warehouse?: { readonly lon: number; readonly lat: number };
  /** Where the stations are; default: weighted k-means over demand. */
  readonly stations?: readonly { readonly lon: number; readonly lat: number }[];
  /** Where the charging hubs are; default: facilities.hubs.count of them by weighted k-means over demand. */
  readonly hubs?: readonly { readonly lon: number; readonly lat: number }[];
}

/**
 * A real city from an imported OpenStreetMap pack: every building gets a door at the road point
 * nearest its centroid (never on a junction copy made for turn restrictions, where a van could
 * not stop), demand in proportion to floor area; the warehouse on a main road at the edge of the
 * demand area and stations by weighted k-means, unless the scenario pins them by lon/lat.
 */
export function buildOsmCity(name: string, pack: CityPackContents, facilities: FacilityParams, placement: OsmPlacement, seed: number): City {
  const { graph, ch, buildings, meta } = pack;
  const split = (e: number) => ((graph.nodeFlags[graph.source[e]] | graph.nodeFlags[graph.target[e]]) & NodeFlag.TurnSplit) !== 0;
  const snapper = new EdgeSnapper(graph, (e) => !split(e));
  const doors = makeOsmDoors(buildings, snapper);
  if (doors.count === 0) throw new Error(`${name}: no building is within ${MAX_DOOR_DISTANCE_M} m of a road the van may drive, so there is nowhere to deliver`);
  const origin = (meta.origin as { lon: number; lat: number } | undefined) ?? graph.origin;
  const proj = new LocalProjection(origin.lon, origin.lat);
  const candidates = mainRoadNodes(graph);
  const atLonLat = (p: { lon: number; lat: number }) => snapper.snap(proj.x(p.lon), proj.y(p.lat)).node;
  const warehouseNode = placement.warehouse ? atLonLat(placement.warehouse) : edgeOfDemand(graph, doors, candidates);
  const doorXY = new Float64Array(doors.count * 2);
  for (let d = 0; d < doors.count; d++) doorXY.set([doors.x[d], doors.y[d]], 2 * d);
  let stationNodes: number[];
  if (placement.stations) {
    stationNodes = placement.stations.map(atLonLat);
  } else {
    const xy = new Float64Array(candidates.length * 2);
    candidates.forEach((n, i) => xy.set([graph.x(n), graph.y(n)], 2 * i));
    stationNodes = placeStations(facilities.stations, doorXY, doors.weight, xy, new Rng(seed ^ 0x5eed)).map((i) => candidates[i]);
  }
  const used = new Set<number>([warehouseNode]);
  const facility = (id: string, kind: Facility['kind'], node: number, c: ChargerSpec): Facility => ({ id, kind, node, x: graph.x(node), y: graph.y(node), chargerPorts: c.ports, chargerKW: c.powerKW, chargerLimitKW: siteLimitKW(c) });
  const list: Facility[] = [facility('warehouse', 'warehouse', warehouseNode, facilities.warehouseChargers)];
  stationNodes.forEach((node, k) => {
    if (used.has(node)) throw new Error(`${name}: station ${k + 1} falls on the same road node as another facility; move it`);
    used.add(node);
    list.push(facility(`station-${String.fromCharCode(65 + (k % 26))}${k >= 26 ? Math.floor(k / 26) : ''}`, 'station', node, facilities.stationChargers));
  });
  const hubs = facilities.hubs;
  if (hubs && (placement.hubs?.length || hubs.count > 0)) {
    const nodes = placement.hubs ? placement.hubs.map(atLonLat) : placeHubs(hubs.count, doorXY, doors.weight, candidates, (n) => [graph.x(n), graph.y(n)], used, seed);
    nodes.forEach((node, k) => {
      if (used.has(node)) throw new Error(`${name}: charging hub ${k + 1} falls on the same road node as another facility; move it`);
      used.add(node);
      list.push(facility(hubId(k), 'hub', node, hubs));
    });
  }
  const bb = meta.bbox as City['bbox'] | undefined;
  return { name, graph, ch, buildings, doors, facilities: list, bbox: bb ?? { minX: -1, minY: -1, maxX: 1, maxY: 1 }, attribution: meta.attribution };
}

function makeOsmDoors(b: Buildings, snapper: EdgeSnapper): Doors {
  const node: number[] = [];
  const building: number[] = [];
  const xs: number[] = [];
  const ys: number[] = [];
  const weight: number[] = [];
  for (let i = 0; i < b.count; i++) {
    const [cx, cy] = buildingCentroid(b, i);
    const s = snapper.snap(cx, cy);
    if (s.distanceM > MAX_DOOR_DISTANCE_M) continue;
    node.push(s.node);
    building.push(i);
    xs.push(cx);
    ys.push(cy);
    const floors = Math.max(1, Math.round((b.heightM[i] - b.minHeightM[i]) / 3.2));
    weight.push(Math.max(1, footprintArea(b, i)) * floors);
  }
  return { count: node.length, node: Uint32Array.from(node), building: Int32Array.from(building), x: Float64Array.from(xs), y: Float64Array.from(ys), weight: Float32Array.from(weight) };
}

/** Nodes on tertiary or bigger roads (not junction copies): where depots can sit. Falls back to all nodes. */
function mainRoadNodes(g: RoadGraph): number[] {
  const out = new Set<number>();
  for (let e = 0; e < g.edgeCount; e++) {
    if (g.roadClass[e] > RoadClass.Tertiary) continue;
    for (const n of [g.source[e], g.target[e]]) if (!(g.nodeFlags[n] & NodeFlag.TurnSplit)) out.add(n);
  }
  if (out.size < 8) for (let n = 0; n < g.nodeCount; n++) if (!(g.nodeFlags[n] & NodeFlag.TurnSplit)) out.add(n);
  return [...out].sort((a, b) => a - b);
}

/** The candidate closest to the demand's 90th-percentile radius around its weighted centre. */
function edgeOfDemand(g: RoadGraph, doors: Doors, candidates: readonly number[]): number {
  let sx = 0;
  let sy = 0;
  let sw = 0;
  for (let d = 0; d < doors.count; d++) {
    sx += doors.x[d] * doors.weight[d];
    sy += doors.y[d] * doors.weight[d];
    sw += doors.weight[d];
  }
  const cx = sx / sw;
  const cy = sy / sw;
  const radii = Array.from({ length: doors.count }, (_, d) => Math.hypot(doors.x[d] - cx, doors.y[d] - cy)).sort((a, b) => a - b);
  const r90 = radii[Math.floor(0.9 * (radii.length - 1))];
  let best = candidates[0];
  let bestGap = Infinity;
  for (const n of candidates) {
    const gap = Math.abs(Math.hypot(g.x(n) - cx, g.y(n) - cy) - r90);
    if (gap < bestGap) {
      bestGap = gap;
      best = n;
    }
  }
  return best;
}
