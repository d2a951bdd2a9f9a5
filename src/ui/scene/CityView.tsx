import { useMemo } from 'react';
import { Canvas } from '@react-three/fiber';
import type { SceneData } from '../../../workers/simApi.ts';
import type { VanDetail } from '../../core/replay/vanDetail.ts';
import type { SimClient } from '../simClient.ts';
import type { Overlays } from '../urlState.ts';
import { CameraRig, type CameraPose } from './CameraRig.tsx';
import { Buildings, Roads } from './CityMeshes.tsx';
import { DemoDirector } from './DemoDirector.tsx';
import { Facilities } from './Facilities.tsx';
import { FacilityLabelLayer, LabelProjector, newLabelRefs } from './FacilityLabels.tsx';
import { FrameLoop } from './FrameLoop.tsx';
import { Lighting } from './Lighting.tsx';
import { Heatmap, LateDeliveries } from './Overlays.tsx';
import { Picker, type Pick } from './Picker.tsx';
import { RouteAhead } from './RouteAhead.tsx';
import { StreetLights } from './StreetLights.tsx';
import { Trails } from './Trails.tsx';
import { Vans } from './Vans.tsx';

export interface ViewProps {
  readonly client: SimClient;
  readonly scene: SceneData;
  readonly runId: number;
  readonly fleetSize: number;
  readonly selection: Pick;
  readonly follow: boolean;
  readonly overlays: Overlays;
  readonly shadows: boolean;
  readonly demo: boolean;
  readonly camera: CameraPose | null;
  readonly detail: VanDetail | null;
  readonly empty: boolean;
  onPick(p: Pick): void;
  onContextLost(): void;
}

/** The default framing: the whole city from the south at 55° elevation. */
export function defaultCamera(scene: SceneData): CameraPose {
  const { minX, minY, maxX, maxY } = scene.bbox;
  const cx = (minX + maxX) / 2;
  const cy = (minY + maxY) / 2;
  const span = Math.max(maxX - minX, maxY - minY);
  const dist = (0.62 * span) / Math.tan((22.5 * Math.PI) / 180);
  const elev = (55 * Math.PI) / 180;
  return { x: cx, y: dist * Math.sin(elev), z: -cy + dist * Math.cos(elev), tx: cx, tz: -cy };
}

/** Layers left out with `?hide=buildings,roads,vans,trails,lights,labels` (for measuring what each costs). */
const hidden = new Set((new URLSearchParams(location.search).get('hide') ?? '').split(','));

/** The 3D city: lighting by the hour, roads, buildings by tile, depots, the fleet, trails, overlays and the selected van's route. */
export function CityView(p: ViewProps) {
  const { scene, client } = p;
  const { minX, minY, maxX, maxY } = scene.bbox;
  const cx = (minX + maxX) / 2;
  const cz = -(minY + maxY) / 2;
  const span = Math.max(maxX - minX, maxY - minY);
  const van = p.selection?.kind === 'van' ? p.selection.v : -1;
  const facility = p.selection?.kind === 'facility' ? p.selection.f : -1;
  const labels = useMemo(newLabelRefs, []);
  const showLabels = !p.empty && !hidden.has('labels');
  return (
    <>
      <Canvas
        camera={{ fov: 45, near: 2, far: span * 12 }}
        // Multisampling costs more than it adds once thousands of vans fill the view.
        gl={{ antialias: p.fleetSize <= 2000, powerPreference: 'high-performance' }}
        dpr={[1, 2]}
        shadows={p.shadows}
        onCreated={({ gl }) => gl.domElement.addEventListener('webglcontextlost', p.onContextLost)}
        data-testid="city-canvas"
      >
        <FrameLoop client={client} vans={p.fleetSize} />
        {!p.empty && (
          <>
            <Lighting client={client} cx={cx} cz={cz} span={span} shadows={p.shadows} />
            {!hidden.has('roads') && <Roads scene={scene} />}
            {!hidden.has('buildings') && <Buildings scene={scene} shadows={p.shadows} />}
            {!hidden.has('lights') && <StreetLights lights={scene.lights} />}
            {showLabels && <Facilities client={client} facilities={scene.facilities} selected={facility} chargers={p.overlays.chargers} labels={labels} />}
            {showLabels && <LabelProjector facilities={scene.facilities} refs={labels} />}
            {!hidden.has('trails') && <Trails key={`trails-${p.runId}`} client={client} />}
            {!hidden.has('vans') && <Vans key={`vans-${p.runId}`} client={client} count={p.fleetSize} selected={van} byState={p.overlays.states} />}
            {p.overlays.heatmap && <Heatmap client={client} runId={p.runId} />}
            {p.overlays.late && <LateDeliveries client={client} runId={p.runId} />}
            {p.detail && van === p.detail.van && <RouteAhead client={client} detail={p.detail} />}
            <Picker client={client} facilities={scene.facilities} onPick={p.onPick} />
          </>
        )}
        <CameraRig client={client} initial={p.camera ?? defaultCamera(scene)} span={span} follow={p.follow ? van : -1} demo={p.demo} />
        {p.demo && <DemoDirector client={client} facilities={scene.facilities} cx={cx} cz={cz} span={span} />}
      </Canvas>
      {showLabels && <FacilityLabelLayer facilities={scene.facilities} selected={facility} refs={labels} chargers={p.overlays.chargers} onPick={(f) => p.onPick({ kind: 'facility', f })} />}
    </>
  );
}
