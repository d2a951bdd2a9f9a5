import { Rng } from '../util/rng.ts';
import { RoadClass } from '../network/RoadGraph.ts';
import type { RoadGraph } from '../network/RoadGraph.ts';
import { RoadGraphBuilder } from '../network/RoadGraphBuilder.ts';
import { BuildingsBuilder, type Buildings } from './Buildings.ts';

export interface ProceduralCityParams {
  /** Extent of the street grid, metres. */
  readonly widthM: number;
  readonly heightM: number;
  /** Target block size (street spacing), metres. */
  readonly blockM: number;
  /** Every n-th street (and the outer ring) is a two-way arterial. */
  readonly arterialEvery: number;
  /** Share of local streets that are one-way. */
  readonly oneWayShare: number;
  /** Share of blocks left as parks (no buildings). */
  readonly parkShare: number;
  readonly seed: number;
}

export interface ProceduralCity {
  readonly graph: RoadGraph;
  readonly buildings: Buildings;
  /** Street-facing door point of each building, flat [x0, y0, …]. */
  readonly doorXY: Float64Array;
  /** Node at the end of the warehouse access road, outside the grid. */
  readonly warehouseNode: number;
  /** Arterial intersections (candidate station sites). */
  readonly arterialNodes: Uint32Array;
}

/** Longest road piece between nodes: streets are subdivided so doors snap within ~25 m. */
const MAX_PIECE_M = 50;
const ARTERIAL_SETBACK_M = 16;
const LOCAL_SETBACK_M = 10;

/**
 * A seeded grid city: jittered intersections, arterials every few streets and around the edge,
 * one-way local streets (each runs boundary to boundary, so the network stays strongly
 * connected), building lots along every block face with heights falling off from downtown, and
 * a warehouse on an access road at the west edge. Same parameters, same city, byte for byte.
 */
export function generateProceduralCity(p: ProceduralCityParams): ProceduralCity {
  const rng = new Rng(p.seed);
  const nx = Math.max(2, Math.round(p.widthM / p.blockM));
  const ny = Math.max(2, Math.round(p.heightM / p.blockM));
  const bx = p.widthM / nx;
  const by = p.heightM / ny;
  const b = new RoadGraphBuilder();
  const jitter = 0.08 * Math.min(bx, by);
  const corner = new Uint32Array((nx + 1) * (ny + 1));
  const at = (i: number, j: number) => corner[j * (nx + 1) + i];
  for (let j = 0; j <= ny; j++) {
    for (let i = 0; i <= nx; i++) {
      const edge = i === 0 || j === 0 || i === nx || j === ny;
      const x = -p.widthM / 2 + i * bx + (edge ? 0 : rng.range(-jitter, jitter));
      const y = -p.heightM / 2 + j * by + (edge ? 0 : rng.range(-jitter, jitter));
      corner[j * (nx + 1) + i] = b.addNode(x, y);
    }
  }
  const isArterial = (k: number, n: number) => k === 0 || k === n || k % p.arterialEvery === 0;
  const hClass: boolean[] = [];
  const vClass: boolean[] = [];
  for (let j = 0; j <= ny; j++) hClass.push(isArterial(j, ny));
  for (let i = 0; i <= nx; i++) vClass.push(isArterial(i, nx));

  const streetLine = (arterial: boolean, index: number, nodes: number[]) => {
    const oneWay = !arterial && rng.chance(p.oneWayShare);
    const reverse = oneWay && rng.chance(0.5);
    const spec = arterial
      ? { roadClass: index % (2 * p.arterialEvery) === 0 ? RoadClass.Primary : RoadClass.Secondary, speedLimitKmh: index % (2 * p.arterialEvery) === 0 ? 60 : 50 }
      : { roadClass: RoadClass.Residential, speedLimitKmh: 30 };
    for (let k = 0; k + 1 < nodes.length; k++) {
      const [u, v] = reverse ? [nodes[k + 1], nodes[k]] : [nodes[k], nodes[k + 1]];
      addSubdivided(b, u, v, { ...spec, oneWay });
    }
  };
  for (let j = 0; j <= ny; j++) streetLine(hClass[j], j, Array.from({ length: nx + 1 }, (_, i) => at(i, j)));
  for (let i = 0; i <= nx; i++) streetLine(vClass[i], i, Array.from({ length: ny + 1 }, (_, j) => at(i, j)));

  // Warehouse access road, leaving the west edge at the middle arterial.
  const gate = at(0, Math.round(ny / 2 / p.arterialEvery) * p.arterialEvery);
  const warehouseNode = b.addNode(b.nodeX(gate) - 300, b.nodeY(gate));
  addSubdivided(b, gate, warehouseNode, { roadClass: RoadClass.Tertiary, speedLimitKmh: 40, oneWay: false });

  const graph = b.finish(60);
  const lots = placeBuildings(p, rng, nx, ny, (i, j) => [graph.x(at(i, j)), graph.y(at(i, j))], hClass, vClass);
  const whX = graph.x(warehouseNode);
  const whY = graph.y(warehouseNode);
  lots.buildings.add([whX - 140, whY - 70, whX - 20, whY - 70, whX - 20, whY + 70, whX - 140, whY + 70], 12);
  lots.doors.push(whX - 20, whY);
  const arterialNodes: number[] = [];
  for (let j = 0; j <= ny; j++) for (let i = 0; i <= nx; i++) if (hClass[j] && vClass[i]) arterialNodes.push(at(i, j));
  return { graph, buildings: lots.buildings.finish(), doorXY: Float64Array.from(lots.doors), warehouseNode, arterialNodes: Uint32Array.from(arterialNodes) };
}

