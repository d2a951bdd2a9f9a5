import { useEffect, useMemo, useRef } from 'react';
import { useFrame } from '@react-three/fiber';
import { BoxGeometry, BufferGeometry, type Mesh } from 'three';
import { mergeGeometries } from 'three/examples/jsm/utils/BufferGeometryUtils.js';
import type { FacilityInfo } from '../../../workers/simApi.ts';
import { FACILITY_FIELDS } from '../../core/replay/KpiSeries.ts';
import type { SimClient } from '../simClient.ts';
import type { LabelRefs } from './FacilityLabels.tsx';

const BAR_M = 60; // height of a fully busy charger bar

/** Every charging post of every depot in one mesh (one draw call, not one per post). */
function chargingPosts(facilities: readonly FacilityInfo[]): BufferGeometry {
  const boxes: BufferGeometry[] = [];
  for (const f of facilities) {
    for (let k = 0; k < f.chargerPorts; k++) boxes.push(new BoxGeometry(1.2, 2.4, 1.2).translate(f.x - 16 + (k % 8) * 4.5, 1.2, -f.y + 18 + Math.floor(k / 8) * 4));
  }
  const merged = boxes.length > 0 ? mergeGeometries(boxes) : new BufferGeometry();
  for (const b of boxes) b.dispose();
  return merged;
}

interface Props {
  readonly client: SimClient;
  readonly facilities: readonly FacilityInfo[];
  readonly selected: number;
  readonly chargers: boolean;
  /** The DOM labels (FacilityLabelLayer) whose live part shows charger use. */
  readonly labels: LabelRefs;
}

/**
 * Warehouse and transfer stations with their charging posts (labels are DOM, FacilityLabels.tsx). With the charger
 * overlay, a bar over each charging site rises with the share of ports in use (green) and a red
 * one with the queue; both follow the displayed moment, set per frame from the frame header.
 */
export function Facilities({ client, facilities, selected, chargers, labels }: Props) {
  const bars = useRef<(Mesh | null)[]>([]);
  const queues = useRef<(Mesh | null)[]>([]);
  const lastText = useRef(0);
  const posts = useMemo(() => chargingPosts(facilities), [facilities]);
  useEffect(() => () => posts.dispose(), [posts]);

  useFrame(({ clock }) => {
    const L = client.layout;
    if (!chargers || !L || client.header.length === 0) return;
    const updateText = clock.elapsedTime - lastText.current > 0.25;
    if (updateText) lastText.current = clock.elapsedTime;
    for (let i = 0; i < facilities.length; i++) {
      const f = facilities[i];
      if (f.chargerPorts === 0) continue;
      const busy = client.header[L.facilitiesAt + FACILITY_FIELDS * i];
      const queued = client.header[L.facilitiesAt + FACILITY_FIELDS * i + 1];
      const b = bars.current[i];
      const q = queues.current[i];
      const hb = Math.max(0.01, (busy / f.chargerPorts) * BAR_M);
      const hq = Math.max(0.01, (queued / f.chargerPorts) * BAR_M);
      if (b) {
        b.scale.y = hb;
        b.position.y = hb / 2;
      }
      if (q) {
        q.scale.y = hq;
        q.position.y = hb + hq / 2;
        q.visible = queued > 0;
      }
      const el = labels.live[i];
      if (el && updateText) el.textContent = ` · ${busy}/${f.chargerPorts} charging${queued > 0 ? `, ${queued} waiting` : ''}`;
    }
  });

  return (
    <group name="facilities">
      <mesh geometry={posts} name="charging-posts">
        <meshLambertMaterial color="#27ae60" emissive="#0b5d2a" />
      </mesh>
      {facilities.map((f, i) => {
        const warehouse = f.kind === 'warehouse';
        const picked = i === selected;
        return (
          <group key={f.id} position={[f.x, 0, -f.y]}>
            <mesh position={[0, warehouse ? 6 : 4, 0]} castShadow>
              {warehouse ? <boxGeometry args={[40, 12, 40]} /> : <cylinderGeometry args={[12, 12, 8, 6]} />}
              <meshLambertMaterial color={picked ? '#ffd34d' : warehouse ? '#e07b39' : f.kind === 'hub' ? '#1e8449' : '#2d6cdf'} transparent opacity={0.9} />
            </mesh>
            {chargers && f.chargerPorts > 0 && (
              <group position={[22, 0, 0]}>
                <mesh ref={(m) => void (bars.current[i] = m)} scale={[1, 0.01, 1]}>
                  <boxGeometry args={[8, 1, 8]} />
                  <meshBasicMaterial color="#27ae60" />
                </mesh>
                <mesh ref={(m) => void (queues.current[i] = m)} scale={[1, 0.01, 1]} visible={false}>
                  <boxGeometry args={[8, 1, 8]} />
                  <meshBasicMaterial color="#eb5757" />
                </mesh>
              </group>
            )}
          </group>
        );
      })}
    </group>
  );
}
