import earcut from 'earcut';
import type { Buildings } from '../../core/city/Buildings.ts';
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

/**
 * All buildings as one extruded, flat-shaded mesh: a wall quad per footprint edge with its outward
 * normal, and the roof triangulated with earcut (footprints may be any simple polygon). Colour is
 * a function of the building index, so the same city always looks the same.
 */
export function buildBuildingMesh(b: Buildings): MeshArrays {
  const mb = new MeshBuilder();
  const ring: number[] = [];
  for (let i = 0; i < b.count; i++) {
    const s = b.ringStart[i];
    const e = b.ringStart[i + 1];
    const top = b.heightM[i];
    const bottom = b.minHeightM[i];
    const [r, g, bl] = PALETTE[(i * 2654435761) % PALETTE.length >>> 0];
    const shade = 0.92 + 0.08 * Math.min(1, top / 60);
    for (let k = s; k < e; k++) {
      const k2 = k + 1 < e ? k + 1 : s;
      const x0 = b.xy[2 * k];
      const y0 = b.xy[2 * k + 1];
      const x1 = b.xy[2 * k2];
      const y1 = b.xy[2 * k2 + 1];
      const len = Math.hypot(x1 - x0, y1 - y0);
      if (len === 0) continue;
      // Outward normal of a counter-clockwise ring is to the right of each edge: (dy, -dx) in plan, z = -y in view.
      const nx = (y1 - y0) / len;
      const nz = (x1 - x0) / len;
      const cr = r * shade;
      const cg = g * shade;
      const cb = bl * shade;
      const a = mb.vertex(x0, bottom, -y0, nx, 0, nz, cr * 0.9, cg * 0.9, cb * 0.9);
      const c = mb.vertex(x1, bottom, -y1, nx, 0, nz, cr * 0.9, cg * 0.9, cb * 0.9);
      const d = mb.vertex(x1, top, -y1, nx, 0, nz, cr, cg, cb);
      const f = mb.vertex(x0, top, -y0, nx, 0, nz, cr, cg, cb);
      mb.triangle(a, c, d);
      mb.triangle(a, d, f);
    }
    ring.length = 0;
    for (let k = s; k < e; k++) ring.push(b.xy[2 * k], b.xy[2 * k + 1]);
    const tris = earcut(ring);
    const base = mb.vertexCount;
    for (let k = s; k < e; k++) mb.vertex(b.xy[2 * k], top, -b.xy[2 * k + 1], 0, 1, 0, r * 0.8, g * 0.8, bl * 0.8);
    // Seen from above (view z = -north), plan orientation is preserved: emit every roof triangle
    // counter-clockwise in plan so it faces up, whatever order earcut returns.
    for (let t = 0; t < tris.length; t += 3) {
      const [p, q, w] = [tris[t], tris[t + 1], tris[t + 2]];
      const cross = (ring[2 * q] - ring[2 * p]) * (ring[2 * w + 1] - ring[2 * p + 1]) - (ring[2 * q + 1] - ring[2 * p + 1]) * (ring[2 * w] - ring[2 * p]);
      if (cross >= 0) mb.triangle(base + p, base + q, base + w);
      else mb.triangle(base + p, base + w, base + q);
    }
  }
  return mb.finish();
}
