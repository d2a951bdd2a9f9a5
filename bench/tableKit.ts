/** What the README table builders share (tables.bench.ts, dispatchTables.ts). */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface BenchTable {
  /** Marker name in the README. */
  readonly name: string;
  /** Result files (in bench/results) the table is made from. */
  readonly sources: readonly string[];
  readonly markdown: string;
}

/** A result file of bench/results (or `dir`), named when it is missing. */
export const readJson = <T>(dir: string, file: string): T => {
  const path = join(dir, file);
  if (!existsSync(path)) throw new Error(`bench tables: ${file} not found in ${dir} (run its benchmark first)`);
  return JSON.parse(readFileSync(path, 'utf8')) as T;
};

export const thousands = (x: number) => x.toLocaleString('en-US');
