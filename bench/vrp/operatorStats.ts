/**
 * `npm run bench -- vrp --stats`: the search statistics of every instance of a run, aggregated per
 * set — tries and applied moves summed, and per operator the mean over instances of its share of
 * the instance's total gain and of the local search's time; per phase the mean share of the time.
 * Shares, not sums, because instances differ in scale and length.
 */
import type { SearchStatsReport } from '../../src/core/vrp/index.ts';

export interface SetOperatorStats {
  readonly instances: number;
  readonly operators: { name: string; tried: number; improved: number; gainShare: number; timeShare: number | null }[];
  readonly phases: { name: string; share: number }[];
}

export function aggregateStats(reports: readonly SearchStatsReport[]): SetOperatorStats | null {
  if (reports.length === 0) return null;
  const n = reports.length;
  const names = reports[0].operators.map((o) => o.name);
  const operators = names.map((name, i) => {
    let tried = 0;
    let improved = 0;
    let gainShare = 0;
    let timeShare = 0;
    let timed = 0;
    for (const r of reports) {
      const o = r.operators[i];
      tried += o.tried;
      improved += o.improved;
      const total = r.operators.reduce((a, x) => a + Math.max(0, x.gain), 0);
      gainShare += total > 0 ? Math.max(0, o.gain) / total : 0;
      if (o.timeShare !== null) {
        timeShare += o.timeShare;
        timed++;
      }
    }
    return { name, tried, improved, gainShare: gainShare / n, timeShare: timed ? timeShare / timed : null };
  });
  const phases = reports[0].phases.map((p, i) => ({ name: p.name, share: reports.reduce((a, r) => a + r.phases[i].share, 0) / n }));
  return { instances: n, operators, phases };
}

const pct = (x: number | null) => (x === null ? '-' : `${(100 * x).toFixed(1)} %`);

export function formatStats(s: SetOperatorStats): string {
  const lines = [`search statistics over ${s.instances} instances (vanfleet)`, `${'operator'.padEnd(22)}${'tried'.padStart(14)}${'improved'.padStart(11)}${'gain share'.padStart(12)}${'time share'.padStart(12)}`];
  for (const o of s.operators)
    if (o.tried > 0) lines.push(`${o.name.padEnd(22)}${String(o.tried).padStart(14)}${String(o.improved).padStart(11)}${pct(o.gainShare).padStart(12)}${pct(o.timeShare).padStart(12)}`);
  lines.push(`phases: ${s.phases.filter((p) => p.share > 0).map((p) => `${p.name} ${pct(p.share)}`).join(', ')}`);
  return lines.join('\n');
}
