import { proxy, transfer, wrap, type Remote } from 'comlink';
import type { CityProgress } from '../core/osm/importCityPack.ts';
import type { LoadResult, RunStopped, ScenarioInfo, SimApi } from '../../workers/simApi.ts';
import type { RunOverrides } from '../core/scenario/buildRun.ts';
import { frameLayout, H, TrailMode, type FrameLayout } from '../core/replay/frameLayout.ts';
import { FRAME_VAN_STRIDE, TRAIL_STRIDE } from '../core/replay/sampleTimeline.ts';
import { kpisFromRow } from '../core/replay/KpiSeries.ts';
import type { Kpis } from '../core/sim/kpi.ts';

const MAX_FRAME_DT_S = 0.1; // a stalled tab must not make the clock jump
/** Frames the view keeps in hand: the worker is asked for a pose this many frames of simulated time ahead. */
const LEAD_FRAMES = 2;
/** Frame buffers in circulation (shown data is copied out, so a buffer is free again at once). */
const POOL = 3;

/**
 * The main thread's side of the simulation: owns the sim worker, turns wall-clock time into the
 * simulated time on screen (pause, speed, seek), and keeps the two latest frames for the GPU to
 * interpolate between. Frames are ArrayBuffers that go to the worker and back by transfer on a
 * dedicated port; their contents are copied into persistent arrays that the scene's GPU
 * attributes share, so steady playback creates no per-van objects and no large garbage. Mutable,
 * read per frame by the scene; React state holds only discrete choices.
 */
export class SimClient {
  readonly worker: Worker;
  readonly api: Remote<SimApi>;
  private readonly port: MessagePort;
  info: ScenarioInfo | null = null;
  paused = false;
  speed = 60;
  /** Simulated time on screen, s after midnight (float64 throughout: no drift over a day). */
  displayT = 0;
  dayStartS = 0;
  dayEndS = 0;
  fleetSize = 0;
  /** End of the run once known (NaN before), and how far it is recorded. */
  endS = NaN;
  horizonS = 0;
  /** Called once when the display reaches the end of the run (the kiosk loop restarts here). */
  onEnd: (() => void) | null = null;
  /** The latest run that stopped part-way (a strategy failed), as the worker said; and who to tell. */
  stopped: RunStopped | null = null;
  onStopped: ((s: RunStopped) => void) | null = null;

  /** Van poses of the two latest frames (FRAME_VAN_STRIDE floats per van), ping-pong: the newer is B when curIsB. */
  vansA = new Float32Array(0);
  vansB = new Float32Array(0);
  curIsB = false;
  prevT = 0;
  curT = 0;
  hasFrame = false;
  /** Bumped whenever vansA/vansB/trails/header change (the scene uploads then). */
  frameVersion = 0;
  /** Trail segments of the latest frame (TRAIL_STRIDE floats each), times relative to trailOriginT. */
  trails = new Float32Array(0);
  trailCount = 0;
  trailOriginT = 0;
  trailMode: number = TrailMode.All;
  trailVan = -1;
  trailWindowS = 180;
  /** Copy of the latest frame's header (KPIs, vans per state, facility figures). */
  header = new Float64Array(0);
  layout: FrameLayout | null = null;
  /** performance.now() when the first frame with the city and its vans was drawn (set by the view), or 0. */
  firstFrameMs = 0;
  private free: ArrayBuffer[] = [];
  private pending: ArrayBuffer | null = null;
  private inFlight = false;
  private seekGen = 0;
  private frameDtS = 1 / 60;
  private ended = false;

  constructor() {
    this.worker = new Worker(new URL('../../workers/sim.worker.ts', import.meta.url), { type: 'module' });
    this.api = wrap<SimApi>(this.worker);
    const channel = new MessageChannel();
    this.port = channel.port1;
    // Frames come back on this port; so does the notice of a run that stopped part-way.
    this.port.onmessage = (e: MessageEvent<ArrayBuffer | RunStopped>) => (e.data instanceof ArrayBuffer ? this.arrived(e.data) : this.noticeStopped(e.data));
    void this.api.connect(transfer(channel.port2, [channel.port2]));
  }

