/**
 * `npm run import -- <extract.osm.pbf|.osm|.geojson> --out <scenario.json> [options]`
 * Imports an OpenStreetMap extract (roads the van may drive, turn restrictions, buildings),
 * preprocesses the contraction hierarchy, writes the city pack beside the scenario and a
 * runnable scenario (fleet, stations and demand sized to the city) that points at it. Bad extract or arguments: a message on stderr, exit code 2.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { parseArgs, usage, UsageError } from './args.ts';
import { ProgressBar } from './progress.ts';
import { CliInputError } from './readInput.ts';
import { OsmImportError } from '../core/osm/OsmImportError.ts';
import { importCityPack } from '../core/osm/importCityPack.ts';
import type { ImportPhase, ImportStats } from '../core/osm/importCity.ts';
import { packCity } from '../core/city/CityPack.ts';
import { ROAD_CLASS_NAMES, type RoadClassName } from '../core/network/RoadGraph.ts';
import { scenarioForExtract } from '../core/scenario/extractScenario.ts';

const spec = {
  out: { type: 'string', help: 'scenario JSON to write; the city pack goes beside it as <name>.citypack' },
  name: { type: 'string', help: 'city name (default: the extract file name)' },
  classes: { type: 'string', help: `road classes the van may drive, comma-separated (default: all but motorway,trunk; of ${ROAD_CLASS_NAMES.join(',')})` },
  'max-road-speed': { type: 'number', help: 'leave out roads with a higher posted limit, km/h (default: none)' },
  'top-speed': { type: 'number', help: 'van top speed for travel times, km/h (default 60)' },
  'no-turn-restrictions': { type: 'boolean', help: 'ignore turn restriction relations' },
  'no-buildings': { type: 'boolean', help: 'skip building footprints' },
  quiet: { type: 'boolean', help: 'no progress bar or summary' },
  help: { type: 'boolean', help: 'show this help' },
} as const;

const SYNOPSIS = '<extract.osm.pbf|.osm|.geojson> --out <scenario.json> [options]';
/** Share of the bar each phase takes (contraction dominates on big cities). */
const PHASES: Record<ImportPhase | 'contract' | 'pack', [number, number]> = { parse: [0, 0.35], roads: [0.35, 0.5], buildings: [0.5, 0.6], contract: [0.6, 0.97], pack: [0.97, 1] };

function readExtract(file: string): Uint8Array {
  let st;
  try {
    st = statSync(file);
  } catch {
    throw new CliInputError(`${file}: file not found`);
  }
  if (st.isDirectory()) throw new CliInputError(`${file}: is a directory, expected an extract file`);
  return new Uint8Array(readFileSync(file));
}

