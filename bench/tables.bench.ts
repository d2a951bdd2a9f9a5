/**
 * `npm run bench -- tables [--check]`
 *
 * The README's benchmark tables, generated from the result files in bench/results: each table sits
 * between `<!-- bench:NAME -->` and `<!-- /bench:NAME -->` in README.md and is rewritten there.
 * With --check nothing is written; the command exits 1 naming every table whose README text
 * differs from what its files give (a unit test runs the same check, so drift fails CI).
 * A figure is never typed into the README by hand: re-run the benchmark, then this.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs, usage, UsageError } from '../src/cli/args.ts';
import type { FlagSpec } from '../src/cli/args.ts';
import type { GroupStats, Row } from './vrp/report.ts';
import { cityDayTable, dispatchTable } from './dispatchTables.ts';
import { readJson, thousands, type BenchTable } from './tableKit.ts';

export const RESULTS_DIR = fileURLToPath(new URL('./results/', import.meta.url));
export const README = fileURLToPath(new URL('../README.md', import.meta.url));

export type { BenchTable } from './tableKit.ts';

const table = (head: string, align: string, rows: string[][]) => [head, align, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
/** Three significant figures, no exponent (183, 16.7, 1.25). */
const sig3 = (x: number) => (x >= 100 ? String(Math.round(x)) : x.toPrecision(3));

// ---- routing: bench/results/routing.json (routing.bench.ts) ----

interface RoutingGraph {
  name: string;
  nodes: number;
  preprocessSeconds: number;
  matrix1000Seconds: number;
  ours: { p50Us: number; p95Us: number };
  peers: Record<string, { p50Us: number; p95Us: number }>;
}

const graphLabel = (name: string) => (name.startsWith('synthetic-city') ? 'synthetic city' : name.startsWith('monaco') ? 'Monaco (OSM)' : name);
const sec = (s: number) => `${s.toFixed(s >= 1 ? 1 : 2)} s`;
const us = (x: number) => (x >= 10 ? String(Math.round(x)) : x.toFixed(1));

export function routingTable(dir: string): BenchTable {
  const { graphs } = readJson<{ graphs: RoutingGraph[] }>(dir, 'routing.json');
  const rows = graphs.map((g) => {
    const [peer, best] = Object.entries(g.peers)
      .filter(([k]) => k.startsWith('ngraph.path'))
      .reduce((a, b) => (b[1].p50Us < a[1].p50Us ? b : a));
    return [
      graphLabel(g.name), thousands(g.nodes), sec(g.preprocessSeconds), sec(g.matrix1000Seconds),
      `${us(g.ours.p50Us)} / ${us(g.ours.p95Us)} µs`, `${sig3(best.p50Us / 1000)} ms (${peer.replace('ngraph.path ', '')})`,
      `${Math.round(best.p50Us / g.ours.p50Us)}×`,
    ];
  });
  return {
    name: 'routing', sources: ['routing.json'],
    markdown: table('| graph | nodes | CH preprocess | 1000×1000 matrix | CH p50 / p95 | ngraph.path best p50 | ratio |', '|---|---:|---:|---:|---:|---:|---:|', rows),
  };
}

// ---- render: bench/results/render.json (render.bench.ts) ----

interface RenderResult {
  vans: number;
  buildings: number;
  scriptMsPerFrame: number;
  frameMsP50: number;
  emptySceneFrameMsP50: number;
  heapGrowthMB: number;
  /** Time to the default scenario's first meaningful frame, per run (ms), where the bench stores it. */
  firstFrameMs?: number[];
}

export function renderTable(dir: string): BenchTable {
  const r = readJson<RenderResult>(dir, 'render.json');
  const head = ['vans', 'buildings', 'script ms/frame', 'frame p50 (software GL)', 'empty p50', 'heap growth / 60 s'];
  const row = [thousands(r.vans), thousands(r.buildings), r.scriptMsPerFrame.toFixed(2), `${sig3(r.frameMsP50)} ms`, `${sig3(r.emptySceneFrameMsP50)} ms`, `${r.heapGrowthMB.toFixed(2)} MB`];
  if (r.firstFrameMs?.length) {
    head.push('first frame (default)');
    row.push(`${(Math.min(...r.firstFrameMs) / 1000).toFixed(1)}–${(Math.max(...r.firstFrameMs) / 1000).toFixed(1)} s`);
  }
  return { name: 'render', sources: ['render.json'], markdown: table(`| ${head.join(' | ')} |`, `|---|${'---:|'.repeat(head.length - 1)}`, [row]) };
}

