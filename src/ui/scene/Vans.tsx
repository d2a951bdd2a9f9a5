import { useEffect, useMemo, useRef } from 'react';
import { useFrame } from '@react-three/fiber';
import { DynamicDrawUsage, InstancedBufferAttribute, InstancedBufferGeometry, type Mesh } from 'three';
import { FRAME_VAN_STRIDE } from '../../core/replay/sampleTimeline.ts';
import type { SimClient } from '../simClient.ts';
import { shared } from './sharedUniforms.ts';
import { makeVanGeometry } from './vanGeometry.ts';
import { makeVanMaterial } from './vanMaterial.ts';

/** Vans grow with the camera's height so the fleet stays visible over a whole city. */
export function vanScaleFor(cameraY: number): number {
  return Math.min(12, Math.max(1, cameraY / 220));
}

/**
 * Every van as one instance of one instanced mesh (one draw call). The two latest frames' poses
 * live in two instanced attributes that share the SimClient's arrays; when a frame arrives only
 * the slot it was written to is uploaded, and the shader interpolates (vanMaterial.ts). Per frame:
 * a few uniforms, no per-van work on the CPU.
 */
export function Vans({ client, count, selected, byState }: { client: SimClient; count: number; selected: number; byState: boolean }) {
  const { geometry, a, b } = useMemo(() => {
    const base = makeVanGeometry();
    const g = new InstancedBufferGeometry();
    for (const name of ['position', 'normal', 'color', 'glow']) g.setAttribute(name, base.getAttribute(name));
    const a = new InstancedBufferAttribute(client.vansA, FRAME_VAN_STRIDE).setUsage(DynamicDrawUsage);
    const b = new InstancedBufferAttribute(client.vansB, FRAME_VAN_STRIDE).setUsage(DynamicDrawUsage);
    g.setAttribute('aPoseA', a);
    g.setAttribute('aPoseB', b);
    g.instanceCount = count;
    return { geometry: g, a, b };
  }, [client, count]);
  const { material, uniforms } = useMemo(makeVanMaterial, []);
  const seen = useRef({ version: -1, curIsB: false });
  const mesh = useRef<Mesh>(null);

  useEffect(
    () => () => {
      geometry.dispose();
      material.dispose();
    },
    [geometry, material],
  );

  useFrame(({ camera }) => {
    const s = seen.current;
    if (client.frameVersion !== s.version) {
      // One new frame since last time: only its slot changed. Otherwise (a seek, a reset) both.
      const one = client.frameVersion === s.version + 1 && client.curIsB !== s.curIsB;
      if (!one || client.curIsB) b.needsUpdate = true;
      if (!one || !client.curIsB) a.needsUpdate = true;
      s.version = client.frameVersion;
      s.curIsB = client.curIsB;
    }
    uniforms.uAlpha.value = client.alpha();
    uniforms.uCurIsB.value = client.curIsB ? 1 : 0;
    uniforms.uSelected.value = selected;
    uniforms.uByState.value = byState ? 1 : 0;
    shared.uScale.value = vanScaleFor(camera.position.y);
    if (mesh.current) mesh.current.visible = client.hasFrame || client.frameVersion > 0;
  });

  return <mesh ref={mesh} geometry={geometry} material={material} frustumCulled={false} name="vans" visible={false} />;
}