  async load(text: string, source: string, overrides: RunOverrides = {}, onProgress?: CityProgress): Promise<LoadResult> {
    performance.mark('vanfleet:load-start');
    const r = await this.api.load(text, source, overrides, document.baseURI, onProgress ? proxy(onProgress) : undefined);
    performance.mark('vanfleet:load-done');
    if (r.ok) this.reset(r.info);
    return r;
  }

  /** Import an OpenStreetMap extract in the worker (progress by phase) and run a scenario sized to it. */
  async loadExtract(bytes: Uint8Array, name: string, onProgress?: CityProgress): Promise<LoadResult & { scenarioText?: string }> {
    const r = await this.api.loadExtract(transfer(bytes, [bytes.buffer as ArrayBuffer]), name, onProgress ? proxy(onProgress) : undefined);
    if (r.ok) this.reset(r.info);
    return r;
  }

  async loadBench(vans: number): Promise<LoadResult> {
    const r = await this.api.loadBench(vans);
    if (r.ok) this.reset(r.info);
    return r;
  }

  /** Run a strategy file (its text) on the loaded scenario: same city, seed and charging policy unless `overrides` say otherwise. */
  async loadStrategy(text: string, name: string, overrides: Pick<RunOverrides, 'seed' | 'charging'> = {}): Promise<LoadResult> {
    const r = await this.api.loadStrategy(text, name, overrides);
    if (r.ok) this.reset(r.info);
    return r;
  }

  /** How run `runId` stopped part-way, if the worker has said so. */
  stoppedRun(runId: number): RunStopped | null {
    return this.stopped?.runId === runId ? this.stopped : null;
  }

  private noticeStopped(s: RunStopped): void {
    this.stopped = s;
    this.onStopped?.(s);
  }

  async restart(overrides: RunOverrides): Promise<LoadResult> {
    const r = await this.api.restart(overrides);
    if (r.ok) this.reset(r.info);
    return r;
  }

  report() {
    return this.api.report();
  }

  private reset(info: ScenarioInfo): void {
    this.info = info;
    this.dayStartS = info.dayStartS;
    this.dayEndS = info.dayEndS;
    this.fleetSize = info.fleetSize;
    this.endS = NaN;
    this.horizonS = info.dayStartS;
    this.layout = frameLayout(info.fleetSize, info.facilities);
    const n = info.fleetSize * FRAME_VAN_STRIDE;
    if (this.vansA.length !== n) {
      this.vansA = new Float32Array(n);
      this.vansB = new Float32Array(n);
    }
    this.trails = new Float32Array(this.layout.trailCap * TRAIL_STRIDE);
    this.trailCount = 0;
    this.header = new Float64Array(this.layout.headerLength);
    this.free = Array.from({ length: POOL }, () => new ArrayBuffer(this.layout!.byteLength));
    this.pending = null;
    this.inFlight = false;
    this.ended = false;
    this.seek(info.dayStartS);
  }

  /** Jump to simulated time t; the vans jump there as soon as the worker answers. */
  seek(t: number): void {
    const end = Number.isNaN(this.endS) ? Infinity : this.endS;
    this.displayT = Math.max(this.dayStartS, Math.min(t, end));
    this.seekGen++;
    this.hasFrame = false;
    this.ended = false;
    if (this.pending) this.recycle(this.pending);
    this.pending = null;
    this.request();
  }

  /** Ask for a fresh frame at the current time (e.g. the trail settings changed while paused). */
  refresh(): void {
    this.seekGen++;
    if (this.pending) this.recycle(this.pending);
    this.pending = null;
    this.inFlight = false;
    this.request(true);
  }

  /** Called once per rendered frame with the wall-clock delta. */
  tick(dtS: number): void {
    if (!this.layout) return;
    const dt = Math.min(Math.max(dtS, 0), MAX_FRAME_DT_S);
    this.frameDtS += 0.1 * (Math.max(dt, 1 / 240) - this.frameDtS);
    if (!this.paused && this.hasFrame) this.displayT += dt * this.speed;
    if (this.pending && (!this.hasFrame || this.displayT >= this.curT)) this.consume(this.pending);
    // Starved (the worker is late, or the run ends here): hold the picture rather than extrapolate.
    if (this.hasFrame && this.displayT > this.curT) this.displayT = this.curT;
    if (this.hasFrame && !this.ended && !Number.isNaN(this.endS) && this.displayT >= this.endS) {
      this.ended = true;
      this.onEnd?.();
    }
    this.request();
  }

