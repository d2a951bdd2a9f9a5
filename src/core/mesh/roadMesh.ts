import type { RoadGraph } from '../network/RoadGraph.ts';
import { RoadClass } from '../network/RoadGraph.ts';
import { MeshBuilder, type MeshArrays } from './MeshArrays.ts';

/** Half-width (m), height above ground (m) and grey level per road class. Faster roads are wider and drawn on top. */
function style(c: number): [number, number, number] {
  if (c <= RoadClass.Primary) return [7, 0.06, 0.36];
  if (c === RoadClass.Secondary) return [6, 0.05, 0.34];
  if (c === RoadClass.Tertiary) return [5, 0.04, 0.32];
  return [3.5, 0.03, 0.27];
}

/** Major roads (tertiary and up) are drawn, lit and kept at every distance; minor ones may be dropped far away. */
export function isMajorRoad(c: number): boolean {
  return c <= RoadClass.Tertiary;
}

/** A flat quad along a segment, widened by `w` and stretched by w/2 at both ends so joints are covered. */
function ribbon(mb: MeshBuilder, ax: number, ay: number, bx: number, by: number, w: number, h: number, r: number, g: number, b: number): void {
  const len = Math.hypot(bx - ax, by - ay);
  if (len === 0) return;
  const dx = (bx - ax) / len;
  const dy = (by - ay) / len;
  const x0 = ax - dx * w * 0.5;
  const y0 = ay - dy * w * 0.5;
  const x1 = bx + dx * w * 0.5;
  const y1 = by + dy * w * 0.5;
  const nx = -dy * w;
  const ny = dx * w;
  const i = mb.vertex(x0 + nx, h, -(y0 + ny), 0, 1, 0, r, g, b);
  const j = mb.vertex(x0 - nx, h, -(y0 - ny), 0, 1, 0, r, g, b);
  const k = mb.vertex(x1 - nx, h, -(y1 - ny), 0, 1, 0, r, g, b);
  const l = mb.vertex(x1 + nx, h, -(y1 + ny), 0, 1, 0, r, g, b);
  mb.triangle(i, j, k);
  mb.triangle(i, k, l);
}

export interface RoadMeshes {
  /** All road ribbons, major roads first; the groups are index ranges into it. */
  readonly mesh: MeshArrays;
  readonly major: readonly [start: number, count: number];
  readonly minor: readonly [start: number, count: number];
}

/**
 * Roads as flat ribbons, one quad per road segment (two-way segments once), merged by class into
 * two index ranges of one mesh (major with a pale centre line, then minor): two draw calls for the
 * whole network. View coordinates: x east, y up, z south (= -north).
 */
export function buildRoadMeshes(g: RoadGraph): RoadMeshes {
  const mb = new MeshBuilder();
  const pass = (major: boolean) => {
    for (let e = 0; e < g.edgeCount; e++) {
      const u = g.source[e];
      const v = g.target[e];
      if (isMajorRoad(g.roadClass[e]) !== major) continue;
      if (v < u && g.findEdge(v, u) >= 0) continue;
      const [w, h, grey] = style(g.roadClass[e]);
      ribbon(mb, g.x(u), g.y(u), g.x(v), g.y(v), w, h, grey, grey, grey + 0.02);
      if (major) ribbon(mb, g.x(u), g.y(u), g.x(v), g.y(v), 0.18, h + 0.01, 0.75, 0.72, 0.6);
    }
  };
  pass(true);
  const split = mb.indexCount;
  pass(false);
  return { mesh: mb.finish(), major: [0, split], minor: [split, mb.indexCount - split] };
}

/** Every road as one mesh (the tests' and simple callers' form). */
export function buildRoadMesh(g: RoadGraph): MeshArrays {
  const mb = new MeshBuilder();
  for (let e = 0; e < g.edgeCount; e++) {
    const u = g.source[e];
    const v = g.target[e];
    if (v < u && g.findEdge(v, u) >= 0) continue;
    const [w, h, grey] = style(g.roadClass[e]);
    ribbon(mb, g.x(u), g.y(u), g.x(v), g.y(v), w, h, grey, grey, grey + 0.02);
  }
  return mb.finish();
}

/**
 * Street lamps for the night view: every ~60 m along the major roads, on the kerb (alternating
 * sides), thinned so no two are closer than 35 m (a grid hash). Plan x, y pairs.
 */
export function streetLights(g: RoadGraph): Float32Array {
  const out: number[] = [];
  const taken = new Set<number>();
  const cell = 35;
  const put = (x: number, y: number) => {
    const key = Math.floor(x / cell) * 1_000_003 + Math.floor(y / cell);
    if (taken.has(key)) return;
    taken.add(key);
    out.push(x, y);
  };
  for (let e = 0; e < g.edgeCount; e++) {
    if (!isMajorRoad(g.roadClass[e])) continue;
    const u = g.source[e];
    const v = g.target[e];
    const dx = g.x(v) - g.x(u);
    const dy = g.y(v) - g.y(u);
    const len = Math.hypot(dx, dy);
    if (len === 0) continue;
    const kerb = style(g.roadClass[e])[0] + 1.5;
    const n = Math.max(1, Math.round(len / 60));
    for (let k = 0; k < n; k++) {
      const side = k % 2 === 0 ? 1 : -1;
      put(g.x(u) + (dx * (k + 0.5)) / n + (-dy / len) * kerb * side, g.y(u) + (dy * (k + 0.5)) / n + (dx / len) * kerb * side);
    }
  }
  return Float32Array.from(out);
}
