/** The directed network while it is being assembled (plain arrays: it grows as nodes split). */
export interface RoadNet {
  readonly x: number[];
  readonly y: number[];
  readonly nodeFlags: number[];
  /** The junction a node was copied from when splitting (itself for every other node). */
  readonly nodeOrigin: number[];
  readonly from: number[];
  readonly to: number[];
  readonly lengthM: number[];
  readonly speedKmh: number[];
  readonly roadClass: number[];
  readonly flags: number[];
  /** OSM way id of each edge: restrictions name ways, and copies keep it. */
  readonly wayId: number[];
}
