import { Unzlib } from 'fflate';
import { OsmDataBuilder, newTags, type OsmData, type OsmMember, type OsmMemberType, type Tags } from './OsmData.ts';
import { OsmImportError } from './OsmImportError.ts';
import { ProtoError, ProtoReader } from './ProtoReader.ts';

export interface ParseOptions {
  /** File name for error messages. */
  readonly name?: string;
  /** Called after each blob with the share of the file read, 0..1. */
  readonly onProgress?: (fraction: number) => void;
}

/** Limits from the OSM PBF specification (BlobHeader < 64 KiB, Blob < 32 MiB). */
const MAX_HEADER = 64 * 1024;
const MAX_BLOB = 32 * 1024 * 1024;
const SUPPORTED_FEATURES = new Set(['OsmSchema-V0.6', 'DenseNodes']);
const COMPRESSION_FIELDS: Record<number, string> = { 4: 'lzma', 5: 'bzip2', 6: 'lz4', 7: 'zstd' };
const MEMBER_TYPES: OsmMemberType[] = ['node', 'way', 'relation'];

/**
 * Decode an .osm.pbf file (https://wiki.openstreetmap.org/wiki/PBF_Format): a sequence of
 * (length, BlobHeader, Blob), each Blob zlib-compressed or raw, holding an OSMHeader block then
 * OSMData PrimitiveBlocks with DenseNodes or plain Nodes, Ways and Relations. IDs need not be
 * sorted. Blobs are numbered from 1 in file order in error messages (blob 1 is the header).
 */
export function parsePbf(bytes: Uint8Array, options: ParseOptions = {}): OsmData {
  const name = options.name ?? 'extract.osm.pbf';
  const fail = (kind: 'empty' | 'truncated' | 'malformed' | 'unsupported', detail: string) => new OsmImportError(name, kind, detail);
  if (bytes.length === 0) throw fail('empty', 'the file is empty');
  const out = new OsmDataBuilder('pbf');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 0;
  let blob = 0;
  while (pos < bytes.length) {
    blob++;
    if (bytes.length - pos < 4) throw fail('truncated', `blob ${blob} is truncated (the file ends inside its 4-byte length prefix)`);
    const headerLen = view.getUint32(pos);
    pos += 4;
    if (headerLen === 0 || headerLen > MAX_HEADER) {
      throw fail('malformed', blob === 1 ? 'not an OSM PBF file (it does not start with a blob header)' : `blob ${blob} has a corrupt header length (${headerLen} bytes)`);
    }
    if (pos + headerLen > bytes.length) throw fail('truncated', `blob ${blob} is truncated (expected a ${headerLen}-byte header, got ${bytes.length - pos})`);
    let type = '';
    let dataSize = -1;
    try {
      const h = new ProtoReader(bytes, pos, pos + headerLen);
      while (h.next()) {
        if (h.field === 1) type = decodeString(bytes, ...h.bytes());
        else if (h.field === 3) dataSize = h.varint();
        else h.skip();
      }
    } catch (e) {
      if (!(e instanceof ProtoError)) throw e;
      throw fail('malformed', blob === 1 ? 'not an OSM PBF file (unreadable blob header)' : `blob ${blob} has a corrupt header (${e.message})`);
    }
    pos += headerLen;
    if (blob === 1 && type !== 'OSMHeader') throw fail('malformed', `not an OSM PBF file (first blob is ${JSON.stringify(type.slice(0, 40))}, expected "OSMHeader")`);
    if (dataSize < 0 || dataSize > MAX_BLOB) throw fail('malformed', `blob ${blob} declares an invalid size (${dataSize} bytes)`);
    if (pos + dataSize > bytes.length) throw fail('truncated', `blob ${blob} is truncated (expected ${dataSize} bytes, got ${bytes.length - pos})`);
    const data = inflateBlob(bytes, pos, pos + dataSize, blob, fail);
    pos += dataSize;
    try {
      if (type === 'OSMHeader') readHeaderBlock(data, out, blob, fail);
      else if (type === 'OSMData') readPrimitiveBlock(data, out);
    } catch (e) {
      if (!(e instanceof ProtoError)) throw e;
      throw fail('malformed', `blob ${blob} (${type}) is corrupt: ${e.message}`);
    }
    options.onProgress?.(pos / bytes.length);
  }
  return out.finish();
}

type Fail = (kind: 'empty' | 'truncated' | 'malformed' | 'unsupported', detail: string) => OsmImportError;

