/**
 * HGS-CVRP (Vidal 2022) as a peer: capacitated VRP only. It reads CVRPLIB files as they are
 * (distances rounded to the nearest integer, the X convention) and stops at a CPU-time limit
 * (`-t`, one core). Its solution file lists `Route #k: i j ...` with 1-based customer indices
 * (the depot excluded), and its log ends with the number of genetic iterations.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Instance } from '../../src/core/vrp/index.ts';
import { runPeerProcess } from './peer.ts';
import type { PeerJob, PeerRun } from './peer.ts';

export const hgsHandles = (inst: Instance): boolean => inst.format === 'cvrplib';

/** `Route #1: 3 5 7` lines → customer ids of the instance (index i is location i; 0 = depot). */
export function parseHgsSolution(text: string, inst: Instance): string[][] {
  const routes: string[][] = [];
  for (const line of text.split('\n')) {
    const m = /^Route\s+#\d+:\s*(.*)$/.exec(line.trim());
    if (!m) continue;
    const stops = m[1].trim().split(/\s+/).filter(Boolean).map(Number);
    for (const s of stops)
      if (!Number.isInteger(s) || s < 1 || s >= inst.ids.length) throw new Error(`HGS-CVRP solution: customer index ${s} out of range`);
    routes.push(stops.map((s) => inst.ids[s]));
  }
  return routes;
}

export function runHgs(bin: string, inst: Instance, job: PeerJob): PeerRun {
  return runPeerProcess(
    'hgs', bin, job.timeLimit,
    (dir) => [job.file, join(dir, 'out.sol'), '-seed', String(job.seed), '-t', String(job.timeLimit)],
    (r, dir) => {
      const iterations = Number(/FINISHED AFTER (\d+) ITERATIONS/.exec(r.stdout ?? '')?.[1] ?? NaN);
      return { routes: parseHgsSolution(readFileSync(join(dir, 'out.sol'), 'utf8'), inst), iterations: Number.isFinite(iterations) ? iterations : null, unassigned: [] };
    },
    (r) => (r.stdout ?? '').split('\n').filter((l) => /EXCEPTION/.test(l)).join(' ') || (r.stderr ?? '').trim().slice(0, 200),
  );
}
