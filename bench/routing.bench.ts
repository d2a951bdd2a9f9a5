/**
 * `npm run bench -- routing [--quick] [--pairs N] [--seed N]`
 *
 * Contraction hierarchies against their peers on the same graphs and the same seeded query
 * pairs, side by side in this process (as ngraph.path's README compares its finders): ngraph.path
 * A* and NBA* (straight-line heuristic at the van's top speed) and vanfleet's own plain Dijkstra.
 * Graphs: a synthetic city of ~100,000 nodes (jittered grid, arterials, one-ways, shape points)
 * and the shipped real city (Monaco, imported from public/cities). Reports preprocessing time,
 * memory of the routing data (graph + hierarchy buffers), query p50/p95, and a 1,000 × 1,000
 * matrix (bucket method, in process), and writes bench/results/routing.json.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import createGraph from 'ngraph.graph';
import ngraphPath from 'ngraph.path';
import { parseArgs } from '../src/cli/args.ts';
import type { RoadGraph } from '../src/core/network/RoadGraph.ts';
import { importCity } from '../src/core/osm/importCity.ts';
import { buildContractionHierarchy } from '../src/core/routing/ch/buildContractionHierarchy.ts';
import type { ContractionHierarchy } from '../src/core/routing/ch/ContractionHierarchy.ts';
import { ChQuery } from '../src/core/routing/ch/ChQuery.ts';
import { ChMatrix } from '../src/core/routing/ch/ChMatrix.ts';
import { Dijkstra } from '../src/core/routing/Dijkstra.ts';
import { Rng } from '../src/core/util/rng.ts';
import { syntheticCity } from '../test/fixtures/syntheticCity.ts';

interface Timing {
  p50Us: number;
  p95Us: number;
}

interface GraphResult {
  name: string;
  nodes: number;
  edges: number;
  preprocessSeconds: number;
  matrix1000Seconds: number;
  memoryMB: number;
  ours: Timing;
  peers: Record<string, Timing>;
}

const spec = {
  quick: { type: 'boolean', help: 'a 20,000-node city and fewer pairs (smoke run)' },
  pairs: { type: 'number', help: 'query pairs per graph for every engine (default 400)' },
  seed: { type: 'number', help: 'seed for graphs and pairs (default 7)' },
} as const;

export async function main(argv: string[]): Promise<void> {
  const args = parseArgs(argv, spec);
  const quick = args.flags.quick === true;
  const pairs = (args.flags.pairs as number | undefined) ?? (quick ? 100 : 400);
  const seed = (args.flags.seed as number | undefined) ?? 7;
  const results: GraphResult[] = [];
  const notes: string[] = [];

  // Monaco first, in a cold process: its import + contraction time is what opening a real city costs.
  let t = performance.now();
  const bytes = new Uint8Array(readFileSync(new URL('../public/cities/monaco-2016.osm.pbf', import.meta.url)));
  const monaco = importCity(bytes, { name: 'monaco-2016.osm.pbf' });
  const importS = seconds(t);
  const r = await benchGraph('monaco-2016', monaco.graph, pairs, seed, notes);
  notes.push(`monaco-2016: import (parse, roads, turn restrictions, buildings) ${importS} s + contraction ${r.preprocessSeconds} s = ${round(importS + r.preprocessSeconds, 2)} s to a routable city (cold process)`);

  const side = quick ? 115 : 260; // ~1.5 nodes per grid point with shape points
  t = performance.now();
  const city = syntheticCity({ cols: side, rows: side, shapePointShare: 0.25, seed });
  notes.push(`synthetic city generated in ${seconds(t)} s`);
  results.push(await benchGraph(`synthetic-city-${Math.round(city.nodeCount / 1000)}k`, city, pairs, seed, notes));
  results.push(r);

  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(new URL('./results/routing.json', import.meta.url), `${JSON.stringify({ graphs: results }, null, 2)}\n`);
  printTable(results);
  for (const n of notes) process.stdout.write(`  ${n}\n`);
  process.stdout.write('wrote bench/results/routing.json\n');
}

async function benchGraph(name: string, g: RoadGraph, pairs: number, seed: number, notes: string[]): Promise<GraphResult> {
  process.stderr.write(`${name}: ${g.nodeCount} nodes, ${g.edgeCount} edges\n`);
  const t = performance.now();
  const ch = buildContractionHierarchy(g);
  const preprocessSeconds = seconds(t);
  process.stderr.write(`  contraction ${preprocessSeconds} s\n`);
  const rng = new Rng(seed ^ 0x5eed);
  const S = Array.from({ length: pairs }, () => rng.int(g.nodeCount));
  const T = Array.from({ length: pairs }, () => rng.int(g.nodeCount));

  const q = new ChQuery(ch);
  const ours = timeQueries(S, T, (s, t) => q.query(s, t), () => q.settled);
  const dijkstra = new Dijkstra(g);
  const peersRaw = {
    'vanfleet Dijkstra': timeQueries(S, T, (s, t) => dijkstra.oneToOne(s, t)),
    ...ngraphFinders(g, S, T),
  };
  // Exactness on the benchmark pairs: CH against plain Dijkstra.
  const mismatches = S.filter((s, i) => ours.costs[i] !== peersRaw['vanfleet Dijkstra'].costs[i]).length;
  if (mismatches > 0) throw new Error(`${name}: CH differs from Dijkstra on ${mismatches} of ${pairs} pairs`);
  notes.push(`${name}: CH equals Dijkstra on all ${pairs} pairs; CH settles ${(ours.work / pairs).toFixed(0)} nodes per query`);

  const matrix = benchMatrix(g, ch, seed);
  const peers: Record<string, Timing> = {};
  for (const [k, v] of Object.entries(peersRaw)) peers[k] = { p50Us: v.p50Us, p95Us: v.p95Us };
  const memoryMB = round((g.toBuffer().byteLength + ch.toBuffer().byteLength) / 1e6, 2);
  return { name, nodes: g.nodeCount, edges: g.edgeCount, preprocessSeconds, matrix1000Seconds: matrix.single, memoryMB, ours: { p50Us: ours.p50Us, p95Us: ours.p95Us }, peers };
}

/**
 * Time each query separately, after a warm-up (the same for every engine: up to 2,000 queries or
 * 0.5 s on the pairs in turn, so the JIT has compiled the hot loop); costs kept for the exactness check.
 */
