/**
 * The parsed content of an OpenStreetMap extract, whatever its encoding (PBF, XML, GeoJSON):
 * node coordinates in typed arrays (ids need not be sorted), ways as node-id lists with tags,
 * relations with typed members. Node tags are not kept: nothing downstream uses them.
 */
export type Tags = Record<string, string>;

export interface OsmWay {
  readonly id: number;
  /** Node ids in order (Float64: OSM ids exceed 2^32). */
  readonly refs: Float64Array;
  readonly tags: Tags;
}

export type OsmMemberType = 'node' | 'way' | 'relation';

export interface OsmMember {
  readonly type: OsmMemberType;
  readonly ref: number;
  readonly role: string;
}

export interface OsmRelation {
  readonly id: number;
  readonly members: readonly OsmMember[];
  readonly tags: Tags;
}

export interface LonLatBox {
  readonly minLon: number;
  readonly minLat: number;
  readonly maxLon: number;
  readonly maxLat: number;
}

export type OsmFormat = 'pbf' | 'xml' | 'geojson';

export interface OsmData {
  readonly format: OsmFormat;
  readonly nodeCount: number;
  readonly nodeId: Float64Array;
  readonly lon: Float64Array;
  readonly lat: Float64Array;
  readonly ways: readonly OsmWay[];
  readonly relations: readonly OsmRelation[];
  /** The bounding box the file declares, if any (it may be much larger than the data). */
  readonly declaredBounds?: LonLatBox;
}

/** Accumulates nodes into growable typed arrays; ways and relations into plain arrays. */
export class OsmDataBuilder {
  private ids = new Float64Array(1024);
  private lons = new Float64Array(1024);
  private lats = new Float64Array(1024);
  private n = 0;
  readonly ways: OsmWay[] = [];
  readonly relations: OsmRelation[] = [];
  declaredBounds?: LonLatBox;

  constructor(readonly format: OsmFormat) {}

  get nodeCount(): number {
    return this.n;
  }

  addNode(id: number, lon: number, lat: number): void {
    if (this.n === this.ids.length) {
      const grow = (a: Float64Array) => {
        const b = new Float64Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.ids = grow(this.ids);
      this.lons = grow(this.lons);
      this.lats = grow(this.lats);
    }
    this.ids[this.n] = id;
    this.lons[this.n] = lon;
    this.lats[this.n] = lat;
    this.n++;
  }

  finish(): OsmData {
    return {
      format: this.format,
      nodeCount: this.n,
      nodeId: this.ids.slice(0, this.n),
      lon: this.lons.slice(0, this.n),
      lat: this.lats.slice(0, this.n),
      ways: this.ways,
      relations: this.relations,
      declaredBounds: this.declaredBounds,
    };
  }
}

/** A tag record without a prototype, so keys such as "constructor" are plain data. */
export function newTags(): Tags {
  return Object.create(null) as Tags;
}

/** Map from OSM node id to its index in OsmData (ids are unique; later duplicates win). */
export function nodeIndex(data: OsmData): Map<number, number> {
  const m = new Map<number, number>();
  for (let i = 0; i < data.nodeCount; i++) m.set(data.nodeId[i], i);
  return m;
}
