import { RoadGraph } from '../network/RoadGraph.ts';
import { ContractionHierarchy } from '../routing/ch/ContractionHierarchy.ts';
import type { Buildings } from './Buildings.ts';

/**
 * A city pack: everything a real city needs to open instantly (road graph, its contraction
 * hierarchy, building footprints and a JSON description) in one buffer with a small section
 * table, so it can be written to a file by the CLI, kept in IndexedDB by the browser, fetched
 * from public/, and transferred to a worker. Layout (little-endian u32 words):
 *
 *   magic "VFCP", version, sectionCount, 0,
 *   sectionCount × (kind, byteOffset, byteLength, 0),
 *   sections, each 8-byte aligned: 1 meta (UTF-8 JSON), 2 RoadGraph buffer,
 *   3 ContractionHierarchy buffer, 4 buildings (count, vertexCount, ringStart, xy, heightM, minHeightM).
 */
const MAGIC = 0x50434656; // "VFCP"
const VERSION = 1;
const Section = { Meta: 1, Graph: 2, Hierarchy: 3, Buildings: 4 } as const;

/** Descriptive data stored with a pack (the importer's summary; free-form beyond these fields). */
export interface CityPackMeta {
  readonly name: string;
  /** Attribution to show with anything drawn from the pack (ODbL for OSM data). */
  readonly attribution?: string;
  readonly [key: string]: unknown;
}

export interface CityPackContents {
  readonly meta: CityPackMeta;
  readonly graph: RoadGraph;
  readonly ch: ContractionHierarchy;
  readonly buildings: Buildings;
}

export class CityPackError extends Error {
  override readonly name = 'CityPackError';
}

/** Serialise a city into one pack buffer. */
export function packCity(c: CityPackContents): ArrayBuffer {
  const parts: [number, Uint8Array][] = [
    [Section.Meta, new TextEncoder().encode(JSON.stringify(c.meta))],
    [Section.Graph, new Uint8Array(c.graph.toBuffer())],
    [Section.Hierarchy, new Uint8Array(c.ch.toBuffer())],
    [Section.Buildings, new Uint8Array(buildingsToBuffer(c.buildings))],
  ];
  let offset = align8(16 + 16 * parts.length);
  const table = parts.map(([kind, bytes]) => {
    const at = offset;
    offset = align8(offset + bytes.length);
    return [kind, at, bytes.length] as const;
  });
  const out = new ArrayBuffer(offset);
  const head = new Uint32Array(out, 0, 4 + 4 * parts.length);
  head.set([MAGIC, VERSION, parts.length, 0]);
  table.forEach(([kind, at, len], i) => head.set([kind, at, len, 0], 4 + 4 * i));
  const bytes = new Uint8Array(out);
  parts.forEach(([, b], i) => bytes.set(b, table[i][1]));
  return out;
}

/** Read a pack; each structure gets its own buffer (copied out), ready to transfer separately. */
export function unpackCity(buffer: ArrayBufferLike, name = 'city pack'): CityPackContents {
  if (buffer.byteLength < 16) throw new CityPackError(`${name}: too short to be a city pack (${buffer.byteLength} bytes)`);
  const head = new Uint32Array(buffer, 0, 4);
  if (head[0] !== MAGIC) throw new CityPackError(`${name}: not a city pack (bad magic)`);
  if (head[1] !== VERSION) throw new CityPackError(`${name}: city pack version ${head[1]} is not supported (expected ${VERSION}); re-import the extract`);
  const count = head[2];
  if (buffer.byteLength < 16 + 16 * count) throw new CityPackError(`${name}: truncated section table`);
  const table = new Uint32Array(buffer, 16, 4 * count);
  const section = (kind: number): ArrayBuffer => {
    for (let i = 0; i < count; i++) {
      if (table[4 * i] !== kind) continue;
      const at = table[4 * i + 1];
      const len = table[4 * i + 2];
      if (at + len > buffer.byteLength) throw new CityPackError(`${name}: truncated (section ${kind} needs ${at + len} bytes, have ${buffer.byteLength})`);
      return new Uint8Array(buffer, at, len).slice().buffer;
    }
    throw new CityPackError(`${name}: missing section ${kind}`);
  };
  const meta = JSON.parse(new TextDecoder().decode(section(Section.Meta))) as CityPackMeta;
  const graph = RoadGraph.from(section(Section.Graph));
  const ch = ContractionHierarchy.from(section(Section.Hierarchy));
  ch.assertMatches(graph);
  return { meta, graph, ch, buildings: buildingsFromBuffer(section(Section.Buildings)) };
}

/** Buildings in one buffer: count, vertexCount, ringStart, (8-aligned) xy, heightM, minHeightM. */
export function buildingsToBuffer(b: Buildings): ArrayBuffer {
  const L = buildingsLayout(b.count, b.xy.length / 2);
  const out = new ArrayBuffer(L.byteLength);
  new Uint32Array(out, 0, 2).set([b.count, b.xy.length / 2]);
  new Uint32Array(out, L.ringStart, b.count + 1).set(b.ringStart);
  new Float64Array(out, L.xy, b.xy.length).set(b.xy);
  new Float32Array(out, L.heightM, b.count).set(b.heightM);
  new Float32Array(out, L.minHeightM, b.count).set(b.minHeightM);
  return out;
}

export function buildingsFromBuffer(buffer: ArrayBuffer): Buildings {
  const [count, vertices] = new Uint32Array(buffer, 0, 2);
  const L = buildingsLayout(count, vertices);
  if (buffer.byteLength < L.byteLength) throw new CityPackError(`buildings section truncated (${buffer.byteLength} bytes, expected ${L.byteLength})`);
  return {
    count,
    ringStart: new Uint32Array(buffer, L.ringStart, count + 1),
    xy: new Float64Array(buffer, L.xy, 2 * vertices),
    heightM: new Float32Array(buffer, L.heightM, count),
    minHeightM: new Float32Array(buffer, L.minHeightM, count),
  };
}

function buildingsLayout(count: number, vertices: number) {
  const ringStart = 8;
  const xy = align8(ringStart + 4 * (count + 1));
  const heightM = xy + 16 * vertices;
  const minHeightM = heightM + 4 * count;
  return { ringStart, xy, heightM, minHeightM, byteLength: align8(minHeightM + 4 * count) };
}

function align8(n: number): number {
  return Math.ceil(n / 8) * 8;
}
