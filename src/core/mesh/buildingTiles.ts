import { buildingCentroid, signedArea, type Buildings } from '../city/Buildings.ts';
import type { BBox } from '../city/City.ts';
import { extrudeBox, extrudeFootprint } from './buildingMesh.ts';
import { MeshBuilder, type MeshArrays } from './MeshArrays.ts';

/** One square of the city: its buildings' index ranges in the near (full) and far (boxes) meshes. */
export interface BuildingTile {
  /** Centre in plan (x east, y north) and the radius of a sphere around everything in it, m. */
  readonly cx: number;
  readonly cy: number;
  readonly radius: number;
  readonly height: number;
  readonly count: number;
  readonly near: readonly [start: number, count: number];
  readonly far: readonly [start: number, count: number];
}

export interface BuildingTiles {
  /** Every building with its full footprint; indices are global and contiguous per tile. */
  readonly near: MeshArrays;
  /** Distant stand-ins: bounding boxes, without the smallest buildings. */
  readonly far: MeshArrays;
  readonly tiles: BuildingTile[];
  readonly tileM: number;
}

/** Buildings smaller than this and lower than FAR_MIN_HEIGHT_M are left out of the distant level. */
const FAR_MIN_AREA_M2 = 400;
const FAR_MIN_HEIGHT_M = 12;

/**
 * Buildings in square tiles (about 6 across the city, never under 400 m) so that the view can
 * cull tiles outside the frustum and swap distant tiles to a cheaper level of detail. Both levels
 * are single meshes, built tile by tile: the view draws a tile as an index range over one shared
 * vertex buffer, so there is no duplicated vertex data and one upload per level.
 */
export function buildBuildingTiles(b: Buildings, bbox: BBox): BuildingTiles {
  const w = bbox.maxX - bbox.minX;
  const h = bbox.maxY - bbox.minY;
  const tileM = Math.max(400, Math.ceil(Math.max(w, h) / 6));
  const nx = Math.max(1, Math.ceil(w / tileM));
  const ny = Math.max(1, Math.ceil(h / tileM));
  const byTile: number[][] = Array.from({ length: nx * ny }, () => []);
  for (let i = 0; i < b.count; i++) {
    const [x, y] = buildingCentroid(b, i);
    const tx = Math.min(nx - 1, Math.max(0, Math.floor((x - bbox.minX) / tileM)));
    const ty = Math.min(ny - 1, Math.max(0, Math.floor((y - bbox.minY) / tileM)));
    byTile[ty * nx + tx].push(i);
  }
  const near = new MeshBuilder();
  const far = new MeshBuilder();
  const ring: number[] = [];
  const tiles: BuildingTile[] = [];
  byTile.forEach((list, k) => {
    if (list.length === 0) return;
    const n0 = near.indexCount;
    const f0 = far.indexCount;
    let top = 0;
    let reach = 0;
    const cx = bbox.minX + ((k % nx) + 0.5) * tileM;
    const cy = bbox.minY + (Math.floor(k / nx) + 0.5) * tileM;
    for (const i of list) {
      extrudeFootprint(near, b, i, ring);
      if (b.heightM[i] >= FAR_MIN_HEIGHT_M || signedArea(b.xy, b.ringStart[i], b.ringStart[i + 1]) >= FAR_MIN_AREA_M2) extrudeBox(far, b, i);
      top = Math.max(top, b.heightM[i]);
      for (let v = b.ringStart[i]; v < b.ringStart[i + 1]; v++) reach = Math.max(reach, Math.hypot(b.xy[2 * v] - cx, b.xy[2 * v + 1] - cy));
    }
    tiles.push({ cx, cy, radius: Math.hypot(reach, top), height: top, count: list.length, near: [n0, near.indexCount - n0], far: [f0, far.indexCount - f0] });
  });
  return { near: near.finish(), far: far.finish(), tiles, tileM };
}
