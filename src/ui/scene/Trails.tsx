import { useEffect, useMemo, useRef } from 'react';
import { useFrame } from '@react-three/fiber';
import type { SimClient } from '../simClient.ts';
import { makeSegmentBuffer, makeSegmentMaterial } from './segmentMaterial.ts';

/**
 * Fading trails behind the vans: the road each drove in the last few simulated minutes, computed
 * by the worker for every frame (trail segments in the frame buffer, copied into client.trails)
 * and drawn as one mesh of ribbons read from a float texture that shares client.trails' memory.
 * Only the rows in use are uploaded.
 */
export function Trails({ client }: { client: SimClient }) {
  const segments = useMemo(() => makeSegmentBuffer(client.trails), [client]);
  const { material, uniforms } = useMemo(() => makeSegmentMaterial(segments.texture, 'trail'), [segments]);
  const seen = useRef(-1);
  useEffect(
    () => () => {
      segments.geometry.dispose();
      segments.texture.dispose();
      material.dispose();
    },
    [segments, material],
  );
  useFrame(() => {
    if (client.frameVersion !== seen.current) {
      seen.current = client.frameVersion;
      segments.show(client.trailCount);
    }
    uniforms.uNow.value = client.displayT - client.trailOriginT;
    uniforms.uWindow.value = client.trailWindowS;
  });
  return <mesh geometry={segments.geometry} material={material} frustumCulled={false} renderOrder={2} name="trails" />;
}
