/**
 * What the search did, per operator and per phase (`npm run solve -- … --stats FILE`): how often
 * each local-search operator was tried, how often it improved, its total gain (in penalised cost,
 * under the penalties of the moment) and an estimate of its share of the local search's time; the
 * time per phase; the best cost over time. Off unless asked for: the search then pays one null
 * check per move tried.
 *
 * Timing an operator call costs more than many calls, so calls are timed by systematic sampling:
 * every SAMPLE-th call is timed from the end of the call before it (two clock reads per SAMPLE
 * calls), and the sampled time is scaled up. The clock comes from the caller (core reads none).
 */

export const OPERATORS = [
  'relocate', 'relocate 2', 'relocate 2 reversed', 'or-opt 3', 'or-opt 3 reversed', 'swap 1-1', 'swap 2-1', 'swap 2-2',
  '2-opt', '2-opt*', '2-opt* reversed', 'pair relocate', 'SWAP*', 'reset visits',
] as const;
export type OperatorName = (typeof OPERATORS)[number];
export const OP = Object.fromEntries(OPERATORS.map((n, i) => [n, i])) as Record<OperatorName, number>;

export const PHASES = ['route minimisation', 'construction', 'crossover', 'split', 'local search', 'repair'] as const;
export type PhaseName = (typeof PHASES)[number];

const SAMPLE = 64;

export interface OperatorReport {
  readonly name: OperatorName;
  readonly tried: number;
  readonly improved: number;
  /** Total penalised-cost improvement of its applied moves (problem units). */
  readonly gain: number;
  /** Estimated share of the local search's operator time (0..1), null without a clock. */
  readonly timeShare: number | null;
}

export interface SearchStatsReport {
  readonly operators: OperatorReport[];
  readonly phases: { readonly name: PhaseName; readonly ms: number; readonly share: number }[];
  readonly localSearchRuns: number;
}

export class SearchStats {
  readonly tried = new Float64Array(OPERATORS.length);
  readonly improved = new Float64Array(OPERATORS.length);
  readonly gain = new Float64Array(OPERATORS.length);
  private readonly sampledMs = new Float64Array(OPERATORS.length);
  private readonly phaseMs = new Float64Array(PHASES.length);
  private calls = 0;
  private mark = 0;
  private cost = 0;
  private costOf: () => number = () => 0;
  localSearchRuns = 0;

  constructor(readonly now: (() => number) | null = null) {}

  /** At the start of a local-search run: how to read the current penalised cost. */
  beginRun(costOf: () => number): void {
    this.costOf = costOf;
    this.cost = costOf();
    this.localSearchRuns++;
    this.calls = 0;
  }

  /** After an operator call: count it, and on an applied move its gain. */
  record(op: number, ok: boolean): boolean {
    this.tried[op]++;
    if (ok) {
      this.improved[op]++;
      const c = this.costOf();
      this.gain[op] += this.cost - c;
      this.cost = c;
    }
    const now = this.now;
    if (now !== null) {
      const k = ++this.calls % SAMPLE;
      if (k === 0) this.sampledMs[op] += now() - this.mark;
      else if (k === SAMPLE - 1) this.mark = now();
    }
    return ok;
  }

  /** Time spent in a phase since `since` (a reading of the same clock); returns the clock now. */
  phase(name: PhaseName, since: number): number {
    if (this.now === null) return 0;
    const t = this.now();
    this.phaseMs[PHASES.indexOf(name)] += t - since;
    return t;
  }

  clock(): number {
    return this.now === null ? 0 : this.now();
  }

  report(): SearchStatsReport {
    const sampled = this.sampledMs.reduce((a, b) => a + b, 0);
    const totalPhase = this.phaseMs.reduce((a, b) => a + b, 0);
    return {
      operators: OPERATORS.map((name, i) => ({
        name, tried: this.tried[i], improved: this.improved[i], gain: this.gain[i],
        timeShare: this.now === null || sampled === 0 ? null : this.sampledMs[i] / sampled,
      })),
      phases: PHASES.map((name, i) => ({ name, ms: this.phaseMs[i], share: totalPhase > 0 ? this.phaseMs[i] / totalPhase : 0 })),
      localSearchRuns: this.localSearchRuns,
    };
  }
}