/** The Blob message's payload, decompressed. */
function inflateBlob(bytes: Uint8Array, start: number, end: number, blob: number, fail: Fail): Uint8Array {
  let rawSize = -1;
  let raw: [number, number] | null = null;
  let zlib: [number, number] | null = null;
  let other = '';
  try {
    const r = new ProtoReader(bytes, start, end);
    while (r.next()) {
      if (r.field === 1) raw = r.bytes();
      else if (r.field === 2) rawSize = r.varint();
      else if (r.field === 3) zlib = r.bytes();
      else if (COMPRESSION_FIELDS[r.field]) {
        other = COMPRESSION_FIELDS[r.field];
        r.skip();
      } else r.skip();
    }
  } catch (e) {
    if (!(e instanceof ProtoError)) throw e;
    throw fail('malformed', `blob ${blob} is corrupt (${e.message})`);
  }
  if (raw) return bytes.subarray(raw[0], raw[1]);
  if (!zlib) {
    if (other) throw fail('unsupported', `blob ${blob} uses ${other} compression, which this importer does not read (re-encode with zlib, e.g. \`osmium cat in.osm.pbf -o out.osm.pbf\`)`);
    throw fail('malformed', `blob ${blob} has no data`);
  }
  if (rawSize > MAX_BLOB) throw fail('malformed', `blob ${blob} declares raw_size ${rawSize} bytes, over the 32 MiB limit for an uncompressed blob`);
  const cap = rawSize >= 0 ? rawSize : MAX_BLOB;
  let data: Uint8Array | null;
  try {
    data = inflateAtMost(bytes.subarray(zlib[0], zlib[1]), cap);
  } catch (e) {
    throw fail('malformed', `blob ${blob} has corrupt zlib data (${(e as Error).message})`);
  }
  if (!data) throw fail('malformed', `blob ${blob} is corrupt: it inflates to more than ${rawSize >= 0 ? `the ${rawSize} bytes it declares` : 'the 32 MiB limit for an uncompressed blob'}`);
  if (rawSize >= 0 && data.length !== rawSize) throw fail('malformed', `blob ${blob} is corrupt: it inflates to ${data.length} bytes, expected ${rawSize}`);
  return data;
}

/** Input per streaming step: deflate expands at most ~1032:1, so one step yields at most ~64 MiB. */
const INFLATE_STEP = 64 * 1024;

/**
 * zlib data inflated into at most `cap` bytes, or null as soon as it would exceed them, so a zip
 * bomb (a small blob that inflates to gigabytes) costs at most `cap` bytes plus one step's output.
 */
function inflateAtMost(z: Uint8Array, cap: number): Uint8Array | null {
  const out = new Uint8Array(cap);
  let n = 0;
  let over = false;
  const u = new Unzlib((chunk) => {
    if (over) return;
    if (n + chunk.length > cap) over = true;
    else {
      out.set(chunk, n);
      n += chunk.length;
    }
  });
  for (let o = 0; !over; o += INFLATE_STEP) {
    const last = o + INFLATE_STEP >= z.length;
    u.push(z.subarray(o, o + INFLATE_STEP), last);
    if (last) break;
  }
  return over ? null : out.subarray(0, n);
}

function readHeaderBlock(data: Uint8Array, out: OsmDataBuilder, blob: number, fail: Fail): void {
  const r = new ProtoReader(data);
  while (r.next()) {
    if (r.field === 1) {
      const b = r.message();
      const box = { left: 0, right: 0, top: 0, bottom: 0 };
      while (b.next()) {
        const v = b.wire === 0 ? b.svarint() * 1e-9 : (b.skip(), 0);
        if (b.field === 1) box.left = v;
        else if (b.field === 2) box.right = v;
        else if (b.field === 3) box.top = v;
        else if (b.field === 4) box.bottom = v;
      }
      out.declaredBounds = { minLon: box.left, minLat: box.bottom, maxLon: box.right, maxLat: box.top };
    } else if (r.field === 4) {
      const feature = decodeString(data, ...r.bytes());
      if (!SUPPORTED_FEATURES.has(feature)) throw fail('unsupported', `blob ${blob} (OSMHeader) requires the feature "${feature}", which this importer does not support`);
    } else r.skip();
  }
}

/**
 * A PrimitiveBlock. The string table and the coordinate granularity/offsets may come after the
 * groups (fields 17-20 follow field 2 in practice), so the groups are located first and decoded
 * once those are known.
 */
function readPrimitiveBlock(data: Uint8Array, out: OsmDataBuilder): void {
  const r = new ProtoReader(data);
  let strings: string[] = [];
  const groups: [number, number][] = [];
  let granularity = 100;
  let latOffset = 0;
  let lonOffset = 0;
  while (r.next()) {
    if (r.field === 1) strings = readStringTable(data, r.message());
    else if (r.field === 2) groups.push(r.bytes());
    else if (r.field === 17) granularity = r.varint();
    else if (r.field === 19) latOffset = r.varint();
    else if (r.field === 20) lonOffset = r.varint();
    else r.skip();
  }
  const coords = { granularity, latOffset, lonOffset };
  for (const [s, e] of groups) {
    const g = new ProtoReader(data, s, e);
    while (g.next()) {
      if (g.field === 1) readNode(g.message(), out, coords);
      else if (g.field === 2) readDense(g.message(), out, coords);
      else if (g.field === 3) out.ways.push(readWay(g.message(), strings));
      else if (g.field === 4) out.relations.push(readRelation(g.message(), strings));
      else g.skip();
    }
  }
}

