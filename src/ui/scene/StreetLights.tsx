import { useEffect, useMemo, useRef } from 'react';
import { useFrame } from '@react-three/fiber';
import { AdditiveBlending, BufferAttribute, BufferGeometry, CanvasTexture, PointsMaterial, type Points } from 'three';
import { shared } from './sharedUniforms.ts';

const LAMP_HEIGHT_M = 7;

/** A soft round glow drawn once into a canvas (no image files, nothing fetched). */
function glowTexture(): CanvasTexture {
  const c = document.createElement('canvas');
  c.width = c.height = 64;
  const g = c.getContext('2d')!;
  const r = g.createRadialGradient(32, 32, 0, 32, 32, 32);
  r.addColorStop(0, 'rgba(255,240,200,1)');
  r.addColorStop(0.25, 'rgba(255,200,120,0.55)');
  r.addColorStop(1, 'rgba(255,180,90,0)');
  g.fillStyle = r;
  g.fillRect(0, 0, 64, 64);
  return new CanvasTexture(c);
}

/** Street lamps along the major roads: additive glows that fade in at dusk; one draw call, hidden by day. */
export function StreetLights({ lights }: { lights: Float32Array }) {
  const points = useRef<Points>(null);
  const { geometry, material } = useMemo(() => {
    const n = lights.length / 2;
    const p = new Float32Array(n * 3);
    for (let i = 0; i < n; i++) {
      p[3 * i] = lights[2 * i];
      p[3 * i + 1] = LAMP_HEIGHT_M;
      p[3 * i + 2] = -lights[2 * i + 1];
    }
    const geometry = new BufferGeometry();
    geometry.setAttribute('position', new BufferAttribute(p, 3));
    geometry.computeBoundingSphere();
    const material = new PointsMaterial({ size: 26, map: glowTexture(), transparent: true, depthWrite: false, blending: AdditiveBlending, sizeAttenuation: true, opacity: 0 });
    return { geometry, material };
  }, [lights]);
  useEffect(
    () => () => {
      geometry.dispose();
      material.map?.dispose();
      material.dispose();
    },
    [geometry, material],
  );
  useFrame(() => {
    const night = shared.uNight.value;
    material.opacity = Math.min(1, night * 1.2);
    if (points.current) points.current.visible = night > 0.03;
  });
  return <points ref={points} geometry={geometry} material={material} name="street-lights" renderOrder={3} />;
}
