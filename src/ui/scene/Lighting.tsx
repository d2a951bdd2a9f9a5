import { useEffect, useMemo, useRef } from 'react';
import { useFrame, useThree } from '@react-three/fiber';
import { Color, Fog, type DirectionalLight, type HemisphereLight } from 'three';
import type { SimClient } from '../simClient.ts';
import { shared } from './sharedUniforms.ts';
import { newSky, skyAt } from './sun.ts';

interface Props {
  readonly client: SimClient;
  readonly cx: number;
  readonly cz: number;
  readonly span: number;
  readonly shadows: boolean;
}

/** Degrees the sun must move before the shadow map is drawn again (it covers the whole city, so the camera does not matter). */
const SHADOW_REDRAW_RAD = (0.4 * Math.PI) / 180;

/**
 * Time-of-day lighting from the simulated clock: the sun (or at night a dim moon) as the key
 * light, sky and ground colours for the hemisphere light, background and fog, and the shared
 * night factor that lights windows, lamps and vans. One directional shadow map over the whole
 * city, redrawn only when the sun has moved, not every frame.
 */
export function Lighting({ client, cx, cz, span, shadows }: Props) {
  const sun = useRef<DirectionalLight>(null);
  const hemi = useRef<HemisphereLight>(null);
  const { scene, gl } = useThree();
  const scratch = useMemo(() => ({ bg: new Color(), last: [0, 0, 0], sky: newSky() }), []);

  useEffect(() => {
    scene.background = scratch.bg;
    scene.fog = new Fog(scratch.bg, span * 2.5, span * 7);
    gl.shadowMap.enabled = shadows;
    gl.shadowMap.autoUpdate = false;
    gl.shadowMap.needsUpdate = true;
    return () => {
      scene.fog = null;
    };
  }, [scene, gl, span, shadows, scratch]);

  useEffect(() => {
    const l = sun.current;
    if (!l) return;
    const half = span * 0.62;
    Object.assign(l.shadow.camera, { left: -half, right: half, top: half, bottom: -half, near: 10, far: span * 4 });
    l.shadow.camera.updateProjectionMatrix();
    l.shadow.mapSize.set(2048, 2048);
    l.shadow.bias = -0.0004;
    l.shadow.normalBias = 1.5;
    l.target.position.set(cx, 0, cz);
    l.target.updateMatrixWorld();
  }, [span, cx, cz]);

  useFrame(() => {
    const s = skyAt(client.displayT, scratch.sky);
    const l = sun.current;
    const h = hemi.current;
    if (!l || !h) return;
    const d = span * 1.5;
    l.position.set(cx + s.dir[0] * d, s.dir[1] * d, cz + s.dir[2] * d);
    l.color.setRGB(s.sunColour[0], s.sunColour[1], s.sunColour[2]);
    l.intensity = s.sunIntensity * 0.85;
    h.color.setRGB(s.skyColour[0], s.skyColour[1], s.skyColour[2]);
    h.groundColor.setRGB(s.groundColour[0], s.groundColour[1], s.groundColour[2]);
    h.intensity = s.ambient * 0.85;
    scratch.bg.setRGB(s.skyColour[0], s.skyColour[1], s.skyColour[2]);
    shared.uNight.value = s.night;
    const moved = Math.abs(s.dir[0] - scratch.last[0]) + Math.abs(s.dir[1] - scratch.last[1]) + Math.abs(s.dir[2] - scratch.last[2]);
    if (shadows && moved > SHADOW_REDRAW_RAD) {
      scratch.last[0] = s.dir[0];
      scratch.last[1] = s.dir[1];
      scratch.last[2] = s.dir[2];
      gl.shadowMap.needsUpdate = true;
    }
  });

  return (
    <>
      <hemisphereLight ref={hemi} args={['#ffffff', '#7d8a6a', 1]} />
      <directionalLight ref={sun} castShadow={shadows} />
      <mesh rotation={[-Math.PI / 2, 0, 0]} position={[cx, -0.02, cz]} receiveShadow name="ground">
        <planeGeometry args={[span * 6, span * 6]} />
        <meshLambertMaterial color="#a3ae94" />
      </mesh>
    </>
  );
}
