import { OsmDataBuilder, newTags, type OsmData, type OsmMember, type OsmMemberType, type Tags } from './OsmData.ts';
import { OsmImportError } from './OsmImportError.ts';
import type { ParseOptions } from './parsePbf.ts';

// The lookbehind starts a name only at the start of a word: otherwise a 100,000-letter run with no
// "=" is retried at every letter (quadratic; fuzzing found a 14 s tag).
const ATTR = /(?<![\w:.-])([A-Za-z_:][\w:.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const ENTITY = /&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

interface OpenElement {
  kind: 'node' | 'way' | 'relation';
  id: number;
  lon: number;
  lat: number;
  refs: number[];
  members: OsmMember[];
  tags: Tags;
  skip: boolean;
}

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
  return new XmlReader(text, name, options).read(root);
}

class XmlReader {
  private readonly out = new OsmDataBuilder('xml');
  private current: OpenElement | null = null;
  private count = 0;

  constructor(
    private readonly text: string,
    private readonly name: string,
    private readonly options: ParseOptions,
  ) {}

  read(from: number): OsmData {
    const text = this.text;
    let pos = from;
    while (pos < text.length) {
      const lt = text.indexOf('<', pos);
      if (lt < 0) break;
      if (text.startsWith('<!', lt) || text.startsWith('<?', lt)) {
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
      if (closing && tagName === 'osm') {
        this.options.onProgress?.(1);
        return this.out.finish();
      }
      if (closing) {
        if (this.current && tagName === this.current.kind) this.close();
        continue;
      }
      const attrs = readAttrs(text.slice(nameEnd + tagName.length, selfClosing ? gt - 1 : gt), (ref) => this.bad(lt, `<${tagName}> has an invalid character reference "${ref.slice(0, 20)}"`));
      this.element(tagName, attrs, selfClosing, lt);
      if (++this.count % 65536 === 0) this.options.onProgress?.(pos / text.length);
    }
    const where = this.current ? ` inside <${this.current.kind} id="${this.current.id}">` : '';
    throw new OsmImportError(this.name, 'truncated', `the file is truncated: it ends${where} before </osm> (line ${this.line(text.length)})`);
  }

  /** An opening or self-closing tag. */
  private element(tagName: string, attrs: Record<string, string>, selfClosing: boolean, at: number): void {
    const cur = this.current;
    if (tagName === 'node' || tagName === 'way' || tagName === 'relation') {
      if (cur) throw this.bad(at, `<${tagName}> inside <${cur.kind} id="${cur.id}">`);
      const id = Number(attrs.id);
      if (!Number.isFinite(id)) throw this.bad(at, `<${tagName}> has no valid id`);
      const skip = attrs.action === 'delete' || attrs.visible === 'false';
      const el: OpenElement = { kind: tagName, id, lon: Number(attrs.lon), lat: Number(attrs.lat), refs: [], members: [], tags: newTags(), skip };
      if (tagName === 'node' && !skip && !(Number.isFinite(el.lon) && Number.isFinite(el.lat))) throw this.bad(at, `node ${id} has no valid lat/lon`);
      this.current = el;
      if (selfClosing) this.close();
    } else if (tagName === 'tag' && cur) {
      if (attrs.k !== undefined) cur.tags[attrs.k] = attrs.v ?? '';
    } else if (tagName === 'nd' && cur) {
      const ref = Number(attrs.ref);
      if (!Number.isFinite(ref)) throw this.bad(at, `way ${cur.id} has an <nd> without a valid ref`);
      cur.refs.push(ref);
    } else if (tagName === 'member' && cur) {
      const type = attrs.type as OsmMemberType;
      if (type === 'node' || type === 'way' || type === 'relation') cur.members.push({ type, ref: Number(attrs.ref), role: attrs.role ?? '' });
    } else if (tagName === 'bounds') {
      this.out.declaredBounds = { minLon: Number(attrs.minlon), minLat: Number(attrs.minlat), maxLon: Number(attrs.maxlon), maxLat: Number(attrs.maxlat) };
    }
  }

  private close(): void {
    const c = this.current!;
    this.current = null;
    if (c.skip) return;
    if (c.kind === 'node') this.out.addNode(c.id, c.lon, c.lat);
    else if (c.kind === 'way') this.out.ways.push({ id: c.id, refs: Float64Array.from(c.refs), tags: c.tags });
    else this.out.relations.push({ id: c.id, members: c.members, tags: c.tags });
  }

  private line(at: number): number {
    return this.text.slice(0, at).split('\n').length;
  }

  private bad(at: number, what: string): OsmImportError {
    return new OsmImportError(this.name, 'malformed', `line ${this.line(at)}: ${what}`);
  }
}

function readAttrs(s: string, badReference: (ref: string) => OsmImportError): Record<string, string> {
  const attrs: Record<string, string> = Object.create(null) as Record<string, string>;
  const decode = (ref: string, e: string): string => {
    if (e[0] !== '#') return NAMED[e];
    const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    if (!(code <= 0x10ffff)) throw badReference(ref); // String.fromCodePoint throws a RangeError
    return String.fromCodePoint(code);
  };
  ATTR.lastIndex = 0;
  for (let m = ATTR.exec(s); m; m = ATTR.exec(s)) {
    const raw = m[2] ?? m[3];
    attrs[m[1]] = raw.includes('&') ? raw.replace(ENTITY, decode) : raw;
  }
  return attrs;
}
