import type { BufferGeometry} from 'three';
import { BoxGeometry, Float32BufferAttribute } from 'three';
import { mergeGeometries } from 'three/examples/jsm/utils/BufferGeometryUtils.js';

/**
 * A low-poly JD-VAN-like unmanned van, about 4.6 × 1.9 × 2.2 m, pointing along +x: a tall cargo
 * body, a rounded-off sensor nose and a lidar pod on the roof. Vertex colours shade the parts so
 * one instance colour (the van's status) tints the whole body.
 */
export function makeVanGeometry(): BufferGeometry {
  const part = (w: number, h: number, d: number, x: number, y: number, shade: number) => {
    const g = new BoxGeometry(w, h, d).toNonIndexed();
    g.translate(x, y, 0);
    const n = g.getAttribute('position').count;
    g.setAttribute('color', new Float32BufferAttribute(new Array(n * 3).fill(shade), 3));
    return g;
  };
  const body = part(3.6, 2.0, 1.9, -0.4, 1.3, 1);
  const nose = part(0.9, 1.4, 1.8, 1.8, 1.0, 0.75);
  const skirt = part(4.4, 0.35, 1.95, 0, 0.35, 0.25);
  const lidar = part(0.5, 0.3, 0.5, 1.1, 2.45, 0.2);
  const merged = mergeGeometries([body, nose, skirt, lidar])!;
  merged.computeVertexNormals();
  return merged;
}
