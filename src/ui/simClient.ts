import { transfer, wrap, type Remote } from 'comlink';
import type { Frame, LoadResult, SimApi } from '../../workers/simApi.ts';
import type { RunOverrides } from '../core/scenario/buildRun.ts';
import { VAN_STRIDE } from '../core/sim/snapshot.ts';

/** A frame as the view holds it: when it arrived, for interpolation between the last two. */
export interface HeldFrame extends Frame {
  readonly arrivedMs: number;
}

const MAX_FRAME_DT_S = 0.1; // a stalled tab must not make the clock jump

/**
 * The main thread's side of the simulation: owns the sim worker, turns wall-clock time into
 * simulated time (pause, speed), asks the worker for one frame at a time and keeps the last two
 * for smooth interpolation. Three van buffers circulate (drawn, previous, in flight) and move by
 * transfer, so steady-state playback allocates no large arrays. Mutable and read per frame by
 * the scene; React state holds only discrete choices.
 */
export class SimClient {
  readonly worker: Worker;
  private readonly api: Remote<SimApi>;
  paused = false;
  speed = 60;
  /** Simulated time the view is heading for, s after midnight. */
  targetT = 0;
  dayStartS = 0;
  dayEndS = 0;
  fleetSize = 0;
  prev: HeldFrame | null = null;
  cur: HeldFrame | null = null;
  private spare: Float32Array | null = null;
  private inFlight = false;
  /** Bumped on every (re)load so frames of an abandoned run are dropped. */
  private generation = 0;

  constructor() {
    this.worker = new Worker(new URL('../../workers/sim.worker.ts', import.meta.url), { type: 'module' });
    this.api = wrap<SimApi>(this.worker);
  }

  async load(text: string, source: string, overrides: RunOverrides = {}): Promise<LoadResult> {
    const r = await this.api.load(text, source, overrides);
    if (r.ok) this.reset(r.info.dayStartS, r.info.dayEndS, r.info.fleetSize);
    return r;
  }

  async restart(overrides: RunOverrides): Promise<LoadResult> {
    const r = await this.api.restart(overrides);
    if (r.ok) this.reset(r.info.dayStartS, r.info.dayEndS, r.info.fleetSize);
    return r;
  }

  report() {
    return this.api.report();
  }

  private reset(start: number, end: number, fleetSize: number): void {
    this.generation++;
    this.dayStartS = start;
    this.dayEndS = end;
    this.fleetSize = fleetSize;
    this.targetT = start;
    this.prev = null;
    this.cur = null;
    this.spare = null;
    this.inFlight = false;
    this.request();
  }

  /** Called once per rendered frame with the wall-clock delta. */
  tick(dtS: number): void {
    if (this.fleetSize === 0) return;
    const finished = this.cur?.finished ?? false;
    if (!this.paused && !finished) this.targetT += Math.min(dtS, MAX_FRAME_DT_S) * this.speed;
    // Never run ahead of the worker by more than a few frames' worth of simulated time.
    if (this.cur && this.targetT > this.cur.t + 30 * this.speed * MAX_FRAME_DT_S) this.targetT = this.cur.t + 30 * this.speed * MAX_FRAME_DT_S;
    if (!this.cur || this.targetT > this.cur.t) this.request();
  }

  private request(): void {
    if (this.inFlight) return;
    this.inFlight = true;
    const gen = this.generation;
    const need = this.fleetSize * VAN_STRIDE;
    const buf = this.spare && this.spare.length === need ? this.spare : new Float32Array(need);
    this.spare = null;
    this.api.step(this.targetT, transfer(buf, [buf.buffer as ArrayBuffer])).then(
      (frame) => {
        if (gen !== this.generation) return;
        this.inFlight = false;
        if (this.prev) this.spare = this.prev.vans;
        this.prev = this.cur;
        this.cur = { ...frame, arrivedMs: performance.now() };
      },
      (e: unknown) => {
        this.inFlight = false;
        console.error('vanfleet: simulation step failed', e);
        this.paused = true;
      },
    );
  }

  /** Interpolation weight between prev and cur at wall time nowMs (1 = cur). */
  alpha(nowMs: number): number {
    if (!this.prev || !this.cur) return 1;
    const span = this.cur.arrivedMs - this.prev.arrivedMs;
    return span <= 0 ? 1 : Math.min(1, (nowMs - this.cur.arrivedMs) / span);
  }

  /** The simulated time on screen. */
  displayT(nowMs: number): number {
    if (!this.cur) return this.targetT;
    if (!this.prev) return this.cur.t;
    const a = this.alpha(nowMs);
    return this.prev.t + a * (this.cur.t - this.prev.t);
  }

  dispose(): void {
    this.worker.terminate();
  }
}