  private request(force = false): void {
    const L = this.layout;
    if (!L || this.inFlight || this.pending) return;
    const lead = this.paused ? 0 : this.speed * this.frameDtS * LEAD_FRAMES;
    const want = Math.max(this.displayT, this.hasFrame ? this.curT : this.displayT) + lead;
    if (!force && this.hasFrame && (this.curT >= want - 1e-9 || this.curT >= this.horizonLimit())) return;
    const buf = this.free.pop() ?? new ArrayBuffer(L.byteLength);
    const h = new Float64Array(buf, 0, L.headerLength);
    h[H.run] = this.info?.runId ?? 0;
    h[H.seek] = this.seekGen;
    h[H.requestT] = want;
    h[H.trailWindowS] = this.trailWindowS;
    h[H.trailMode] = this.trailMode;
    h[H.trailVan] = this.trailVan;
    this.inFlight = true;
    this.port.postMessage(buf, [buf]);
  }

  /** The latest time a frame can have: the end of the run once it is known. */
  private horizonLimit(): number {
    return Number.isNaN(this.endS) ? Infinity : this.endS;
  }

  private arrived(buf: ArrayBuffer): void {
    this.inFlight = false;
    const L = this.layout;
    if (!L || buf.byteLength !== L.byteLength) return;
    const h = new Float64Array(buf, 0, L.headerLength);
    if (h[H.stale] === 1 || h[H.run] !== this.info?.runId || h[H.seek] !== this.seekGen) {
      this.recycle(buf);
      if (h[H.stale] !== 1) this.request();
      return;
    }
    this.pending = buf;
  }

  /** Take a frame into the persistent arrays the scene draws from. */
  private consume(buf: ArrayBuffer): void {
    const L = this.layout!;
    this.pending = null;
    const h = new Float64Array(buf, 0, L.headerLength);
    const vans = new Float32Array(buf, L.vansByte, L.vans * FRAME_VAN_STRIDE);
    const t = h[H.t];
    (this.curIsB ? this.vansA : this.vansB).set(vans);
    if (!this.hasFrame) (this.curIsB ? this.vansB : this.vansA).set(vans);
    this.curIsB = !this.curIsB;
    this.prevT = this.hasFrame ? this.curT : t;
    this.curT = t;
    if (!this.hasFrame) this.displayT = t;
    this.hasFrame = true;
    this.header.set(h);
    this.horizonS = h[H.horizonS];
    this.endS = h[H.endS];
    const n = Math.min(h[H.trailCount], L.trailCap);
    this.trails.set(new Float32Array(buf, L.trailsByte, n * TRAIL_STRIDE));
    this.trailCount = n;
    this.trailOriginT = t;
    this.frameVersion++;
    this.recycle(buf);
  }

  private recycle(buf: ArrayBuffer): void {
    if (this.layout && buf.byteLength === this.layout.byteLength && this.free.length < POOL) this.free.push(buf);
  }

  /** Interpolation weight between the previous and the current frame at the displayed time (1 = current). */
  alpha(): number {
    const span = this.curT - this.prevT;
    return span <= 0 ? 1 : Math.max(0, Math.min(1, (this.displayT - this.prevT) / span));
  }

  /** Current and previous pose arrays. */
  get curVans(): Float32Array {
    return this.curIsB ? this.vansB : this.vansA;
  }

  get prevVans(): Float32Array {
    return this.curIsB ? this.vansA : this.vansB;
  }

  /** KPIs of the latest frame (an object: call at a readable rate, not per frame). */
  kpis(): Kpis | null {
    return this.hasFrame || this.frameVersion > 0 ? kpisFromRow(this.header, H.kpis) : null;
  }

  /** Vans per state in the latest frame. */
  statusCount(s: number): number {
    return this.layout && this.header.length ? this.header[this.layout.statusAt + s] : 0;
  }

  get finished(): boolean {
    return this.header.length > 0 && this.header[H.finished] === 1;
  }

  dispose(): void {
    this.port.close();
    this.worker.terminate();
  }
}
