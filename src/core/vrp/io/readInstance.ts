/**
 * Format detection and loading of benchmark instance files (text in, Instance out; no file I/O in
 * core). Solomon and Gehring–Homberger share a format; CVRPLIB `.vrp`; Schneider et al. E-VRPTW.
 */
import type { Instance, InstanceFormat, Objective, Recharge } from './Instance.ts';
import { cvrplibInstance, parseCvrplib } from './cvrplib.ts';
import { evrptwInstance, parseEvrptw } from './evrptw.ts';
import { ParseError } from './ParseError.ts';
import { parseSolomon, solomonInstance } from './solomon.ts';

export function detectFormat(text: string, file: string): InstanceFormat {
  if (/\.vrp$/i.test(file) || /^\s*NODE_COORD_SECTION\b/m.test(text)) return 'cvrplib';
  if (/^\s*StringID\b/m.test(text)) return 'evrptw';
  if (/^\s*CUST\s+NO\./im.test(text)) return 'solomon';
  throw new ParseError(file, 0, 'unknown instance format (expected Solomon, CVRPLIB .vrp or E-VRPTW); use --format');
}

/** The objective each format is benchmarked with unless asked otherwise. */
export function defaultObjective(format: InstanceFormat): Objective {
  return format === 'evrptw' ? 'hierarchical' : 'distance';
}

export interface ReadInstanceOptions {
  readonly format?: InstanceFormat;
  readonly objective?: Objective;
  /** E-VRPTW only: full recharge (Schneider et al. 2014, default) or partial (Keskin & Çatay 2016). */
  readonly recharge?: Recharge;
}

export function readInstance(text: string, file: string, opts: ReadInstanceOptions = {}): Instance {
  const format = opts.format ?? detectFormat(text, file);
  if (opts.recharge !== undefined && opts.recharge !== 'full' && format !== 'evrptw')
    throw new ParseError(file, 0, `--recharge ${opts.recharge} applies to E-VRPTW instances only (this is ${format})`);
  const objective = opts.objective ?? defaultObjective(format);
  if (format === 'cvrplib') {
    if (objective !== 'distance') throw new ParseError(file, 0, 'CVRPLIB instances have the distance objective only');
    return cvrplibInstance(parseCvrplib(text, file));
  }
  if (format === 'evrptw') return evrptwInstance(parseEvrptw(text, file), objective, opts.recharge ?? 'full');
  return solomonInstance(parseSolomon(text, file), objective);
}
