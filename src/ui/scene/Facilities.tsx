import { Html } from '@react-three/drei';
import type { FacilityInfo } from '../../../workers/simApi.ts';

/** Warehouse and transfer stations with their charging posts and a label each. */
export function Facilities({ facilities }: { facilities: readonly FacilityInfo[] }) {
  return (
    <group name="facilities">
      {facilities.map((f) => {
        const warehouse = f.kind === 'warehouse';
        return (
          <group key={f.id} position={[f.x, 0, -f.y]}>
            <mesh position={[0, warehouse ? 6 : 4, 0]}>
              {warehouse ? <boxGeometry args={[40, 12, 40]} /> : <cylinderGeometry args={[12, 12, 8, 6]} />}
              <meshLambertMaterial color={warehouse ? '#e07b39' : '#2d6cdf'} transparent opacity={0.85} />
            </mesh>
            {Array.from({ length: f.chargerPorts }, (_, i) => (
              <mesh key={i} position={[-16 + (i % 8) * 4.5, 1.2, 18 + Math.floor(i / 8) * 4]}>
                <boxGeometry args={[1.2, 2.4, 1.2]} />
                <meshLambertMaterial color="#27ae60" />
              </mesh>
            ))}
            <Html position={[0, warehouse ? 22 : 16, 0]} center className="facility-label" zIndexRange={[10, 0]}>
              <div className={`facility-label ${f.kind}`}>
                {warehouse ? 'Warehouse' : f.id.replace('station-', 'Station ')}
                <span>{f.chargerPorts > 0 ? ` · ${f.chargerPorts}×${f.chargerKW} kW` : ''}</span>
              </div>
            </Html>
          </group>
        );
      })}
    </group>
  );
}
