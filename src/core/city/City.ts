import type { RoadGraph } from '../network/RoadGraph.ts';
import type { Buildings } from './Buildings.ts';
import type { ContractionHierarchy } from '../routing/ch/ContractionHierarchy.ts';

/** The warehouse, the transfer stations, and standalone charging hubs (chargers only, no stock). */
export type FacilityKind = 'warehouse' | 'station' | 'hub';

/** A depot the fleet works from: the warehouse (index 0), the transfer stations, then any charging hubs. */
export interface Facility {
  readonly id: string;
  readonly kind: FacilityKind;
  /** Road node where vans load, unload and park. */
  readonly node: number;
  readonly x: number;
  readonly y: number;
  /** Charging ports on site (0 = none) and their power, kW. */
  readonly chargerPorts: number;
  readonly chargerKW: number;
  /** Grid connection of the site, kW, shared by its ports. */
  readonly chargerLimitKW: number;
}

/** Customer doors: where parcels are handed over at the curb. Structure of arrays. */
export interface Doors {
  readonly count: number;
  /** Curb node on the road graph where the van stops. */
  readonly node: Uint32Array;
  /** Building the door belongs to (-1 if none). */
  readonly building: Int32Array;
  /** Door position (on the building's street face), metres. */
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** Relative demand (e.g. floor area): parcels are drawn in proportion. */
  readonly weight: Float32Array;
}

export interface BBox {
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
}

/** Everything static about the place the fleet works in. */
export interface City {
  readonly name: string;
  readonly graph: RoadGraph;
  /** Contraction hierarchy of the graph: all routing (planning matrices and driven paths) uses it. */
  readonly ch: ContractionHierarchy;
  readonly buildings: Buildings;
  readonly doors: Doors;
  /** facilities[0] is the warehouse; the rest are transfer stations. */
  readonly facilities: readonly Facility[];
  readonly bbox: BBox;
  /** Attribution to show with the map (e.g. OpenStreetMap contributors), if any. */
  readonly attribution?: string;
}

export function graphBBox(g: RoadGraph): BBox {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < g.nodeCount; i++) {
    const x = g.xy[2 * i];
    const y = g.xy[2 * i + 1];
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  return { minX, minY, maxX, maxY };
}
