import { describe, expect, it } from 'vitest';
import { BuildingsBuilder } from '../city/Buildings.ts';
import { buildBuildingMesh } from './buildingMesh.ts';
import { buildRoadMesh } from './roadMesh.ts';
import { graphFromAscii } from '../../../test/fixtures/graphFromAscii.ts';
import type { MeshArrays } from './MeshArrays.ts';

/** Normal of triangle t from its winding (view space). */
function faceNormal(m: MeshArrays, t: number): [number, number, number] {
  const [a, b, c] = [m.indices[3 * t], m.indices[3 * t + 1], m.indices[3 * t + 2]].map((i) => [m.positions[3 * i], m.positions[3 * i + 1], m.positions[3 * i + 2]]);
  const u = [b[0] - a[0], b[1] - a[1], b[2] - a[2]];
  const v = [c[0] - a[0], c[1] - a[1], c[2] - a[2]];
  return [u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]];
}

describe('city meshes', () => {
  it('extrudes an L-shaped footprint with outward walls and an upward roof', () => {
    const bb = new BuildingsBuilder();
    bb.add([0, 0, 20, 0, 20, 10, 10, 10, 10, 20, 0, 20], 12);
    const m = buildBuildingMesh(bb.finish());
    expect(m.indices.length / 3).toBe(6 * 2 + 4); // 6 walls, earcut gives n-2 = 4 roof triangles
    for (let t = 0; t < m.indices.length / 3; t++) {
      const n = faceNormal(m, t);
      const i = m.indices[3 * t];
      const stored = [m.normals[3 * i], m.normals[3 * i + 1], m.normals[3 * i + 2]];
      // The winding agrees with the stored normal: front faces point out or up.
      expect(n[0] * stored[0] + n[1] * stored[1] + n[2] * stored[2]).toBeGreaterThan(0);
    }
    expect(Math.max(...m.positions.filter((_, k) => k % 3 === 1))).toBe(12);
  });

  it('draws each two-way road once, facing up', () => {
    const { graph } = graphFromAscii('A-B>C');
    const m = buildRoadMesh(graph);
    expect(m.indices.length / 3).toBe(4); // two segments, two triangles each
    for (let t = 0; t < 4; t++) expect(faceNormal(m, t)[1]).toBeGreaterThan(0);
  });
});