// ---- VRP: bench/results/vrp-*.json (vrp.bench.ts; names from vrp/resultFile.ts) ----

interface VrpResult {
  timeLimitSeconds: number;
  /** Peers that ran beside vanfleet in the same run (vrp.bench.ts --peers). */
  peers?: Record<string, { version: string }>;
  groups: GroupStats[];
  instances: Row[];
}

/** A gap in per cent as the table prints it: an exact 0 (the BKS itself) as "0". */
const gap = (x: number) => (x === 0 ? '0' : x.toFixed(2));
const groupsOf = (r: VrpResult) => r.groups.filter((g) => g.group !== 'all');
const overall = (r: VrpResult) => r.groups.find((g) => g.group === 'all')!;
const dash = (s: string) => s.replace(/(\d)-(\d)/g, '$1–$2');
const customers = (r: VrpResult) => {
  const n = r.instances.map((i) => i.customers);
  return `${Math.min(...n)}–${Math.max(...n)} customers`;
};

interface VrpRow {
  readonly file: string;
  readonly set: (r: VrpResult) => string;
  readonly objective: string;
  readonly mean: (r: VrpResult, otherSeeds: string) => string;
  readonly by: (r: VrpResult) => string;
  /** Quoted from earlier measurements where the result file holds no peer run (its `reference` gives the source). */
  readonly peer: string;
}

const PEER_LABEL: Record<string, string> = { hgs: 'HGS-CVRP', vroom: 'VROOM' };
const peerLabel = (name: string) => PEER_LABEL[name] ?? name;

/** The peers of the same run: each one's mean gap (fleet first where hierarchical) and vanfleet's ratio to the best. */
function peerColumn(r: VrpResult, quoted: string, hierarchical: boolean): string {
  const all = overall(r);
  if (!r.peers || !all.peers) return quoted === '—' ? '—' : `${quoted} (quoted, not this run)`;
  const parts = Object.entries(all.peers).map(([name, st]) =>
    hierarchical ? `${peerLabel(name)}: BKS fleet on ${st.bksVehicles}/${all.count}, gap there ${gap(st.meanGap)} %` : `${peerLabel(name)} ${gap(st.meanGap)} %`);
  const ratio = all.ratioToBestPeer === null || all.ratioToBestPeer === undefined ? '' : `; vanfleet/best ${all.ratioToBestPeer.toFixed(2)}`;
  return `same run: ${parts.join(', ')}${ratio}`;
}

const meanGap = (r: VrpResult, otherSeeds: string) => `${overall(r).meanGap.toFixed(2)} %${otherSeeds}`;

/** Groups whose name starts with `prefix`, pooled: instances, at the BKS fleet, and the gap there (weighted by its count). */
function pooled(r: VrpResult, prefix: string) {
  const gs = r.groups.filter((g) => g.group.startsWith(prefix));
  const count = gs.reduce((a, g) => a + g.count, 0);
  const bksVehicles = gs.reduce((a, g) => a + g.bksVehicles, 0);
  const gapCount = gs.reduce((a, g) => a + g.gapCount, 0);
  const meanGap = gapCount > 0 ? gs.reduce((a, g) => a + g.meanGap * g.gapCount, 0) / gapCount : NaN;
  return { count, bksVehicles, meanGap };
}

/** Hierarchical sets: the fleet first, then the distance gap where the fleet is the best-known one. */
const fleetAndGap = (x: { count: number; bksVehicles: number; meanGap: number }) =>
  `BKS fleet on ${x.bksVehicles}/${x.count} (${Math.round((100 * x.bksVehicles) / x.count)} %), gap there ${gap(x.meanGap)} %`;

/** E-VRPTW: the 100-customer instances by fleet and gap, the small ones by gap. */
const evrptwRow = (file: string, objective: string): VrpRow => ({
  file,
  set: (r) => `E-VRPTW (${r.instances.length}: ${r.instances.filter((i) => i.customers >= 100).length} of 100 customers)`,
  objective,
  mean: (r) => `100 customers: ${fleetAndGap(pooled(r, 'large'))}; 5–15: ${gap(pooled(r, 'small').meanGap)} %`,
  by: (r) => groupsOf(r).filter((g) => g.group.startsWith('large')).map((g) => `${g.group.slice(6)} ${g.bksVehicles}/${g.count} ${gap(g.meanGap)} %`).join(', '),
  peer: '—',
});