function main(argv: string[]): number {
  const args = parseArgs(argv, spec);
  if (args.flags.help) {
    process.stdout.write(usage('npm run import --', SYNOPSIS, spec));
    return 0;
  }
  if (args.positional.length !== 1) throw new UsageError(`expected one extract file, got ${args.positional.length}`);
  const out = args.flags.out as string | undefined;
  if (!out) throw new UsageError('--out: expected the scenario file to write');
  if (!out.endsWith('.json')) throw new UsageError(`--out: expected a .json file, got "${out}"`);
  const classes = args.flags.classes === undefined ? undefined : (String(args.flags.classes).split(',').map((s) => s.trim()) as RoadClassName[]);
  for (const c of classes ?? []) if (!(ROAD_CLASS_NAMES as readonly string[]).includes(c)) throw new UsageError(`--classes: unknown road class "${c}" (expected some of ${ROAD_CLASS_NAMES.join(', ')})`);
  const maxRoadSpeedKmh = args.flags['max-road-speed'] as number | undefined;
  const topSpeedKmh = args.flags['top-speed'] as number | undefined;
  if (maxRoadSpeedKmh !== undefined && !(maxRoadSpeedKmh > 0)) throw new UsageError(`--max-road-speed: expected a positive number, got ${maxRoadSpeedKmh}`);
  if (topSpeedKmh !== undefined && !(topSpeedKmh > 0 && topSpeedKmh <= 255)) throw new UsageError(`--top-speed: expected 1..255 km/h, got ${topSpeedKmh}`);

  const file = args.positional[0];
  const bytes = readExtract(file);
  const quiet = args.flags.quiet === true;
  const started = performance.now();
  const bar = new ProgressBar(`import ${basename(file)}`, quiet);
  const progress = (phase: keyof typeof PHASES, f: number) => bar.update(PHASES[phase][0] + f * (PHASES[phase][1] - PHASES[phase][0]));
  const options = {
    domain: classes || maxRoadSpeedKmh ? { allowedClasses: classes, maxRoadSpeedKmh } : undefined,
    topSpeedKmh: topSpeedKmh ?? 60,
    turnRestrictions: args.flags['no-turn-restrictions'] !== true,
    buildings: args.flags['no-buildings'] !== true,
  };
  const contents = importCityPack(bytes, basename(file), options, progress);
  progress('pack', 0);
  const pack = packCity(contents);
  bar.done();
  const name = (args.flags.name as string | undefined) ?? contents.meta.name;
  const packFile = join(dirname(out), `${basename(out, '.json')}.citypack`);
  writeFileSync(packFile, new Uint8Array(pack));
  // A runnable scenario: fleet, stations and demand sized to the city (edit to taste).
  const sized = scenarioForExtract(basename(file), { ...contents, meta: { ...contents.meta, name } });
  const scenario = {
    name,
    description: sized.description,
    city: { kind: 'osm', pack: relative(dirname(out), packFile) },
    facilities: { stations: sized.facilities.stations },
    fleet: { size: sized.fleet.size },
    demand: { parcels: sized.demand.parcels },
  };
  writeFileSync(out, `${JSON.stringify(scenario, null, 2)}\n`);
  if (!quiet) process.stderr.write(summary(contents.meta.stats as ImportStats, packFile, pack.byteLength, (performance.now() - started) / 1000));
  return 0;
}

function summary(s: ImportStats, packFile: string, bytes: number, seconds: number): string {
  const r = s.roads;
  const t = r.turnRestrictions;
  const dropped = Object.entries(r.droppedWays).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${k}`).join(', ');
  const b = s.buildings;
  return [
    `roads: ${r.keptWays} of ${r.highwayWays} highway ways (${r.roadKm.toFixed(1)} km); dropped: ${dropped || 'none'}`,
    `graph: ${r.nodes} nodes, ${r.edges} edges; ${r.components.count} components, ${r.components.droppedNodes} nodes outside the largest dropped`,
    `turn restrictions: ${t.applied} applied of ${t.relations} (${t.viaWay} of them via ways; ${t.exempt} not for the van, ${t.notApplicable} not on its network, ${t.invalid} invalid)`,
    b ? `buildings: ${b.outlines + b.parts} (${b.parts} parts; heights: ${b.fromHeight} tagged, ${b.fromLevels} from levels, ${b.defaulted} defaulted)` : 'buildings: skipped',
    `wrote ${packFile} (${(bytes / 1e6).toFixed(1)} MB) in ${seconds.toFixed(1)} s`,
    '',
  ].join('\n');
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  if (e instanceof UsageError) {
    process.stderr.write(`import: ${e.message}\n${usage('npm run import --', SYNOPSIS, spec)}`);
    process.exitCode = 2;
  } else if (e instanceof OsmImportError || e instanceof CliInputError) {
    process.stderr.write(`import: ${e.message}\n`);
    process.exitCode = 2;
  } else if (e instanceof RangeError && /allowedClasses/.test(e.message)) {
    process.stderr.write(`import: ${e.message}\n`);
    process.exitCode = 2;
  } else {
    throw e;
  }
}
