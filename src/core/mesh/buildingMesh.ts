import earcut from 'earcut';
import type { Buildings } from '../city/Buildings.ts';
import { MeshBuilder, type MeshArrays } from './MeshArrays.ts';

/** Warm greys and sandstone: façade colours picked per building from a small palette. */
const PALETTE: readonly [number, number, number][] = [
  [0.78, 0.76, 0.72],
  [0.72, 0.7, 0.68],
  [0.83, 0.79, 0.7],
  [0.68, 0.7, 0.74],
  [0.8, 0.74, 0.66],
  [0.62, 0.64, 0.68],
];

/** Façade colour of building i (a function of its index, so the same city always looks the same). */
function colourOf(b: Buildings, i: number): [number, number, number] {
  const [r, g, bl] = PALETTE[(i * 2654435761) % PALETTE.length >>> 0];
  const shade = 0.92 + 0.08 * Math.min(1, b.heightM[i] / 60);
  return [r * shade, g * shade, bl * shade];
}

/** One wall quad from (x0, y0) to (x1, y1) in plan, outward normal to the right of a counter-clockwise ring. */
function wall(mb: MeshBuilder, x0: number, y0: number, x1: number, y1: number, bottom: number, top: number, c: [number, number, number]): void {
  const len = Math.hypot(x1 - x0, y1 - y0);
  if (len === 0) return;
  // Outward normal in plan is (dy, -dx); view z = -y.
  const nx = (y1 - y0) / len;
  const nz = (x1 - x0) / len;
  const a = mb.vertex(x0, bottom, -y0, nx, 0, nz, c[0] * 0.9, c[1] * 0.9, c[2] * 0.9);
  const d = mb.vertex(x1, bottom, -y1, nx, 0, nz, c[0] * 0.9, c[1] * 0.9, c[2] * 0.9);
  const e = mb.vertex(x1, top, -y1, nx, 0, nz, c[0], c[1], c[2]);
  const f = mb.vertex(x0, top, -y0, nx, 0, nz, c[0], c[1], c[2]);
  mb.triangle(a, d, e);
  mb.triangle(a, e, f);
}

/**
 * Extrude building i: a wall quad per footprint edge with its outward normal, and the roof
 * triangulated with earcut (footprints may be any simple polygon). `ring` is scratch.
 */
export function extrudeFootprint(mb: MeshBuilder, b: Buildings, i: number, ring: number[]): void {
  const s = b.ringStart[i];
  const e = b.ringStart[i + 1];
  const top = b.heightM[i];
  const c = colourOf(b, i);
  for (let k = s; k < e; k++) {
    const k2 = k + 1 < e ? k + 1 : s;
    wall(mb, b.xy[2 * k], b.xy[2 * k + 1], b.xy[2 * k2], b.xy[2 * k2 + 1], b.minHeightM[i], top, c);
  }
  ring.length = 0;
  for (let k = s; k < e; k++) ring.push(b.xy[2 * k], b.xy[2 * k + 1]);
  const tris = earcut(ring);
  const base = mb.vertexCount;
  for (let k = s; k < e; k++) mb.vertex(b.xy[2 * k], top, -b.xy[2 * k + 1], 0, 1, 0, c[0] * 0.8, c[1] * 0.8, c[2] * 0.8);
  // Seen from above (view z = -north), plan orientation is preserved: emit every roof triangle
  // counter-clockwise in plan so it faces up, whatever order earcut returns.
  for (let t = 0; t < tris.length; t += 3) {
    const p = tris[t];
    const q = tris[t + 1];
    const w = tris[t + 2];
    const cross = (ring[2 * q] - ring[2 * p]) * (ring[2 * w + 1] - ring[2 * p + 1]) - (ring[2 * q + 1] - ring[2 * p + 1]) * (ring[2 * w] - ring[2 * p]);
    if (cross >= 0) mb.triangle(base + p, base + q, base + w);
    else mb.triangle(base + p, base + w, base + q);
  }
}

/**
 * Building i as a box for distant views: the footprint's bounding rectangle aligned with its
 * longest edge (4 walls and a flat roof, 10 triangles, whatever the footprint's detail).
 */
export function extrudeBox(mb: MeshBuilder, b: Buildings, i: number): void {
  const s = b.ringStart[i];
  const e = b.ringStart[i + 1];
  let ux = 1;
  let uy = 0;
  let best = -1;
  for (let k = s; k < e; k++) {
    const k2 = k + 1 < e ? k + 1 : s;
    const dx = b.xy[2 * k2] - b.xy[2 * k];
    const dy = b.xy[2 * k2 + 1] - b.xy[2 * k + 1];
    const l = Math.hypot(dx, dy);
    if (l > best) {
      best = l;
      ux = dx / l;
      uy = dy / l;
    }
  }
  let minU = Infinity;
  let maxU = -Infinity;
  let minV = Infinity;
  let maxV = -Infinity;
  for (let k = s; k < e; k++) {
    const u = b.xy[2 * k] * ux + b.xy[2 * k + 1] * uy;
    const v = -b.xy[2 * k] * uy + b.xy[2 * k + 1] * ux;
    minU = Math.min(minU, u);
    maxU = Math.max(maxU, u);
    minV = Math.min(minV, v);
    maxV = Math.max(maxV, v);
  }
  // Corners counter-clockwise in plan: (u, v) -> (u·ux - v·uy, u·uy + v·ux).
  const cx = [minU * ux - minV * uy, maxU * ux - minV * uy, maxU * ux - maxV * uy, minU * ux - maxV * uy];
  const cy = [minU * uy + minV * ux, maxU * uy + minV * ux, maxU * uy + maxV * ux, minU * uy + maxV * ux];
  const c = colourOf(b, i);
  const top = b.heightM[i];
  for (let k = 0; k < 4; k++) wall(mb, cx[k], cy[k], cx[(k + 1) % 4], cy[(k + 1) % 4], b.minHeightM[i], top, c);
  const base = mb.vertexCount;
  for (let k = 0; k < 4; k++) mb.vertex(cx[k], top, -cy[k], 0, 1, 0, c[0] * 0.8, c[1] * 0.8, c[2] * 0.8);
  mb.triangle(base, base + 1, base + 2);
  mb.triangle(base, base + 2, base + 3);
}

/** All buildings as one extruded, flat-shaded mesh (see extrudeFootprint). */
export function buildBuildingMesh(b: Buildings): MeshArrays {
  const mb = new MeshBuilder();
  const ring: number[] = [];
  for (let i = 0; i < b.count; i++) extrudeFootprint(mb, b, i, ring);
  return mb.finish();
}
