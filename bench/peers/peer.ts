/**
 * What a peer runner hands back: the routes in the solution file contract's ids (depot excluded),
 * the wall-clock seconds the process took, the search iterations where the peer reports them,
 * and, when the run failed, why. The bench checks the routes with the test suite's checker.
 */
import { spawnSync } from 'node:child_process';
import type { SpawnSyncReturns } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PEERS_SOURCE } from './locate.ts';
import type { PeerName } from './locate.ts';

export interface PeerRun {
  readonly routes: string[][];
  readonly seconds: number;
  /** HGS-CVRP: genetic iterations; null where the peer does not report them (VROOM). */
  readonly iterations: number | null;
  /** Customers the peer left out (VROOM's `unassigned`). */
  readonly unassigned: string[];
  readonly error?: string;
}

export interface PeerJob {
  readonly file: string;
  readonly timeLimit: number;
  readonly seed: number;
  readonly objective: 'distance' | 'hierarchical';
}

/** The source version (from ../shared/peers/README.md) and the binary's hash, for the result file. */
export function peerVersion(name: PeerName, bin: string, versionText?: string): { version: string; binarySha256: string } {
  const sha = createHash('sha256').update(readFileSync(bin)).digest('hex').slice(0, 16);
  if (versionText) return { version: versionText, binarySha256: sha };
  const folder = name === 'hgs' ? 'hgs-cvrp' : name;
  try {
    const readme = readFileSync(join(PEERS_SOURCE, 'README.md'), 'utf8');
    const row = readme.split('\n').find((l) => l.startsWith(`| \`${folder}/\``));
    const cells = row?.split('|').map((c) => c.trim());
    return { version: cells?.[4]?.split(';')[0] ?? 'unknown', binarySha256: sha };
  } catch {
    return { version: 'unknown (no ../shared/peers/README.md)', binarySha256: sha };
  }
}

/** A process that outlives its limit by this much is killed (the run is then reported as failed). */
const graceSeconds = (limit: number) => Math.max(10, limit * 0.5);

/**
 * Run a peer in a temporary folder (removed afterwards): `prepare` writes its input there and
 * returns its arguments; `read` turns a successful exit into routes. Any failure (spawn error,
 * non-zero exit, timeout, unreadable answer) becomes a failed run saying why.
 */
export function runPeerProcess(
  name: string, bin: string, limit: number, prepare: (dir: string) => string[],
  read: (r: SpawnSyncReturns<string>, dir: string) => Omit<PeerRun, 'seconds'>, failure: (r: SpawnSyncReturns<string>) => string,
): PeerRun {
  const dir = mkdtempSync(join(tmpdir(), `vanfleet-${name}-`));
  const t0 = performance.now();
  const failed = (error: string): PeerRun => ({ routes: [], seconds: (performance.now() - t0) / 1000, iterations: null, unassigned: [], error });
  try {
    const args = prepare(dir);
    const r = spawnSync(bin, args, { encoding: 'utf8', maxBuffer: 64 << 20, timeout: (limit + graceSeconds(limit)) * 1000 });
    const seconds = (performance.now() - t0) / 1000;
    if (r.error || r.status !== 0) return failed(r.error?.message ?? `exit ${r.status}: ${failure(r)}`);
    return { ...read(r, dir), seconds };
  } catch (e) {
    return failed(e instanceof Error ? e.message : String(e));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
