import { useMemo } from 'react';
import { useFrame, useThree } from '@react-three/fiber';
import { Vector3 } from 'three';
import { FRAME_VAN_STRIDE } from '../../core/replay/sampleTimeline.ts';
import { VanStatus } from '../../core/sim/VanStatus.ts';
import type { FacilityInfo } from '../../../workers/simApi.ts';
import type { SimClient } from '../simClient.ts';
import { placeVan, type Placement } from './vanPlacement.ts';
import { shared } from './sharedUniforms.ts';
import { view } from './viewRegistry.ts';

/** Shots of the tour, in wall-clock seconds. */
const SHOTS = [
  { kind: 'overview', seconds: 9 },
  { kind: 'follow', seconds: 14 },
  { kind: 'depot', seconds: 8 },
  { kind: 'follow', seconds: 14 },
] as const;

/** The van the demo is showing (the caption bar tells its story), -1 for none. */
export const demoFocus = { van: -1, shot: 'overview' as string };

interface Props {
  readonly client: SimClient;
  readonly facilities: readonly FacilityInfo[];
  readonly cx: number;
  readonly cz: number;
  readonly span: number;
}

/** A driving van near the middle of the action: on a delivery tour if any, a different one each time. */
function chooseVan(client: SimClient, after: number): number {
  const cur = client.curVans;
  const n = client.fleetSize;
  let fallback = -1;
  for (let k = 1; k <= n; k++) {
    const v = (after + k * 7) % n;
    const s = cur[v * FRAME_VAN_STRIDE + 3];
    if (s === VanStatus.Delivering) return v;
    if (fallback < 0 && (s === VanStatus.LineHaul || s === VanStatus.AtDoor)) fallback = v;
  }
  return fallback;
}

/**
 * The kiosk tour: the camera cycles through an orbit over the whole city, a chase of a van on a
 * delivery tour, and a look at the busiest depot, easing between poses. It only moves the camera
 * and names the van on show; the caption bar and the clock do the rest.
 */
export function DemoDirector({ client, facilities, cx, cz, span }: Props) {
  const { camera } = useThree();
  const s = useMemo(() => ({ shot: 0, left: SHOTS[0].seconds as number, angle: 0, van: -1, depot: 0, p: { x: 0, z: 0, heading: 0, status: 0 } as Placement, eye: new Vector3(), look: new Vector3(cx, 0, cz) }), [cx, cz]);

  useFrame((_, dtRaw) => {
    const dt = Math.min(dtRaw, 0.1);
    s.left -= dt;
    if (s.left <= 0) {
      s.shot = (s.shot + 1) % SHOTS.length;
      s.left = SHOTS[s.shot].seconds;
      if (SHOTS[s.shot].kind === 'follow') s.van = chooseVan(client, s.van < 0 ? 0 : s.van);
      if (SHOTS[s.shot].kind === 'depot') s.depot = (s.depot + 1) % Math.max(1, facilities.length);
    }
    const kind = SHOTS[s.shot].kind;
    s.angle += dt * 0.06;
    if (kind === 'follow' && s.van >= 0 && client.hasFrame) {
      placeVan(client, s.van, shared.uScale.value, s.p);
      const back = 160 + 60 * Math.sin(s.angle * 3);
      s.look.set(s.p.x, 0, s.p.z);
      s.eye.set(s.p.x - Math.cos(s.p.heading) * back, 120, s.p.z + Math.sin(s.p.heading) * back);
    } else if (kind === 'depot' && facilities.length > 0) {
      const f = facilities[s.depot];
      s.look.set(f.x, 0, -f.y);
      s.eye.set(f.x + Math.cos(s.angle) * 320, 260, -f.y + Math.sin(s.angle) * 320);
    } else {
      s.look.set(cx, 0, cz);
      s.eye.set(cx + Math.cos(s.angle) * span * 0.8, span * 0.75, cz + Math.sin(s.angle) * span * 0.8);
    }
    demoFocus.van = kind === 'follow' ? s.van : -1;
    demoFocus.shot = kind;
    const k = 1 - Math.exp(-dt * 1.6);
    camera.position.lerp(s.eye, k);
    const c = view.controls;
    if (c) {
      c.target.set(c.target.x + (s.look.x - c.target.x) * k, 0, c.target.z + (s.look.z - c.target.z) * k);
      camera.lookAt(c.target.x, 0, c.target.z);
    }
  });
  return null;
}
