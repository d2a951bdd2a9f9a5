import { useEffect, useMemo } from 'react';
import { BufferAttribute, BufferGeometry, LOD, Mesh, Sphere, Vector3, type Material } from 'three';
import type { SceneData } from '../../../workers/simApi.ts';
import type { MeshArrays } from '../../core/mesh/MeshArrays.ts';
import { makeBuildingMaterial, makeRoadMaterial } from './cityMaterials.ts';

interface Shared {
  readonly position: BufferAttribute;
  readonly normal: BufferAttribute;
  readonly color: BufferAttribute;
  readonly indices: Uint32Array;
}

function sharedAttributes(m: MeshArrays): Shared {
  return { position: new BufferAttribute(m.positions, 3), normal: new BufferAttribute(m.normals, 3), color: new BufferAttribute(m.colors, 3), indices: m.indices };
}

/** A geometry drawing one index range over vertex attributes shared with other ranges (one vertex upload in all). */
function rangeGeometry(s: Shared, [start, count]: readonly [number, number], sphere?: Sphere): BufferGeometry {
  const g = new BufferGeometry();
  g.setAttribute('position', s.position);
  g.setAttribute('normal', s.normal);
  g.setAttribute('color', s.color);
  g.setIndex(new BufferAttribute(s.indices.subarray(start, start + count), 1));
  if (sphere) g.boundingSphere = sphere;
  else g.computeBoundingSphere();
  return g;
}

/**
 * Buildings by tile: each tile is a three LOD with the full footprints near and bounding boxes
 * (without the smallest buildings) far away; tiles outside the view are frustum-culled. Every
 * tile draws an index range of one of two shared vertex buffers.
 */
export function Buildings({ scene, shadows }: { scene: SceneData; shadows: boolean }) {
  const { group, dispose } = useMemo(() => {
    const material = makeBuildingMaterial();
    const near = sharedAttributes(scene.buildings);
    const far = sharedAttributes(scene.buildingsFar);
    const farM = Math.max(1500, scene.tileM * 3.5);
    const lods: LOD[] = [];
    const geometries: BufferGeometry[] = [];
    for (const t of scene.tiles) {
      const sphere = new Sphere(new Vector3(t.cx, t.height / 2, -t.cy), t.radius);
      const lod = new LOD();
      lod.position.set(t.cx, 0, -t.cy);
      const levels: [Shared, readonly [number, number], number][] = [[near, t.near, 0]];
      if (t.far[1] > 0) levels.push([far, t.far, farM]);
      for (const [s, range, dist] of levels) {
        const g = rangeGeometry(s, range, sphere);
        geometries.push(g);
        const m = new Mesh(g, material);
        m.position.set(-t.cx, 0, t.cy); // geometry is in world coordinates; the LOD sits at the tile centre for its distance test
        m.castShadow = true;
        m.receiveShadow = true;
        lod.addLevel(m, dist);
      }
      // Static: compute the matrices once, then three skips recomposing ~150 objects every frame.
      lod.updateMatrixWorld(true);
      lod.traverse((o) => (o.matrixAutoUpdate = false));
      lods.push(lod);
    }
    return { group: lods, dispose: () => disposeAll(geometries, material) };
  }, [scene]);
  useEffect(() => dispose, [dispose]);
  useEffect(() => {
    for (const lod of group) lod.traverse((o) => ((o as Mesh).castShadow = shadows));
  }, [group, shadows]);
  return (
    <group name="buildings">
      {group.map((lod, i) => (
        <primitive key={i} object={lod} />
      ))}
    </group>
  );
}

/** Roads: two draw calls (major with centre lines, minor) over one shared vertex buffer. */
export function Roads({ scene }: { scene: SceneData }) {
  const { major, minor, material } = useMemo(() => {
    const s = sharedAttributes(scene.roads);
    return { major: rangeGeometry(s, scene.majorRoads), minor: rangeGeometry(s, scene.minorRoads), material: makeRoadMaterial() };
  }, [scene]);
  useEffect(() => () => disposeAll([major, minor], material), [major, minor, material]);
  return (
    <group name="roads">
      <mesh geometry={minor} material={material} receiveShadow name="minor-roads" />
      <mesh geometry={major} material={material} receiveShadow name="major-roads" renderOrder={1} />
    </group>
  );
}

function disposeAll(geometries: BufferGeometry[], material: Material): void {
  for (const g of geometries) g.dispose();
  material.dispose();
}
