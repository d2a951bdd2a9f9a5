/**
 * One search of the Solver page in its own optimizer worker: start it on an instance's text with a
 * time limit, seed and parameter overrides, follow it (progress events and, twice a second, the
 * best routes and operator statistics so far), stop it. Two lanes race in two workers.
 */
import { proxy, transfer, wrap } from 'comlink';
import type { Remote } from 'comlink';
import { problemBuffers, readInstance, ROUTE_MIN_SHARE } from '../../core/vrp/index.ts';
import type { HgsParams, Objective, ProgressEvent } from '../../core/vrp/index.ts';
import type { OptimizerApi, SolveSnapshot } from '../../../workers/optimizerApi.ts';

export interface LaneSettings {
  readonly seconds: number;
  readonly seed: number;
  readonly objective: Objective;
  readonly params: Partial<HgsParams>;
}

export interface LaneUpdate {
  readonly status: 'running' | 'done' | 'error';
  readonly snapshot: SolveSnapshot | null;
  /** Best cost over time: [seconds, cost in problem units, routes]. */
  readonly curve: readonly [number, number, number][];
  readonly error?: string;
}

export class SolverLane {
  private readonly worker: Worker;
  private readonly api: Remote<OptimizerApi>;
  private timer = 0;
  private closed = false;

  constructor() {
    this.worker = new Worker(new URL('../../../workers/optimizer.worker.ts', import.meta.url), { type: 'module', name: 'optimizer' });
    this.api = wrap<OptimizerApi>(this.worker);
  }

  /** Solve `text` (an instance file) and report as it goes; resolves when the search ends. */
  async run(text: string, file: string, s: LaneSettings, onUpdate: (u: LaneUpdate) => void): Promise<void> {
    const curve: [number, number, number][] = [];
    let last: SolveSnapshot | null = null;
    const push = (status: LaneUpdate['status'], error?: string) => !this.closed && onUpdate({ status, snapshot: last, curve: curve.slice(), error });
    const poll = async () => {
      const snap = await this.api.snapshot();
      if (snap) last = snap;
      push('running');
    };
    const hierarchical = s.objective === 'hierarchical';
    try {
      const inst = readInstance(text, file, { objective: s.objective });
      this.timer = window.setInterval(() => void poll(), 500);
      await this.api.solve(
        transfer(inst.problem, problemBuffers(inst.problem)),
        {
          stop: { timeLimitSeconds: s.seconds }, seed: s.seed, params: s.params, stats: true, minimiseVehicles: hierarchical,
          routeMinSeconds: hierarchical ? s.seconds * ROUTE_MIN_SHARE : undefined,
        },
        proxy((e: ProgressEvent & { seconds: number }) => {
          if (e.phase === 'search' && Number.isFinite(e.cost)) curve.push([e.seconds, e.cost, e.numRoutes]);
        }),
      );
      window.clearInterval(this.timer);
      last = (await this.api.snapshot()) ?? last;
      push('done');
    } catch (e) {
      window.clearInterval(this.timer);
      push('error', e instanceof Error ? e.message : String(e));
    }
  }

  stop(): void {
    void this.api.cancel();
  }

  close(): void {
    this.closed = true;
    window.clearInterval(this.timer);
    this.worker.terminate();
  }
}
