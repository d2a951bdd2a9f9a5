import { Canvas, useFrame } from '@react-three/fiber';
import { MapControls } from '@react-three/drei';
import type { SceneData } from '../../../workers/simApi.ts';
import type { SimClient } from '../simClient.ts';
import { MergedMesh } from './CityMeshes.tsx';
import { Facilities } from './Facilities.tsx';
import { Vans } from './Vans.tsx';

/** Advances the simulated clock every rendered frame (wall time × speed). */
function SimDriver({ client }: { client: SimClient }) {
  useFrame((_, dt) => client.tick(dt));
  return null;
}

/** The 3D city: ground, roads, buildings, depots and the fleet. */
export function CityView({ client, scene, fleetSize }: { client: SimClient; scene: SceneData; fleetSize: number }) {
  const { minX, minY, maxX, maxY } = scene.bbox;
  const cx = (minX + maxX) / 2;
  const cy = (minY + maxY) / 2;
  const span = Math.max(maxX - minX, maxY - minY);
  // Frame the whole city from the south at 55° elevation: distance from the 45° field of view.
  const dist = (0.62 * span) / Math.tan((22.5 * Math.PI) / 180);
  const elev = (55 * Math.PI) / 180;
  return (
    <Canvas
      camera={{ position: [cx, dist * Math.sin(elev), -cy + dist * Math.cos(elev)], fov: 45, near: 2, far: span * 12 }}
      gl={{ antialias: true, preserveDrawingBuffer: true }}
      dpr={[1, 2]}
      onCreated={({ camera }) => camera.lookAt(cx, 0, -cy)}
    >
      <color attach="background" args={['#cfd8e3']} />
      <fog attach="fog" args={['#cfd8e3', span * 2, span * 6]} />
      <hemisphereLight args={['#ffffff', '#7d8a6a', 1.1]} />
      <directionalLight position={[span * 0.3, span * 0.6, span * 0.2]} intensity={1.6} />
      <mesh rotation={[-Math.PI / 2, 0, 0]} position={[cx, 0, -cy]} name="ground">
        <planeGeometry args={[span * 3, span * 3]} />
        <meshLambertMaterial color="#a9b59a" />
      </mesh>
      <MergedMesh arrays={scene.roads} name="roads" />
      <MergedMesh arrays={scene.buildings} name="buildings" />
      <Facilities facilities={scene.facilities} />
      <Vans key={fleetSize} client={client} count={fleetSize} />
      <SimDriver client={client} />
      <MapControls target={[cx, 0, -cy]} maxPolarAngle={Math.PI / 2.2} minDistance={30} maxDistance={span * 5} enableDamping />
    </Canvas>
  );
}