function timeQueries(S: number[], T: number[], run: (s: number, t: number) => number, workOf?: () => number) {
  const warm = performance.now();
  for (let i = 0; i < 2000 && (i < 5 || performance.now() - warm < 500); i++) run(S[i % S.length], T[(i * 7 + 3) % T.length]);
  const us = new Float64Array(S.length);
  const costs: number[] = [];
  let work = 0;
  for (let i = 0; i < S.length; i++) {
    const t0 = performance.now();
    costs.push(run(S[i], T[i]));
    us[i] = (performance.now() - t0) * 1000;
    work += workOf?.() ?? 0;
  }
  us.sort();
  return { p50Us: round(us[Math.floor(us.length * 0.5)], 1), p95Us: round(us[Math.floor(us.length * 0.95)], 1), costs, work };
}

/** ngraph.path's A* and NBA* on an ngraph.graph copy of g with time weights. */
function ngraphFinders(g: RoadGraph, S: number[], T: number[]) {
  type NodeData = { x: number; y: number };
  const ng = createGraph<NodeData, { t: number }>();
  for (let v = 0; v < g.nodeCount; v++) ng.addNode(v, { x: g.xy[2 * v], y: g.xy[2 * v + 1] });
  for (let e = 0; e < g.edgeCount; e++) ng.addLink(g.source[e], g.target[e], { t: g.timeMs[e] });
  // Admissible: no edge is faster than its straight line at the top speed (0.1 % slack for rounding).
  const msPerM = (0.999 * 3600) / g.maxSpeedKmh;
  const options = {
    oriented: true,
    distance: (_a: unknown, _b: unknown, link: { data: { t: number } }) => link.data.t,
    heuristic: (a: { data: NodeData }, b: { data: NodeData }) => Math.hypot(a.data.x - b.data.x, a.data.y - b.data.y) * msPerM,
  };
  const cost = (path: { id: string | number }[]) => {
    if (path.length === 0) return Infinity;
    let c = 0;
    for (let i = path.length - 1; i > 0; i--) c += g.timeMs[g.findEdge(Number(path[i].id), Number(path[i - 1].id))];
    return c;
  };
  const astar = ngraphPath.aStar(ng, options as never);
  const nba = ngraphPath.nba(ng, options as never);
  return {
    'ngraph.path A*': timeQueries(S, T, (s, t) => (s === t ? 0 : cost(astar.find(s, t)))),
    'ngraph.path NBA*': timeQueries(S, T, (s, t) => (s === t ? 0 : cost(nba.find(s, t)))),
  };
}

function benchMatrix(g: RoadGraph, ch: ContractionHierarchy, seed: number) {
  const rng = new Rng(seed ^ 0x3a7);
  const sources = Array.from({ length: 1000 }, () => rng.int(g.nodeCount));
  const targets = Array.from({ length: 1000 }, () => rng.int(g.nodeCount));
  // Timed after two warm-up runs of the same size (the JIT needs them).
  const m = new ChMatrix(ch);
  for (let i = 0; i < 2; i++) m.compute(sources, targets);
  const t = performance.now();
  m.compute(sources, targets);
  return { single: seconds(t) };
}

function printTable(results: GraphResult[]): void {
  const engines = ['ours', ...Object.keys(results[0].peers)];
  const lines: string[] = [];
  lines.push('| graph | nodes | edges | CH preprocess s | memory MB | 1000×1000 matrix s | engine | p50 µs | p95 µs | p50 ratio |');
  lines.push('|---|---:|---:|---:|---:|---:|---|---:|---:|---:|');
  for (const r of results) {
    engines.forEach((e, i) => {
      const tm = e === 'ours' ? r.ours : r.peers[e];
      const head = i === 0 ? `| ${r.name} | ${r.nodes} | ${r.edges} | ${r.preprocessSeconds} | ${r.memoryMB} | ${r.matrix1000Seconds} ` : '| | | | | | ';
      const label = e === 'ours' ? 'vanfleet CH' : e;
      lines.push(`${head}| ${label} | ${tm.p50Us} | ${tm.p95Us} | ${e === 'ours' ? '1' : `${Math.round(tm.p50Us / r.ours.p50Us)}×`} |`);
    });
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

function seconds(t0: number): number {
  return round((performance.now() - t0) / 1000, 3);
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
