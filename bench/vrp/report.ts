/**
 * Gap tables for the VRP benchmark: per instance, then the mean per group (class or size band)
 * and overall. Distance gap = 100 (ours − BKS) / BKS; under the hierarchical objective the gap is
 * only meaningful at equal vehicle counts, so vehicles are reported separately. With peers in the
 * run, each row and group carries each peer's figures from the same run and vanfleet's ratio to
 * the best peer's gap.
 */
import type { PeerName } from '../peers/locate.ts';
import type { BenchInstance, BenchSet } from './sets.ts';
import type { JobResult } from './worker.ts';

/** One solver's result on one instance. */
export interface Cell {
  readonly distance: number;
  readonly vehicles: number;
  readonly gap: number;
  readonly feasible: boolean;
  readonly seconds: number;
  readonly iterations: number | null;
  readonly checkErrors: string[];
}

export interface Row extends Cell {
  readonly name: string;
  readonly group: string;
  readonly customers: number;
  readonly bks: number;
  readonly bksVehicles: number | null;
  /** Peers that ran on this instance, same limit, same seed. */
  readonly peers?: Partial<Record<PeerName, Cell>>;
  /**
   * vanfleet's gap over the best peer's gap (both comparable: feasible, at the BKS fleet where
   * hierarchical); null when no peer is comparable or the best peer's gap is not positive.
   */
  readonly ratioToBestPeer?: number | null;
}

export function toCell(inst: BenchInstance, r: JobResult): Cell {
  return {
    distance: r.distance, vehicles: r.vehicles, gap: (100 * (r.distance - inst.bksDistance)) / inst.bksDistance,
    feasible: r.feasible, seconds: r.seconds, iterations: r.iterations, checkErrors: r.checkErrors,
  };
}

export function toRow(inst: BenchInstance, r: JobResult, peers?: Partial<Record<PeerName, JobResult>>): Row {
  const base = { name: inst.name, group: inst.group, customers: inst.customers, bks: inst.bksDistance, bksVehicles: inst.bksVehicles, ...toCell(inst, r) };
  if (!peers || Object.keys(peers).length === 0) return base;
  const cells: Partial<Record<PeerName, Cell>> = {};
  for (const [name, pr] of Object.entries(peers) as [PeerName, JobResult][]) cells[name] = toCell(inst, pr);
  const row: Row = { ...base, peers: cells };
  const best = bestPeerGap(row);
  return { ...row, ratioToBestPeer: best !== null && best > 0 && comparable(row, row) ? row.gap / best : null };
}

/** Feasible and, under the hierarchical objective, at the BKS vehicle count. */
const comparable = (row: Row, c: Cell) => c.feasible && (row.bksVehicles === null || c.vehicles === row.bksVehicles);

function bestPeerGap(row: Row): number | null {
  const gaps = Object.values(row.peers ?? {}).filter((c) => comparable(row, c)).map((c) => c.gap);
  return gaps.length ? Math.min(...gaps) : null;
}

export interface SolverStats {
  /** Mean gap over comparable solutions (see `comparable`). */
  readonly meanGap: number;
  /** Instances the mean gap is taken over. */
  readonly gapCount: number;
  /** Hierarchical: instances with the BKS vehicle count (or fewer). */
  readonly bksVehicles: number;
  readonly infeasible: number;
  /** Mean search iterations per second, where the solver reports iterations. */
  readonly iterationsPerSecond: number | null;
}

export interface GroupStats extends SolverStats {
  readonly group: string;
  readonly count: number;
  readonly peers?: Partial<Record<PeerName, SolverStats>>;
  /** vanfleet's mean gap over the best peer's mean gap in the group (null: none positive). */
  readonly ratioToBestPeer?: number | null;
}

function solverStats(rows: readonly Row[], cell: (r: Row) => Cell | undefined): SolverStats {
  const present = rows.filter((r) => cell(r) !== undefined);
  const ok = present.filter((r) => comparable(r, cell(r)!));
  const speeds = present.map((r) => cell(r)!).filter((c) => c.iterations !== null && c.seconds > 0).map((c) => c.iterations! / c.seconds);
  return {
    gapCount: ok.length,
    meanGap: ok.reduce((a, r) => a + cell(r)!.gap, 0) / Math.max(1, ok.length),
    bksVehicles: present.filter((r) => r.bksVehicles !== null && cell(r)!.vehicles <= r.bksVehicles).length,
    infeasible: present.filter((r) => !cell(r)!.feasible).length,
    iterationsPerSecond: speeds.length ? speeds.reduce((a, b) => a + b, 0) / speeds.length : null,
  };
}

