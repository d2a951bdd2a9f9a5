import { useEffect, useMemo } from 'react';
import { BufferAttribute, BufferGeometry } from 'three';
import type { MeshArrays } from '../geometry/MeshArrays.ts';

function toGeometry(m: MeshArrays): BufferGeometry {
  const g = new BufferGeometry();
  g.setAttribute('position', new BufferAttribute(m.positions, 3));
  g.setAttribute('normal', new BufferAttribute(m.normals, 3));
  g.setAttribute('color', new BufferAttribute(m.colors, 3));
  g.setIndex(new BufferAttribute(m.indices, 1));
  g.computeBoundingSphere();
  return g;
}

/** A merged, vertex-coloured mesh built in the worker: one draw call. */
export function MergedMesh({ arrays, name, receiveShadow = false }: { arrays: MeshArrays; name: string; receiveShadow?: boolean }) {
  const geometry = useMemo(() => toGeometry(arrays), [arrays]);
  useEffect(() => () => geometry.dispose(), [geometry]);
  return (
    <mesh geometry={geometry} name={name} receiveShadow={receiveShadow}>
      <meshLambertMaterial vertexColors />
    </mesh>
  );
}