const VRP_ROWS: readonly VrpRow[] = [
  {
    file: 'vrp-solomon-30s.json', set: (r) => `Solomon (${r.instances.length})`, objective: 'distance (DIMACS)', mean: meanGap,
    by: (r) => `${groupsOf(r).map((g) => `${g.group} ${gap(g.meanGap)}`).join(', ')} %`, peer: '—',
  },
  {
    file: 'vrp-vroom6-2s.json', set: (r) => r.instances.map((i) => i.name).join(' '), objective: 'distance', mean: meanGap,
    by: (r) => r.instances.map((i) => gap(i.gap)).join(' · '), peer: 'VROOM ≈ 1.7 % in < 2 s',
  },
  {
    file: 'vrp-solomon-hierarchical-30s.json', set: (r) => `Solomon (${r.instances.length})`, objective: 'hierarchical',
    mean: (r) => fleetAndGap(overall(r)),
    by: (r) => groupsOf(r).map((g) => `${g.group} ${g.bksVehicles}/${g.count} ${gap(g.meanGap)} %`).join(', '), peer: '—',
  },
  evrptwRow('vrp-evrptw-60s.json', 'hierarchical, full recharge'),
  evrptwRow('vrp-evrptw-partial-60s.json', 'hierarchical, partial recharge'),
  {
    file: 'vrp-x-60s.json', set: (r) => `X, ${customers(r)} (${r.instances.length})`, objective: 'distance', mean: meanGap,
    by: (r) => groupsOf(r).map((g) => `${dash(g.group)}: ${gap(g.meanGap)} %`).join(', '),
    peer: 'HGS-CVRP 0.10 % (X-n303), 0.22 % (X-n502); commercial ≈ 1.3 %',
  },
  {
    file: 'vrp-x1000-120s.json', set: (r) => `X, ${customers(r)} (${r.instances.length})`, objective: 'distance', mean: meanGap,
    by: (r) => r.instances.map((i) => `${/-(n\d+)-/.exec(i.name)?.[1] ?? i.name} ${gap(i.gap)} %`).join(', '), peer: 'HGS-CVRP 3.1 % on X-n1001 at 60 s',
  },
];

/** Runs of the same configuration on other seeds (vrp-…-seed2.json, …), as "(seeds 2, 3: 0.50, 0.62 %)". */
function otherSeeds(dir: string, file: string): { text: string; files: string[] } {
  const stem = file.slice(0, -'.json'.length).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const runs = readdirSync(dir)
    .map((f) => ({ f, m: new RegExp(`^${stem}-seed(\\d+)\\.json$`).exec(f) }))
    .filter((x) => x.m !== null)
    .map((x) => ({ file: x.f, seed: Number(x.m![1]), mean: overall(readJson<VrpResult>(dir, x.f)).meanGap }))
    .sort((a, b) => a.seed - b.seed);
  if (runs.length === 0) return { text: '', files: [] };
  const text = ` (seed${runs.length > 1 ? 's' : ''} ${runs.map((r) => r.seed).join(', ')}: ${runs.map((r) => r.mean.toFixed(2)).join(', ')} %)`;
  return { text, files: runs.map((r) => r.file) };
}

export function vrpTable(dir: string): BenchTable {
  const sources: string[] = [];
  const rows = VRP_ROWS.map((spec) => {
    const r = readJson<VrpResult>(dir, spec.file);
    const seeds = otherSeeds(dir, spec.file);
    sources.push(spec.file, ...seeds.files);
    const infeasible = r.instances.filter((i) => !i.feasible).length;
    const peerInfeasible = r.instances.filter((i) => Object.values(i.peers ?? {}).some((c) => !c.feasible)).length;
    const feasible = infeasible === 0 ? 'yes' : `no (${infeasible})`;
    return [spec.set(r), spec.objective, `${r.timeLimitSeconds} s`, spec.mean(r, seeds.text), spec.by(r), peerInfeasible ? `${feasible}; peers failed on ${peerInfeasible}` : feasible,
      peerColumn(r, spec.peer, spec.objective.startsWith('hierarchical'))];
  });
  return {
    name: 'vrp', sources,
    markdown: table('| set | objective | time / instance | mean gap to BKS | by class or size | all feasible | peers on this machine |', '|---|---|---:|---:|---|:-:|---|', rows),
  };
}

