import { useEffect, useMemo, useRef } from 'react';
import { useFrame } from '@react-three/fiber';
import { DynamicDrawUsage, InstancedBufferAttribute, InstancedBufferGeometry, type BufferGeometry, type Mesh } from 'three';
import { FRAME_VAN_STRIDE } from '../../core/replay/sampleTimeline.ts';
import type { SimClient } from '../simClient.ts';
import { shared } from './sharedUniforms.ts';
import { makeFarVanGeometry, makeVanGeometry } from './vanGeometry.ts';
import { makeVanMaterial } from './vanMaterial.ts';

/** Above this enlargement (camera higher than ~800 m) vans are a few pixels long: draw the 24-triangle stand-in. */
const FAR_SCALE = 3.5;

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
  const { near, far, a, b } = useMemo(() => {
    // Both levels share the pose attributes: a frame is uploaded once whichever level is drawn.
    const a = new InstancedBufferAttribute(client.vansA, FRAME_VAN_STRIDE).setUsage(DynamicDrawUsage);
    const b = new InstancedBufferAttribute(client.vansB, FRAME_VAN_STRIDE).setUsage(DynamicDrawUsage);
    const level = (base: BufferGeometry) => {
      const g = new InstancedBufferGeometry();
      for (const name of ['position', 'normal', 'color', 'glow']) g.setAttribute(name, base.getAttribute(name));
      g.setIndex(base.getIndex());
      g.setAttribute('aPoseA', a);
      g.setAttribute('aPoseB', b);
      g.instanceCount = count;
      return g;
    };
    return { near: level(makeVanGeometry()), far: level(makeFarVanGeometry()), a, b };
  }, [client, count]);
  const { material, uniforms } = useMemo(makeVanMaterial, []);
  const seen = useRef({ version: -1, curIsB: false });
  const nearMesh = useRef<Mesh>(null);
  const farMesh = useRef<Mesh>(null);

  useEffect(
    () => () => {
      near.dispose();
      far.dispose();
      material.dispose();
    },
    [near, far, material],
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
    const shown = client.hasFrame || client.frameVersion > 0;
    const distant = shared.uScale.value > FAR_SCALE;
    if (nearMesh.current) nearMesh.current.visible = shown && !distant;
    if (farMesh.current) farMesh.current.visible = shown && distant;
  });

  return (
    <group name="vans">
      <mesh ref={nearMesh} geometry={near} material={material} frustumCulled={false} name="vans-near" visible={false} />
      <mesh ref={farMesh} geometry={far} material={material} frustumCulled={false} name="vans-far" visible={false} />
    </group>
  );
}
