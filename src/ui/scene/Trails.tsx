import { useEffect, useMemo, useRef } from 'react';
import { useFrame } from '@react-three/fiber';
import type { SimClient } from '../simClient.ts';
import { makeSegmentGeometry, makeSegmentMaterial } from './segmentMaterial.ts';

/**
 * Fading trails behind the vans: the road each drove in the last few simulated minutes, computed
 * by the worker for every frame (trail segments in the frame buffer) and drawn as one instanced
 * ribbon mesh. Only the used part of the buffer is uploaded.
 */
export function Trails({ client }: { client: SimClient }) {
  const { geometry, buffer } = useMemo(() => makeSegmentGeometry(client.trails), [client]);
  const { material, uniforms } = useMemo(() => makeSegmentMaterial('trail'), []);
  const seen = useRef(-1);
  useEffect(
    () => () => {
      geometry.dispose();
      material.dispose();
    },
    [geometry, material],
  );
  useFrame(() => {
    if (buffer.array !== client.trails) return; // a reset replaced the array; the memo catches up on the next render
    if (client.frameVersion !== seen.current) {
      seen.current = client.frameVersion;
      buffer.clearUpdateRanges();
      buffer.addUpdateRange(0, client.trailCount * buffer.stride);
      buffer.needsUpdate = true;
      geometry.instanceCount = client.trailCount;
    }
    uniforms.uNow.value = client.displayT - client.trailOriginT;
    uniforms.uWindow.value = client.trailWindowS;
  });
  return <mesh geometry={geometry} material={material} frustumCulled={false} renderOrder={2} name="trails" />;
}
