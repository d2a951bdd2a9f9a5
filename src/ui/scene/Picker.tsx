import { useEffect, useMemo } from 'react';
import { useThree } from '@react-three/fiber';
import { Vector3 } from 'three';
import type { FacilityInfo } from '../../../workers/simApi.ts';
import type { SimClient } from '../simClient.ts';
import { placeVan, type Placement } from './vanPlacement.ts';
import { shared } from './sharedUniforms.ts';
import { view } from './viewRegistry.ts';

export type Pick = { kind: 'van'; v: number } | { kind: 'facility'; f: number } | null;

const VAN_PX = 16;
const FACILITY_PX = 28;
const CLICK_SLOP_PX = 5;

/**
 * Clicks on the canvas pick the van (or else the depot) drawn nearest to the pointer: every van's
 * drawn position is projected to the screen (a scan over the fleet on click, never per frame), so
 * picking agrees with what the GPU shows even though vans are placed in the shader. A drag is a
 * camera move, not a click.
 */
export function Picker({ client, facilities, onPick }: { client: SimClient; facilities: readonly FacilityInfo[]; onPick(p: Pick): void }) {
  const { camera, gl } = useThree();
  const scratch = useMemo(() => ({ p: { x: 0, z: 0, heading: 0, status: 0 } as Placement, v: new Vector3() }), []);

  useEffect(() => {
    const el = gl.domElement;
    const toScreen = (x: number, y: number, z: number): { x: number; y: number; depth: number } | null => {
      const r = el.getBoundingClientRect();
      scratch.v.set(x, y, z).project(camera);
      if (scratch.v.z > 1 || scratch.v.z < -1) return null;
      return { x: ((scratch.v.x + 1) / 2) * r.width, y: ((1 - scratch.v.y) / 2) * r.height, depth: scratch.v.z };
    };
    const vanOnScreen = (v: number) => {
      if (v < 0 || v >= client.fleetSize || !client.hasFrame) return null;
      placeVan(client, v, shared.uScale.value, scratch.p);
      return toScreen(scratch.p.x, 1.2 * shared.uScale.value, scratch.p.z);
    };
    const pickAt = (px: number, py: number): Pick => {
      let best: Pick = null;
      let bestD = VAN_PX;
      for (let v = 0; v < client.fleetSize && client.hasFrame; v++) {
        const s = vanOnScreen(v);
        if (!s) continue;
        const d = Math.hypot(s.x - px, s.y - py);
        if (d < bestD) {
          bestD = d;
          best = { kind: 'van', v };
        }
      }
      if (best) return best;
      bestD = FACILITY_PX;
      facilities.forEach((f, i) => {
        const s = toScreen(f.x, 6, -f.y);
        const d = s ? Math.hypot(s.x - px, s.y - py) : Infinity;
        if (d < bestD) {
          bestD = d;
          best = { kind: 'facility', f: i };
        }
      });
      return best;
    };
    let down: { x: number; y: number } | null = null;
    const onDown = (e: PointerEvent) => (down = { x: e.clientX, y: e.clientY });
    const onUp = (e: PointerEvent) => {
      if (!down || Math.hypot(e.clientX - down.x, e.clientY - down.y) > CLICK_SLOP_PX) return;
      const r = el.getBoundingClientRect();
      onPick(pickAt(e.clientX - r.left, e.clientY - r.top));
      down = null;
    };
    el.addEventListener('pointerdown', onDown);
    el.addEventListener('pointerup', onUp);
    view.vanOnScreen = vanOnScreen;
    return () => {
      el.removeEventListener('pointerdown', onDown);
      el.removeEventListener('pointerup', onUp);
      view.vanOnScreen = null;
    };
  }, [camera, gl, client, facilities, onPick, scratch]);
  return null;
}