/**
 * Instance by instance, where vanfleet is behind a peer of the same run: more vehicles (hierarchical),
 * or a longer distance at the same fleet, with both gaps.
 */
export function behindTable(dir: string): BenchTable {
  const sources: string[] = [];
  const rows: string[][] = [];
  for (const spec of VRP_ROWS) {
    const r = readJson<VrpResult>(dir, spec.file);
    if (!r.peers) continue;
    sources.push(spec.file);
    const behind: string[] = [];
    for (const i of r.instances) {
      const hier = i.bksVehicles !== null;
      const better = (c: { vehicles: number; distance: number }) =>
        hier ? c.vehicles < i.vehicles || (c.vehicles === i.vehicles && c.distance < i.distance - 1e-9) : c.distance < i.distance - 1e-9;
      const worse = Object.entries(i.peers ?? {}).filter(([, c]) => c.feasible && (!i.feasible || better(c)));
      if (worse.length === 0) continue;
      const ours = hier ? `${i.vehicles} veh ${i.distance.toFixed(1)}` : `${gap(i.gap)} %`;
      behind.push(`${i.name} ${ours} vs ${worse.map(([n, c]) => `${peerLabel(n)} ${hier ? `${c.vehicles} veh ${c.distance.toFixed(1)}` : `${gap(c.gap)} %`}`).join(', ')}`);
    }
    rows.push([spec.set(r), `${r.timeLimitSeconds} s`, `${behind.length}/${r.instances.length}`, behind.length ? behind.join('; ') : '—']);
  }
  return {
    name: 'vrp-behind', sources,
    markdown: table('| set | time / instance | behind a peer | where (vanfleet vs the peer that did better) |', '|---|---:|---:|---|', rows),
  };
}

// ---- the README ----

export function benchTables(dir = RESULTS_DIR): BenchTable[] {
  return [routingTable(dir), renderTable(dir), vrpTable(dir), behindTable(dir), dispatchTable(dir), cityDayTable(dir)];
}

const block = (name: string, markdown: string) => `<!-- bench:${name} -->\n\n${markdown}\n\n<!-- /bench:${name} -->`;
const blockRe = (name: string) => new RegExp(`<!-- bench:${name} -->\\n([\\s\\S]*?)<!-- /bench:${name} -->`);

/** The README with every table rewritten, and the tables whose text changed (or whose markers are missing). */
export function applyTables(readme: string, tables: readonly BenchTable[]): { text: string; stale: string[]; missing: string[] } {
  let text = readme;
  const stale: string[] = [];
  const missing: string[] = [];
  for (const t of tables) {
    const m = blockRe(t.name).exec(text);
    if (!m) {
      missing.push(t.name);
      continue;
    }
    if (m[1].trim() !== t.markdown) stale.push(t.name);
    text = text.slice(0, m.index) + block(t.name, t.markdown) + text.slice(m.index + m[0].length);
  }
  return { text, stale, missing };
}

const spec: Record<string, FlagSpec> = {
  check: { type: 'boolean', help: 'write nothing; exit 1 if a README table differs from bench/results' },
};

export async function main(argv: string[]): Promise<void> {
  let check = false;
  try {
    check = parseArgs(argv, spec).flags.check === true;
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`bench tables: ${e.message}\n${usage('npm run bench -- tables', '[--check]', spec)}`);
    process.exit(2);
  }
  const tables = benchTables();
  const readme = readFileSync(README, 'utf8');
  const { text, stale, missing } = applyTables(readme, tables);
  for (const name of missing) process.stderr.write(`bench tables: README.md has no <!-- bench:${name} --> … <!-- /bench:${name} --> markers\n`);
  const sources = (name: string) => tables.find((t) => t.name === name)!.sources.join(', ');
  if (check) {
    for (const name of stale) process.stderr.write(`bench tables: README table "${name}" differs from bench/results (${sources(name)}); run npm run bench -- tables\n`);
    if (stale.length > 0 || missing.length > 0) process.exit(1);
    process.stdout.write(`bench tables: README matches bench/results (${tables.map((t) => t.name).join(', ')})\n`);
    return;
  }
  if (missing.length > 0) process.exit(1);
  if (text !== readme) writeFileSync(README, text);
  process.stdout.write(stale.length > 0 ? `bench tables: rewrote ${stale.join(', ')} in README.md\n` : 'bench tables: README already up to date\n');
}
