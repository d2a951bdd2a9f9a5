import { OsmDataBuilder, newTags, type OsmData, type OsmMember, type OsmMemberType, type Tags } from './OsmData.ts';
import { OsmImportError } from './OsmImportError.ts';
import type { ParseOptions } from './parsePbf.ts';

const ATTR = /([A-Za-z_:][\w:.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const ENTITY = /&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * Decode an OSM XML file (.osm, as written by the API, JOSM, osmium or Overpass): a single pass
 * over the elements with a small tag scanner, no DOM. Deleted objects (JOSM `action="delete"`,
 * `visible="false"`) are skipped. A file that stops before `</osm>` is reported as truncated.
 */
export function parseOsmXml(input: Uint8Array | string, options: ParseOptions = {}): OsmData {
  const name = options.name ?? 'extract.osm';
  const text = typeof input === 'string' ? input : new TextDecoder('utf-8').decode(input);
  if (text.trim() === '') throw new OsmImportError(name, 'empty', 'the file is empty');
  const root = text.search(/<osm[\s>]/);
  if (root < 0) throw new OsmImportError(name, 'malformed', 'not an OSM XML file (no <osm> element)');
  const out = new OsmDataBuilder('xml');
  let pos = root;
  let closed = false;
  let current: { kind: 'node' | 'way' | 'relation'; id: number; lon: number; lat: number; refs: number[]; members: OsmMember[]; tags: Tags; skip: boolean } | null = null;
  let count = 0;
  const line = (at: number) => text.slice(0, at).split('\n').length;
  const bad = (at: number, what: string) => new OsmImportError(name, 'malformed', `line ${line(at)}: ${what}`);
  const finishElement = () => {
    if (!current || current.skip) return;
    if (current.kind === 'node') out.addNode(current.id, current.lon, current.lat);
    else if (current.kind === 'way') out.ways.push({ id: current.id, refs: Float64Array.from(current.refs), tags: current.tags });
    else out.relations.push({ id: current.id, members: current.members, tags: current.tags });
  };
  while (pos < text.length) {
    const lt = text.indexOf('<', pos);
    if (lt < 0) break;
    if (text.startsWith('<!--', lt) || text.startsWith('<?', lt) || text.startsWith('<!', lt)) {
      const end = text.indexOf(text.startsWith('<!--', lt) ? '-->' : '>', lt);
      if (end < 0) break;
      pos = end + 1;
      continue;
    }
    const gt = text.indexOf('>', lt);
    if (gt < 0) break;
    pos = gt + 1;
    const closing = text[lt + 1] === '/';
    const selfClosing = text[gt - 1] === '/';
    const nameEnd = lt + 1 + (closing ? 1 : 0);
    const tagName = /^[\w:-]*/.exec(text.slice(nameEnd, Math.min(gt, nameEnd + 20)))![0];
    if (closing) {
      if (tagName === 'osm') {
        closed = true;
        break;
      }
      if (current && tagName === current.kind) {
        finishElement();
        current = null;
      }
      continue;
    }
    const attrs = readAttrs(text.slice(nameEnd + tagName.length, selfClosing ? gt - 1 : gt));
    if (tagName === 'node' || tagName === 'way' || tagName === 'relation') {
      if (current) throw bad(lt, `<${tagName}> inside <${current.kind} id="${current.id}">`);
      const id = Number(attrs.id);
      if (!Number.isFinite(id)) throw bad(lt, `<${tagName}> has no valid id`);
      const skip = attrs.action === 'delete' || attrs.visible === 'false';
      current = { kind: tagName, id, lon: Number(attrs.lon), lat: Number(attrs.lat), refs: [], members: [], tags: newTags(), skip };
      if (tagName === 'node' && !skip && !(Number.isFinite(current.lon) && Number.isFinite(current.lat))) throw bad(lt, `node ${id} has no valid lat/lon`);
      if (selfClosing) {
        finishElement();
        current = null;
      }
      if (++count % 65536 === 0) options.onProgress?.(pos / text.length);
    } else if (tagName === 'tag' && current) {
      if (attrs.k !== undefined) current.tags[attrs.k] = attrs.v ?? '';
    } else if (tagName === 'nd' && current) {
      const ref = Number(attrs.ref);
      if (!Number.isFinite(ref)) throw bad(lt, `way ${current.id} has an <nd> without a valid ref`);
      current.refs.push(ref);
    } else if (tagName === 'member' && current) {
      const type = attrs.type as OsmMemberType;
      if (type === 'node' || type === 'way' || type === 'relation') current.members.push({ type, ref: Number(attrs.ref), role: attrs.role ?? '' });
    } else if (tagName === 'bounds') {
      out.declaredBounds = { minLon: Number(attrs.minlon), minLat: Number(attrs.minlat), maxLon: Number(attrs.maxlon), maxLat: Number(attrs.maxlat) };
    }
  }
  if (!closed) {
    const where = current ? ` inside <${current.kind} id="${current.id}">` : '';
    throw new OsmImportError(name, 'truncated', `the file is truncated: it ends${where} before </osm> (line ${line(text.length)})`);
  }
  options.onProgress?.(1);
  return out.finish();
}

function readAttrs(s: string): Record<string, string> {
  const attrs: Record<string, string> = Object.create(null) as Record<string, string>;
  ATTR.lastIndex = 0;
  for (let m = ATTR.exec(s); m; m = ATTR.exec(s)) {
    const raw = m[2] ?? m[3];
    attrs[m[1]] = raw.includes('&') ? raw.replace(ENTITY, decodeEntity) : raw;
  }
  return attrs;
}

function decodeEntity(_: string, e: string): string {
  if (e[0] !== '#') return NAMED[e];
  return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
}