interface Coords {
  granularity: number;
  latOffset: number;
  lonOffset: number;
}

function readStringTable(data: Uint8Array, r: ProtoReader): string[] {
  const s: string[] = [];
  while (r.next()) {
    if (r.field === 1) s.push(decodeString(data, ...r.bytes()));
    else r.skip();
  }
  return s;
}

function readNode(r: ProtoReader, out: OsmDataBuilder, c: Coords): void {
  let id = 0;
  let lat = 0;
  let lon = 0;
  while (r.next()) {
    if (r.field === 1) id = r.svarint();
    else if (r.field === 8) lat = r.svarint();
    else if (r.field === 9) lon = r.svarint();
    else r.skip();
  }
  out.addNode(id, 1e-9 * (c.lonOffset + c.granularity * lon), 1e-9 * (c.latOffset + c.granularity * lat));
}

function readDense(r: ProtoReader, out: OsmDataBuilder, c: Coords): void {
  const ids: number[] = [];
  const lats: number[] = [];
  const lons: number[] = [];
  while (r.next()) {
    if (r.field === 1) r.repeated(ids, true, true);
    else if (r.field === 8) r.repeated(lats, true, true);
    else if (r.field === 9) r.repeated(lons, true, true);
    else r.skip();
  }
  if (lats.length !== ids.length || lons.length !== ids.length) throw new ProtoError(`DenseNodes has ${ids.length} ids but ${lats.length} latitudes and ${lons.length} longitudes`);
  for (let i = 0; i < ids.length; i++) out.addNode(ids[i], 1e-9 * (c.lonOffset + c.granularity * lons[i]), 1e-9 * (c.latOffset + c.granularity * lats[i]));
}

function readTags(keys: number[], vals: number[], strings: string[]): Tags {
  const tags = newTags();
  if (keys.length !== vals.length) throw new ProtoError(`${keys.length} tag keys but ${vals.length} values`);
  for (let i = 0; i < keys.length; i++) {
    const k = strings[keys[i]];
    const v = strings[vals[i]];
    if (k === undefined || v === undefined) throw new ProtoError(`tag string index out of range (${keys[i]}/${vals[i]} of ${strings.length})`);
    tags[k] = v;
  }
  return tags;
}

function readWay(r: ProtoReader, strings: string[]) {
  let id = 0;
  const keys: number[] = [];
  const vals: number[] = [];
  const refs: number[] = [];
  while (r.next()) {
    if (r.field === 1) id = r.varint();
    else if (r.field === 2) r.repeated(keys, false, false);
    else if (r.field === 3) r.repeated(vals, false, false);
    else if (r.field === 8) r.repeated(refs, true, true);
    else r.skip();
  }
  return { id, refs: Float64Array.from(refs), tags: readTags(keys, vals, strings) };
}

function readRelation(r: ProtoReader, strings: string[]) {
  let id = 0;
  const keys: number[] = [];
  const vals: number[] = [];
  const roles: number[] = [];
  const memids: number[] = [];
  const types: number[] = [];
  while (r.next()) {
    if (r.field === 1) id = r.varint();
    else if (r.field === 2) r.repeated(keys, false, false);
    else if (r.field === 3) r.repeated(vals, false, false);
    else if (r.field === 8) r.repeated(roles, false, false);
    else if (r.field === 9) r.repeated(memids, true, true);
    else if (r.field === 10) r.repeated(types, false, false);
    else r.skip();
  }
  if (roles.length !== memids.length || types.length !== memids.length) throw new ProtoError(`relation ${id} has mismatched member arrays`);
  const members: OsmMember[] = memids.map((ref, i) => {
    const type = MEMBER_TYPES[types[i]];
    const role = strings[roles[i]];
    if (type === undefined || role === undefined) throw new ProtoError(`relation ${id} member ${i} is invalid`);
    return { type, ref, role };
  });
  return { id, members, tags: readTags(keys, vals, strings) };
}

const utf8 = new TextDecoder('utf-8');

/** UTF-8 string from bytes; short ASCII strings (most OSM keys and values) skip the decoder. */
function decodeString(buf: Uint8Array, start: number, end: number): string {
  if (end - start <= 16) {
    let s = '';
    for (let i = start; i < end; i++) {
      const c = buf[i];
      if (c >= 0x80) return utf8.decode(buf.subarray(start, end));
      s += String.fromCharCode(c);
    }
    return s;
  }
  return utf8.decode(buf.subarray(start, end));
}
