import type { City } from '../city/City.ts';
import { buildBuildingTiles, type BuildingTile } from './buildingTiles.ts';
import { meshTransferables, type MeshArrays } from './MeshArrays.ts';
import { buildRoadMeshes, streetLights } from './roadMesh.ts';

export interface FacilityInfo {
  readonly id: string;
  readonly kind: 'warehouse' | 'station' | 'hub';
  readonly x: number;
  readonly y: number;
  readonly chargerPorts: number;
  readonly chargerKW: number;
}

/** Everything static the 3D view draws, built once per city in the worker and transferred. */
export interface SceneData {
  /** All roads, major first; majorRoads and minorRoads are index ranges into it. */
  readonly roads: MeshArrays;
  readonly majorRoads: readonly [number, number];
  readonly minorRoads: readonly [number, number];
  /** Every building in full; tiles index into it (and into buildingsFar, the distant boxes). */
  readonly buildings: MeshArrays;
  readonly buildingsFar: MeshArrays;
  readonly tiles: readonly BuildingTile[];
  readonly tileM: number;
  /** Street lamps, plan x, y pairs. */
  readonly lights: Float32Array;
  readonly facilities: FacilityInfo[];
  readonly bbox: { minX: number; minY: number; maxX: number; maxY: number };
  readonly attribution?: string;
  readonly buildingCount: number;
}

export function buildSceneData(city: City): SceneData {
  const roads = buildRoadMeshes(city.graph);
  const b = buildBuildingTiles(city.buildings, city.bbox);
  return {
    roads: roads.mesh,
    majorRoads: roads.major,
    minorRoads: roads.minor,
    buildings: b.near,
    buildingsFar: b.far,
    tiles: b.tiles,
    tileM: b.tileM,
    lights: streetLights(city.graph),
    facilities: city.facilities.map((f) => ({ id: f.id, kind: f.kind, x: f.x, y: f.y, chargerPorts: f.chargerPorts, chargerKW: f.chargerKW })),
    bbox: city.bbox,
    attribution: city.attribution,
    buildingCount: city.buildings.count,
  };
}

/** The scene's big buffers, for comlink's transfer list. */
export function sceneTransferables(s: SceneData): ArrayBuffer[] {
  return [...meshTransferables(s.roads), ...meshTransferables(s.buildings), ...meshTransferables(s.buildingsFar), s.lights.buffer as ArrayBuffer];
}
