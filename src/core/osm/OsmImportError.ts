export type OsmImportErrorKind = 'empty' | 'truncated' | 'malformed' | 'unsupported' | 'no-roads';

/**
 * A problem with the extract itself (not a bug): the message names the file and what is wrong,
 * e.g. `monaco.osm.pbf: blob 3 is truncated (expected 65536 bytes, got 1200)`, ready to show a
 * planner as is. `kind` lets callers react (the CLI exits with code 2 for all of them).
 */
export class OsmImportError extends Error {
  override readonly name = 'OsmImportError';
  readonly kind: OsmImportErrorKind;
  /** The file name (or label) the import was given. */
  readonly source: string;

  constructor(source: string, kind: OsmImportErrorKind, detail: string) {
    super(`${source}: ${detail}`);
    this.kind = kind;
    this.source = source;
  }
}
