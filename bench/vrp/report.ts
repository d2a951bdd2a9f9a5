/**
 * Gap tables for the VRP benchmark: per instance, then the mean per group (class or size band)
 * and overall. Distance gap = 100 (ours − BKS) / BKS; under the hierarchical objective the gap is
 * only meaningful at equal vehicle counts, so vehicles are reported separately.
 */
import type { BenchInstance, BenchSet } from './sets.ts';
import type { JobResult } from './worker.ts';

export interface Row {
  readonly name: string;
  readonly group: string;
  readonly customers: number;
  readonly bks: number;
  readonly bksVehicles: number | null;
  readonly distance: number;
  readonly vehicles: number;
  readonly gap: number;
  readonly feasible: boolean;
  readonly seconds: number;
  readonly iterations: number;
  readonly checkErrors: string[];
}

export function toRow(inst: BenchInstance, r: JobResult): Row {
  return {
    name: inst.name, group: inst.group, customers: inst.customers, bks: inst.bksDistance, bksVehicles: inst.bksVehicles,
    distance: r.distance, vehicles: r.vehicles, gap: (100 * (r.distance - inst.bksDistance)) / inst.bksDistance,
    feasible: r.feasible, seconds: r.seconds, iterations: r.iterations, checkErrors: r.checkErrors,
  };
}

export interface GroupStats {
  readonly group: string;
  readonly count: number;
  /**
   * Mean gap over feasible solutions (infeasible ones are counted separately); under the
   * hierarchical objective only over instances at the BKS vehicle count (gaps across different
   * fleet sizes do not compare).
   */
  readonly meanGap: number;
  /** Instances the mean gap is taken over. */
  readonly gapCount: number;
  /** Hierarchical: instances with the BKS vehicle count (or fewer). */
  readonly bksVehicles: number;
  readonly infeasible: number;
}

export function groupStats(rows: readonly Row[]): GroupStats[] {
  const groups = [...new Set(rows.map((r) => r.group))];
  const comparable = (r: Row) => r.feasible && (r.bksVehicles === null || r.vehicles === r.bksVehicles);
  const stat = (group: string, rs: readonly Row[]): GroupStats => ({
    group, count: rs.length, gapCount: rs.filter(comparable).length,
    meanGap: rs.filter(comparable).reduce((a, r) => a + r.gap, 0) / Math.max(1, rs.filter(comparable).length),
    bksVehicles: rs.filter((r) => r.bksVehicles !== null && r.vehicles <= r.bksVehicles).length,
    infeasible: rs.filter((r) => !r.feasible).length,
  });
  return [...groups.map((g) => stat(g, rows.filter((r) => r.group === g))), stat('all', rows)];
}

const pad = (s: string | number, w: number) => String(s).padStart(w);

export function formatTable(set: BenchSet, rows: readonly Row[], timeLimit: number, seed: number): string {
  const hier = set.objective === 'hierarchical';
  const lines: string[] = [];
  lines.push(`vrp bench: set ${set.name}, objective ${set.objective}, time limit ${timeLimit} s per instance, seed ${seed}`);
  lines.push(
    `${'instance'.padEnd(14)}${pad('n', 5)}${pad('BKS', 12)}${pad('ours', 12)}${pad('gap %', 8)}` +
      `${hier ? pad('veh', 5) + pad('bks', 5) : pad('veh', 5)}${pad('s', 7)}${pad('iters', 8)}  ok`,
  );
  for (const r of rows)
    lines.push(
      `${r.name.padEnd(14)}${pad(r.customers, 5)}${pad(r.bks.toFixed(2), 12)}${pad(r.distance.toFixed(2), 12)}${pad(r.gap.toFixed(2), 8)}` +
        `${hier ? pad(r.vehicles, 5) + pad(r.bksVehicles ?? '-', 5) : pad(r.vehicles, 5)}${pad(r.seconds.toFixed(1), 7)}${pad(r.iterations, 8)}  ${r.feasible ? 'yes' : 'NO ' + r.checkErrors[0]}`,
    );
  lines.push('');
  lines.push(`${'group'.padEnd(14)}${pad('count', 6)}${pad('mean gap %', 12)}${hier ? pad('(over)', 7) + pad('BKS veh', 9) : ''}${pad('infeasible', 12)}`);
  for (const g of groupStats(rows))
    lines.push(
      `${g.group.padEnd(14)}${pad(g.count, 6)}${pad(g.meanGap.toFixed(2), 12)}${hier ? pad(g.gapCount, 7) + pad(`${g.bksVehicles}/${g.count}`, 9) : ''}${pad(g.infeasible, 12)}`,
    );
  if (hier) lines.push('mean gap % under the hierarchical objective: over instances at the BKS vehicle count only');
  lines.push('');
  lines.push(`reference: ${set.reference}`);
  return lines.join('\n');
}
