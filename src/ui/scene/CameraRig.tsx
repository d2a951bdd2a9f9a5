import { useEffect, useMemo, useRef } from 'react';
import { useFrame, useThree } from '@react-three/fiber';
import { MapControls } from '@react-three/drei';
import type { SimClient } from '../simClient.ts';
import { placeVan, type Placement } from './vanPlacement.ts';
import { shared } from './sharedUniforms.ts';
import { view, type ControlsLike } from './viewRegistry.ts';

export interface CameraPose {
  readonly x: number;
  readonly y: number;
  readonly z: number;
  readonly tx: number;
  readonly tz: number;
}

interface Props {
  readonly client: SimClient;
  readonly initial: CameraPose;
  readonly span: number;
  /** Van the camera follows (-1: free). */
  readonly follow: number;
  /** The demo director drives the camera; the user's controls rest. */
  readonly demo: boolean;
}

/**
 * The camera: map-style controls (drag to pan, right-drag to orbit, wheel to zoom), an initial
 * pose (from the URL or the default framing), and a follow mode that glides the view along with
 * a van, keeping the user's angle and distance. Registers camera and controls for the rest of the
 * app (URL state, test hooks, demo).
 */
export function CameraRig({ client, initial, span, follow, demo }: Props) {
  const controls = useRef<ControlsLike>(null);
  const { camera } = useThree();
  const p = useMemo<Placement>(() => ({ x: 0, z: 0, heading: 0, status: 0 }), []);

  useEffect(() => {
    camera.position.set(initial.x, initial.y, initial.z);
    camera.lookAt(initial.tx, 0, initial.tz);
    controls.current?.target.set(initial.tx, 0, initial.tz);
    controls.current?.update();
    // Only on mount: later changes of `initial` (the URL being rewritten) must not yank the camera.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [camera]);

  useEffect(() => {
    view.camera = camera;
    view.controls = controls.current;
    return () => {
      view.camera = null;
      view.controls = null;
    };
  }, [camera]);

  useFrame((_, dt) => {
    const c = controls.current;
    if (!c) return;
    c.enabled = !demo;
    if (demo || follow < 0 || follow >= client.fleetSize || !client.hasFrame) return;
    placeVan(client, follow, shared.uScale.value, p);
    const k = 1 - Math.exp(-Math.min(dt, 0.1) * 6);
    const dx = (p.x - c.target.x) * k;
    const dz = (p.z - c.target.z) * k;
    c.target.set(c.target.x + dx, 0, c.target.z + dz);
    camera.position.x += dx;
    camera.position.z += dz;
  });

  return <MapControls ref={controls as never} makeDefault maxPolarAngle={Math.PI / 2.2} minDistance={25} maxDistance={span * 5} enableDamping />;
}