function addSubdivided(b: RoadGraphBuilder, u: number, v: number, spec: { roadClass: RoadClass; speedLimitKmh: number; oneWay: boolean }): void {
  const ux = b.nodeX(u);
  const uy = b.nodeY(u);
  const len = Math.hypot(b.nodeX(v) - ux, b.nodeY(v) - uy);
  const pieces = Math.max(1, Math.ceil(len / MAX_PIECE_M));
  let prev = u;
  for (let k = 1; k < pieces; k++) {
    const t = k / pieces;
    const mid = b.addNode(ux + t * (b.nodeX(v) - ux), uy + t * (b.nodeY(v) - uy));
    b.addRoad(prev, mid, spec);
    prev = mid;
  }
  b.addRoad(prev, v, spec);
}

type Corner = (i: number, j: number) => [number, number];

function placeBuildings(p: ProceduralCityParams, rng: Rng, nx: number, ny: number, corner: Corner, hArt: boolean[], vArt: boolean[]) {
  const buildings = new BuildingsBuilder();
  const doors: number[] = [];
  const radius = Math.hypot(p.widthM, p.heightM) / 2;
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      if (rng.chance(p.parkShare)) continue;
      // Block corners counter-clockwise, and the setback of the street on each side (S, E, N, W).
      const quad = [corner(i, j), corner(i + 1, j), corner(i + 1, j + 1), corner(i, j + 1)];
      const setbacks = [hArt[j], vArt[i + 1], hArt[j + 1], vArt[i]].map((a) => (a ? ARTERIAL_SETBACK_M : LOCAL_SETBACK_M));
      const inner = insetQuad(quad, setbacks);
      const cx = (quad[0][0] + quad[2][0]) / 2;
      const cy = (quad[0][1] + quad[2][1]) / 2;
      const zone = Math.hypot(cx, cy) / radius; // 0 downtown .. 1 edge
      const innerDepth = Math.min(dist(inner[0], inner[3]), dist(inner[0], inner[1]));
      const depth = Math.min(rng.range(14, 26), 0.45 * innerDepth);
      if (depth < 6) continue;
      for (let side = 0; side < 4; side++) {
        const a = inner[side];
        const z = inner[(side + 1) % 4];
        // S and N faces run the full length; E and W faces fit between them.
        const clear = side % 2 === 1 ? depth + 2 : 0;
        placeLots(rng, a, z, clear, depth, zone, buildings, doors);
      }
    }
  }
  return { buildings, doors };
}

function placeLots(rng: Rng, a: [number, number], z: [number, number], clear: number, depth: number, zone: number, out: BuildingsBuilder, doors: number[]) {
  const len = dist(a, z);
  const ux = (z[0] - a[0]) / len;
  const uy = (z[1] - a[1]) / len;
  const nx = -uy; // inward (left) normal of a counter-clockwise ring
  const ny = ux;
  let s = clear;
  while (s < len - clear - 8) {
    const front = Math.min(rng.range(12, 30), len - clear - s);
    if (front < 8) break;
    const d = depth * rng.range(0.7, 1);
    const x0 = a[0] + ux * s;
    const y0 = a[1] + uy * s;
    const x1 = x0 + ux * front;
    const y1 = y0 + uy * front;
    out.add([x0, y0, x1, y1, x1 + nx * d, y1 + ny * d, x0 + nx * d, y0 + ny * d], storeys(rng, zone) * 3.2);
    doors.push((x0 + x1) / 2, (y0 + y1) / 2);
    s += front + rng.range(1, 4);
  }
}

/** Floors by distance from downtown: towers in the centre, houses at the edge. */
function storeys(rng: Rng, zone: number): number {
  if (zone < 0.18) return 6 + rng.int(rng.chance(0.35) ? 28 : 12);
  if (zone < 0.35) return 4 + rng.int(rng.chance(0.2) ? 14 : 6);
  if (zone < 0.6) return 3 + rng.int(4);
  return 1 + rng.int(3);
}

function dist(a: [number, number], b: [number, number]): number {
  return Math.hypot(b[0] - a[0], b[1] - a[1]);
}

/** Offset each side of a convex counter-clockwise quad inward by its setback; intersect neighbours. */
function insetQuad(q: [number, number][], setback: number[]): [number, number][] {
  const lines = q.map((a, k) => {
    const z = q[(k + 1) % 4];
    const len = dist(a, z);
    const dx = (z[0] - a[0]) / len;
    const dy = (z[1] - a[1]) / len;
    return { px: a[0] - dy * setback[k], py: a[1] + dx * setback[k], dx, dy };
  });
  return lines.map((l, k) => {
    const prev = lines[(k + 3) % 4];
    // Solve prev.p + s * prev.d = l.p + t * l.d for the corner between the two offset lines.
    const den = prev.dx * l.dy - prev.dy * l.dx;
    const s = ((l.px - prev.px) * l.dy - (l.py - prev.py) * l.dx) / den;
    return [prev.px + s * prev.dx, prev.py + s * prev.dy] as [number, number];
  });
}
