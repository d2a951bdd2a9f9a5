import { useEffect, useMemo, useRef } from 'react';
import { useFrame } from '@react-three/fiber';
import { Color, MeshLambertMaterial, Object3D, type InstancedMesh } from 'three';
import { VAN_STRIDE } from '../../core/sim/snapshot.ts';
import { isMoving } from '../../core/sim/VanStatus.ts';
import { STATUS_COLORS } from '../statusColors.ts';
import type { SimClient } from '../simClient.ts';
import { makeVanGeometry } from './vanGeometry.ts';

const LANE_OFFSET_M = 2; // right-hand traffic: drive right of the centre line

/**
 * Every van as one instance of one InstancedMesh (one draw call), placed each frame from the last
 * two worker frames by interpolation. Per-frame work is one tight loop over the fleet's arrays with
 * preallocated scratch objects: no allocation, no React state.
 */
export function Vans({ client, count }: { client: SimClient; count: number }) {
  const mesh = useRef<InstancedMesh>(null);
  const geometry = useMemo(makeVanGeometry, []);
  const material = useMemo(() => new MeshLambertMaterial({ vertexColors: true }), []);
  const palette = useMemo(() => STATUS_COLORS.map((c) => new Color(c)), []);
  const scratch = useMemo(() => ({ o: new Object3D(), lastStatus: new Int16Array(count).fill(-1) }), [count]);

  useEffect(() => () => {
    geometry.dispose();
    material.dispose();
  }, [geometry, material]);

  useFrame(({ camera }) => {
    const im = mesh.current;
    const cur = client.cur;
    if (!im || !cur) return;
    const prev = client.prev ?? cur;
    const a = client.alpha(performance.now());
    const p = prev.vans;
    const c = cur.vans;
    const { o, lastStatus } = scratch;
    // Vans stay visible from far away: scale up with camera height.
    const scale = Math.min(9, Math.max(1, camera.position.y / 220));
    let colorsChanged = false;
    for (let v = 0; v < count; v++) {
      const k = v * VAN_STRIDE;
      const status = c[k + 3];
      let x = p[k] + a * (c[k] - p[k]);
      let y = p[k + 1] + a * (c[k + 1] - p[k + 1]);
      let dh = c[k + 2] - p[k + 2];
      if (dh > Math.PI) dh -= 2 * Math.PI;
      if (dh < -Math.PI) dh += 2 * Math.PI;
      const heading = p[k + 2] + a * dh;
      if (isMoving(status)) {
        x += Math.sin(heading) * LANE_OFFSET_M;
        y -= Math.cos(heading) * LANE_OFFSET_M;
      } else {
        // Parked side by side: a small grid so vans at one depot do not overlap.
        x += ((v % 6) - 2.5) * 3 * scale;
        y += (Math.floor(v / 6) % 5) * 5.5 * scale;
      }
      o.position.set(x, 0, -y);
      o.rotation.set(0, heading, 0);
      o.scale.setScalar(scale);
      o.updateMatrix();
      im.setMatrixAt(v, o.matrix);
      if (lastStatus[v] !== status) {
        lastStatus[v] = status;
        im.setColorAt(v, palette[status] ?? palette[0]);
        colorsChanged = true;
      }
    }
    im.instanceMatrix.needsUpdate = true;
    if (colorsChanged && im.instanceColor) im.instanceColor.needsUpdate = true;
  });

  return <instancedMesh ref={mesh} args={[geometry, material, count]} frustumCulled={false} name="vans" />;
}
