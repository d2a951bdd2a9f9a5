import { useEffect, useMemo, useRef, useState } from 'react';
import { useFrame } from '@react-three/fiber';
import { CylinderGeometry, DataTexture, DoubleSide, InstancedBufferAttribute, InstancedBufferGeometry, LinearFilter, RGBAFormat, ShaderMaterial, SRGBColorSpace, Color } from 'three';
import type { DemandGrid } from '../../core/mesh/demandGrid.ts';
import type { SimClient } from '../simClient.ts';
import { shared } from './sharedUniforms.ts';

/** Colour ramp of the heatmap: clear → blue → yellow → red, alpha rising with demand. */
function ramp(v: number): [number, number, number, number] {
  if (v <= 0.02) return [0, 0, 0, 0];
  const stops: [number, number, number, number][] = [
    [40, 90, 220, 90],
    [250, 210, 60, 170],
    [230, 50, 40, 215],
  ];
  const x = Math.min(1, v) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const t = x - i;
  return stops[i].map((c, k) => c + (stops[i + 1][k] - c) * t) as [number, number, number, number];
}

/** The day's demand density (parcels per door, smoothed) as a translucent colour field over the city. */
export function Heatmap({ client, runId }: { client: SimClient; runId: number }) {
  const [grid, setGrid] = useState<DemandGrid | null>(null);
  useEffect(() => {
    let live = true;
    void client.api.demand().then((g) => live && setGrid(g));
    return () => {
      live = false;
    };
  }, [client, runId]);
  const texture = useMemo(() => {
    if (!grid) return null;
    const px = new Uint8Array(grid.width * grid.height * 4);
    for (let i = 0; i < grid.values.length; i++) px.set(ramp(grid.values[i]), 4 * i);
    const t = new DataTexture(px, grid.width, grid.height, RGBAFormat);
    t.magFilter = LinearFilter;
    t.minFilter = LinearFilter;
    t.colorSpace = SRGBColorSpace;
    t.needsUpdate = true;
    return t;
  }, [grid]);
  useEffect(() => () => texture?.dispose(), [texture]);
  if (!grid || !texture) return null;
  const w = grid.width * grid.cellM;
  const h = grid.height * grid.cellM;
  // Texture rows run south to north; the plane, rotated flat, has its +v towards -z = north.
  return (
    <mesh rotation={[-Math.PI / 2, 0, 0]} position={[grid.minX + w / 2, 0.6, -(grid.minY + h / 2)]} renderOrder={1} name="heatmap">
      <planeGeometry args={[w, h]} />
      <meshBasicMaterial map={texture} transparent depthWrite={false} side={DoubleSide} toneMapped={false} />
    </mesh>
  );
}

/**
 * Late deliveries and failed hand-overs as pins at their doors, appearing at the moment they
 * happen in the replay (the shader hides pins later than the displayed time, so scrubbing costs
 * nothing) and popping briefly when new. Refreshed from the worker while the run is recorded.
 */
export function LateDeliveries({ client, runId }: { client: SimClient; runId: number }) {
  const [marks, setMarks] = useState<{ data: Float32Array; startS: number } | null>(null);
  useEffect(() => {
    let live = true;
    let timer = 0;
    const load = () =>
      void client.api.handovers().then((h) => {
        if (!live) return;
        setMarks({ data: h.marks, startS: h.startS });
        if (Number.isNaN(client.endS) || h.horizonS < client.endS) timer = window.setTimeout(load, 2000);
      });
    load();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [client, runId]);
  const { geometry, material, uniforms } = useMemo(() => {
    const base = new CylinderGeometry(0, 2.2, 9, 6, 1).translate(0, 4.5, 0).rotateX(Math.PI);
    base.translate(0, 9, 0);
    const g = new InstancedBufferGeometry();
    g.index = base.index;
    g.setAttribute('position', base.getAttribute('position'));
    const data = marks?.data ?? new Float32Array(4);
    g.setAttribute('aMark', new InstancedBufferAttribute(data, 4));
    g.instanceCount = marks ? data.length / 4 : 0;
    const uniforms = { uNow: { value: 0 }, uScale: shared.uScale, uLate: { value: new Color('#eb5757') }, uFailed: { value: new Color('#f2994a') } };
    const material = new ShaderMaterial({
      uniforms,
      vertexShader: /* glsl */ `
        attribute vec4 aMark;
        uniform float uNow;
        uniform float uScale;
        uniform vec3 uLate;
        uniform vec3 uFailed;
        varying vec3 vColour;
        void main() {
          float age = uNow - aMark.z;
          bool show = aMark.w > 0.5 && age >= 0.0;
          float pop = 1.0 + 1.5 * exp(-age / 240.0);
          // Late deliveries full size, failed hand-overs (nobody came down) smaller.
          float size = aMark.w > 1.5 ? 0.35 : 0.6;
          vec3 p = position * uScale * size * pop * (show ? 1.0 : 0.0);
          vColour = aMark.w > 1.5 ? uFailed : uLate;
          gl_Position = projectionMatrix * modelViewMatrix * vec4(p.x + aMark.x, p.y, p.z - aMark.y, 1.0);
        }`,
      fragmentShader: 'varying vec3 vColour;\nvoid main() { gl_FragColor = vec4(vColour, 1.0); }',
    });
    return { geometry: g, material, uniforms };
  }, [marks]);
  useEffect(
    () => () => {
      geometry.dispose();
      material.dispose();
    },
    [geometry, material],
  );
  const startS = useRef(0);
  startS.current = marks?.startS ?? 0;
  useFrame(() => {
    uniforms.uNow.value = client.displayT - startS.current;
  });
  return <mesh geometry={geometry} material={material} frustumCulled={false} name="late-deliveries" />;
}
