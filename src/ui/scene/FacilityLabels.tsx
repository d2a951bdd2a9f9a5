import { useMemo } from 'react';
import { useFrame, useThree } from '@react-three/fiber';
import { Vector3 } from 'three';
import type { FacilityInfo } from '../../../workers/simApi.ts';
import { placeName } from '../../core/replay/story.ts';

/** DOM elements of the depot labels, filled by the layer and moved by the projector. */
export interface LabelRefs {
  readonly boxes: (HTMLButtonElement | null)[];
  /** The live part of each label (ports, or chargers in use with the charger overlay). */
  readonly live: (HTMLSpanElement | null)[];
}

export function newLabelRefs(): LabelRefs {
  return { boxes: [], live: [] };
}

const labelHeight = (f: FacilityInfo) => (f.kind === 'warehouse' ? 22 : 16);

/**
 * The depot labels as plain DOM over the canvas (not inside the WebGL tree: they outlive a lost
 * context, and cost one transform per label per frame); clicking one selects the depot.
 * Positions are written by LabelProjector.
 */
interface LayerProps {
  readonly facilities: readonly FacilityInfo[];
  readonly selected: number;
  readonly refs: LabelRefs;
  readonly chargers: boolean;
  onPick(f: number): void;
}

export function FacilityLabelLayer({ facilities, selected, refs, chargers, onPick }: LayerProps) {
  return (
    <div className="label-layer">
      {facilities.map((f, i) => (
        <button
          type="button"
          key={f.id}
          ref={(el) => void (refs.boxes[i] = el)}
          className={`facility-label ${f.kind}${i === selected ? ' picked' : ''}`}
          style={{ visibility: 'hidden' }}
          onClick={() => onPick(i)}
          data-testid={`label-${f.id}`}
        >
          {f.kind === 'warehouse' ? 'Warehouse' : placeName(f.id)}
          <span key={chargers ? 'live' : 'ports'} ref={(el) => void (refs.live[i] = el)}>
            {f.chargerPorts > 0 ? ` · ${f.chargerPorts}×${f.chargerKW} kW` : ''}
          </span>
        </button>
      ))}
    </div>
  );
}

/** Inside the canvas: project each label's anchor every frame and move its element (no allocation). */
export function LabelProjector({ facilities, refs }: { facilities: readonly FacilityInfo[]; refs: LabelRefs }) {
  const { camera, size } = useThree();
  const s = useMemo(() => ({ v: new Vector3(), x: new Float32Array(facilities.length).fill(NaN), y: new Float32Array(facilities.length).fill(NaN) }), [facilities]);
  useFrame(() => {
    const v = s.v;
    for (let i = 0; i < facilities.length; i++) {
      const el = refs.boxes[i];
      if (!el) continue;
      const f = facilities[i];
      v.set(f.x, labelHeight(f), -f.y).project(camera);
      const visible = v.z > -1 && v.z < 1 && Math.abs(v.x) < 1.2 && Math.abs(v.y) < 1.2;
      const x = visible ? Math.round(((v.x + 1) / 2) * size.width) : NaN;
      const y = visible ? Math.round(((1 - v.y) / 2) * size.height) : NaN;
      // Touch the DOM only when a label moved by a pixel (a still camera costs nothing).
      if (x === s.x[i] && y === s.y[i]) continue;
      if (Number.isNaN(x) !== Number.isNaN(s.x[i])) el.style.visibility = visible ? 'visible' : 'hidden';
      s.x[i] = x;
      s.y[i] = y;
      if (visible) el.style.transform = `translate(-50%, -50%) translate(${x}px, ${y}px)`;
    }
  });
  return null;
}
