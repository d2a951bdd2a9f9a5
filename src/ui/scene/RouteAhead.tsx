import { useEffect, useMemo } from 'react';
import { useFrame } from '@react-three/fiber';
import type { VanDetail } from '../../core/replay/vanDetail.ts';
import { TRAIL_STRIDE } from '../../core/replay/sampleTimeline.ts';
import type { SimClient } from '../simClient.ts';
import { makeSegmentBuffer, makeSegmentMaterial } from './segmentMaterial.ts';

/**
 * The selected van's road ahead (the rest of its current plan, from the recorded run), drawn as a
 * bright ribbon that the van eats up as it drives (the shader hides what is behind the displayed
 * time), with a marker at every stop: hand-overs still to come in white, done ones green (on time),
 * red (late) or orange (failed), depots in blue.
 */
export function RouteAhead({ client, detail }: { client: SimClient; detail: VanDetail }) {
  const segments = useMemo(() => {
    const b = makeSegmentBuffer(detail.route.length > 0 ? detail.route : new Float32Array(TRAIL_STRIDE));
    b.show(detail.route.length / TRAIL_STRIDE);
    return b;
  }, [detail.route]);
  const { material, uniforms } = useMemo(() => makeSegmentMaterial(segments.texture, 'route', '#ffd34d'), [segments]);
  useEffect(
    () => () => {
      segments.geometry.dispose();
      segments.texture.dispose();
      material.dispose();
    },
    [segments, material],
  );
  useFrame(() => {
    uniforms.uNow.value = client.displayT - detail.t;
    uniforms.uWidth.value = 1.4;
  });
  return (
    <group name="route-ahead">
      <mesh geometry={segments.geometry} material={material} frustumCulled={false} renderOrder={4} />
      {detail.stops.map((s, i) => {
        const colour = s.kind !== 'handover' ? '#2d6cdf' : s.outcome === 'on time' ? '#27ae60' : s.outcome === 'late' ? '#eb5757' : s.outcome === 'failed' ? '#f2994a' : '#ffffff';
        return (
          <mesh key={i} position={[s.x, 3, -s.y]} renderOrder={5}>
            <sphereGeometry args={[4, 10, 8]} />
            <meshBasicMaterial color={colour} />
          </mesh>
        );
      })}
    </group>
  );
}