export function groupStats(rows: readonly Row[]): GroupStats[] {
  const groups = [...new Set(rows.map((r) => r.group))];
  const names = [...new Set(rows.flatMap((r) => Object.keys(r.peers ?? {})))] as PeerName[];
  const stat = (group: string, rs: readonly Row[]): GroupStats => {
    const ours: GroupStats = { group, count: rs.length, ...solverStats(rs, (r) => r) };
    if (names.length === 0) return ours;
    const peers: Partial<Record<PeerName, SolverStats>> = {};
    for (const n of names) peers[n] = solverStats(rs, (r) => r.peers?.[n]);
    const best = Math.min(...Object.values(peers).filter((s) => s.gapCount > 0).map((s) => s.meanGap));
    return { ...ours, peers, ratioToBestPeer: Number.isFinite(best) && best > 0 ? ours.meanGap / best : null };
  };
  return [...groups.map((g) => stat(g, rows.filter((r) => r.group === g))), stat('all', rows)];
}

const pad = (s: string | number, w: number) => String(s).padStart(w);
const ratio = (x: number | null | undefined) => (x === null || x === undefined ? '-' : x.toFixed(2));

export function formatTable(set: BenchSet, rows: readonly Row[], timeLimit: number, seed: number): string {
  const hier = set.objective === 'hierarchical';
  const names = [...new Set(rows.flatMap((r) => Object.keys(r.peers ?? {})))] as PeerName[];
  const lines: string[] = [];
  lines.push(`vrp bench: set ${set.name}, objective ${set.objective}, time limit ${timeLimit} s per instance, seed ${seed}`);
  const peerHead = names.map((n) => `${pad(n, 12)}${pad('gap %', 8)}${hier ? pad('veh', 5) : ''}`).join('') + (names.length ? pad('ratio', 7) : '');
  lines.push(
    `${'instance'.padEnd(14)}${pad('n', 5)}${pad('BKS', 12)}${pad('ours', 12)}${pad('gap %', 8)}` +
      `${hier ? pad('veh', 5) + pad('bks', 5) : pad('veh', 5)}${pad('s', 7)}${pad('iters', 8)}${peerHead}  ok`,
  );
  for (const r of rows) {
    const peerCols = names.map((n) => {
      const c = r.peers?.[n];
      if (!c) return `${pad('-', 12)}${pad('-', 8)}${hier ? pad('-', 5) : ''}`;
      return `${pad(c.feasible ? c.distance.toFixed(2) : 'failed', 12)}${pad(c.feasible ? c.gap.toFixed(2) : '-', 8)}${hier ? pad(c.vehicles, 5) : ''}`;
    }).join('') + (names.length ? pad(ratio(r.ratioToBestPeer), 7) : '');
    const bad = [r, ...Object.values(r.peers ?? {})].find((c) => !c.feasible);
    lines.push(
      `${r.name.padEnd(14)}${pad(r.customers, 5)}${pad(r.bks.toFixed(2), 12)}${pad(r.distance.toFixed(2), 12)}${pad(r.gap.toFixed(2), 8)}` +
        `${hier ? pad(r.vehicles, 5) + pad(r.bksVehicles ?? '-', 5) : pad(r.vehicles, 5)}${pad(r.seconds.toFixed(1), 7)}${pad(r.iterations ?? '-', 8)}${peerCols}  ${bad ? 'NO ' + (bad.checkErrors[0] ?? '') : 'yes'}`,
    );
  }
  lines.push('');
  const peerGroupHead = names.map((n) => `${pad(`${n} gap %`, 13)}${hier ? pad('BKS veh', 9) : ''}${pad('it/s', 9)}`).join('') + (names.length ? pad('ratio', 7) : '');
  lines.push(`${'group'.padEnd(14)}${pad('count', 6)}${pad('mean gap %', 12)}${hier ? pad('(over)', 7) + pad('BKS veh', 9) : ''}${pad('it/s', 9)}${pad('infeasible', 12)}${peerGroupHead}`);
  const itps = (x: number | null) => (x === null ? '-' : x >= 100 ? x.toFixed(0) : x.toFixed(1));
  for (const g of groupStats(rows)) {
    const peerCols = names.map((n) => {
      const s = g.peers?.[n];
      return s ? `${pad(s.meanGap.toFixed(2), 13)}${hier ? pad(`${s.bksVehicles}/${g.count}`, 9) : ''}${pad(itps(s.iterationsPerSecond), 9)}` : '';
    }).join('') + (names.length ? pad(ratio(g.ratioToBestPeer), 7) : '');
    lines.push(
      `${g.group.padEnd(14)}${pad(g.count, 6)}${pad(g.meanGap.toFixed(2), 12)}${hier ? pad(g.gapCount, 7) + pad(`${g.bksVehicles}/${g.count}`, 9) : ''}${pad(itps(g.iterationsPerSecond), 9)}${pad(g.infeasible, 12)}${peerCols}`,
    );
  }
  if (hier) lines.push('mean gap % under the hierarchical objective: over instances at the BKS vehicle count only');
  if (names.length) lines.push('ratio: vanfleet\'s gap over the best peer\'s gap in the same run (below 1: vanfleet ahead)');
  lines.push('');
  lines.push(`reference: ${set.reference}`);
  return lines.join('\n');
}
