import type { BufferGeometry } from 'three';
import { BoxGeometry, Float32BufferAttribute } from 'three';
import { mergeGeometries } from 'three/examples/jsm/utils/BufferGeometryUtils.js';

/**
 * A low-poly JD-VAN-like unmanned van, about 4.7 × 1.95 × 2.4 m, pointing along +x: a tall
 * white cargo box with a rounded-off nose, a dark sensor band where a cab's windscreen would
 * be, a lidar pod on the roof, dark wheels and skirt, and head- and tail-lights. Vertex colours
 * shade the parts so one instance colour (the van's status) tints the body; the `glow`
 * attribute marks the lights, which shine at night. About 110 triangles.
 */
export function makeVanGeometry(): BufferGeometry {
  const { parts, part } = partsBuilder();
  part(3.7, 1.85, 1.9, -0.45, 0.5, 0, 1); // cargo box
  part(0.75, 1.45, 1.82, 1.75, 0.5, 0, 0.92); // nose
  part(0.5, 0.3, 1.7, 1.6, 1.95, 0, 0.92); // rounded-off brow
  part(0.06, 0.42, 1.6, 2.14, 1.45, 0, 0.12); // sensor band
  part(4.6, 0.32, 1.96, -0.05, 0.28, 0, 0.28); // skirt
  part(0.72, 0.62, 2.0, 1.25, 0, 0, 0.07); // front wheels
  part(0.72, 0.62, 2.0, -1.5, 0, 0, 0.07); // rear wheels
  part(0.42, 0.28, 0.42, 0.9, 2.35, 0, 0.15); // lidar pod
  part(0.06, 0.14, 0.3, 2.14, 0.9, 0.7, 1.2, 1); // headlights
  part(0.06, 0.14, 0.3, 2.14, 0.9, -0.7, 1.2, 1);
  part(0.06, 0.16, 0.22, -2.32, 1.0, 0.78, 0.9, 0.6); // tail-lights
  part(0.06, 0.16, 0.22, -2.32, 1.0, -0.78, 0.9, 0.6);
  return merge(parts);
}

/**
 * The van for distant views (the camera high above the city, vans a few pixels long): one
 * indexed box, 24 vertices and 12 triangles instead of ~330 vertices; vertex work is what
 * thousands of vans cost.
 */
export function makeFarVanGeometry(): BufferGeometry {
  const g = new BoxGeometry(4.6, 2.4, 1.95).translate(-0.05, 1.2, 0);
  g.deleteAttribute('uv');
  const n = g.getAttribute('position').count;
  const shade = new Array(n * 3).fill(1);
  // Darker underside and lower half read as wheels and skirt from above.
  const pos = g.getAttribute('position');
  for (let i = 0; i < n; i++) if (pos.getY(i) < 0.1) shade.fill(0.3, 3 * i, 3 * i + 3);
  g.setAttribute('color', new Float32BufferAttribute(shade, 3));
  g.setAttribute('glow', new Float32BufferAttribute(new Array(n).fill(0), 1));
  g.computeBoundingSphere();
  return g;
}

function partsBuilder() {
  const parts: BufferGeometry[] = [];
  const part = (l: number, h: number, w: number, x: number, y: number, z: number, shade: number, glow = 0) => {
    const g = new BoxGeometry(l, h, w).toNonIndexed();
    g.translate(x, y + h / 2, z);
    const n = g.getAttribute('position').count;
    g.setAttribute('color', new Float32BufferAttribute(new Array(n * 3).fill(shade), 3));
    g.setAttribute('glow', new Float32BufferAttribute(new Array(n).fill(glow), 1));
    g.deleteAttribute('uv');
    parts.push(g);
  };
  return { parts, part };
}

function merge(parts: BufferGeometry[]): BufferGeometry {
  const merged = mergeGeometries(parts)!;
  for (const p of parts) p.dispose();
  merged.computeBoundingSphere();
  return merged;
}
