import { FRAME_VAN_STRIDE } from '../../core/replay/sampleTimeline.ts';
import { isMoving, VanStatus } from '../../core/sim/VanStatus.ts';
import type { SimClient } from '../simClient.ts';
import { LANE_OFFSET_M } from './vanMaterial.ts';

/** A van's place in view coordinates (x east, z south) and heading, as drawn. */
export interface Placement {
  x: number;
  z: number;
  heading: number;
  status: number;
}

function place(p: Float32Array, v: number, scale: number, out: Placement): void {
  const k = v * FRAME_VAN_STRIDE;
  let x = p[k];
  let y = p[k + 1];
  if (isMoving(p[k + 3]) || p[k + 3] === VanStatus.AtDoor) {
    x += Math.sin(p[k + 2]) * LANE_OFFSET_M;
    y -= Math.cos(p[k + 2]) * LANE_OFFSET_M;
  } else {
    x += ((v % 6) - 2.5) * 3 * scale;
    y += ((Math.floor(v / 6) % 5) - 2) * 5.5 * scale;
  }
  out.x = x;
  out.z = -y;
}

const a: Placement = { x: 0, z: 0, heading: 0, status: 0 };
const b: Placement = { x: 0, z: 0, heading: 0, status: 0 };

/**
 * Where van v is drawn right now: the same interpolation and offsets as the van shader
 * (vanMaterial.ts), on the CPU, for one van at a time (picking, the follow camera, labels).
 */
export function placeVan(client: SimClient, v: number, scale: number, out: Placement): Placement {
  const prev = client.prevVans;
  const cur = client.curVans;
  const t = client.alpha();
  place(prev, v, scale, a);
  place(cur, v, scale, b);
  out.x = a.x + t * (b.x - a.x);
  out.z = a.z + t * (b.z - a.z);
  const k = v * FRAME_VAN_STRIDE;
  let dh = cur[k + 2] - prev[k + 2];
  dh -= 2 * Math.PI * Math.floor((dh + Math.PI) / (2 * Math.PI));
  out.heading = prev[k + 2] + t * dh;
  out.status = cur[k + 3];
  return out;
}

/**
 * The van nearest to a ray (origin o, unit direction d, view coordinates), among those within
 * `radius` m of it at roof height: a linear scan, run on a click, not per frame.
 */
export function pickVan(client: SimClient, ox: number, oy: number, oz: number, dx: number, dy: number, dz: number, scale: number, radius: number): number {
  const p: Placement = { x: 0, z: 0, heading: 0, status: 0 };
  let best = -1;
  let bestD = radius;
  const cy = 1.3 * scale;
  for (let v = 0; v < client.fleetSize; v++) {
    placeVan(client, v, scale, p);
    const wx = p.x - ox;
    const wy = cy - oy;
    const wz = p.z - oz;
    const along = wx * dx + wy * dy + wz * dz;
    if (along <= 0) continue;
    const d = Math.sqrt(Math.max(0, wx * wx + wy * wy + wz * wz - along * along));
    if (d < bestD) {
      bestD = d;
      best = v;
    }
  }
  return best;
}
