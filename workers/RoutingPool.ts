/**
 * A pool of routing workers that splits a travel-time matrix by rows across them (each worker
 * runs the bucket method on its block of sources against all targets). Environment-neutral:
 * give it endpoints (browser Workers, or Node worker_threads through comlink's node adapter;
 * see routingPool.browser.ts and routingPool.node.ts).
 *
 * The hierarchy reaches the workers without a copy per message: where SharedArrayBuffer is
 * usable (Node; cross-origin-isolated pages) every worker views one shared buffer; otherwise each
 * worker gets its own buffer by transfer (copies for all but the last, which takes the original,
 * so the caller's buffer is detached afterwards).
 */
import { transfer, wrap, type Endpoint, type Remote } from 'comlink';
import type { TravelMatrix } from '../src/core/routing/ch/ChMatrix.ts';
import type { RouteResult, RoutingApi } from './routingApi.ts';

export interface PoolWorker {
  readonly endpoint: Endpoint;
  terminate(): void;
}

export class RoutingPool {
  private readonly remotes: Remote<RoutingApi>[];
  private readonly workers: PoolWorker[];
  private next = 0;

  private constructor(workers: PoolWorker[]) {
    this.workers = workers;
    this.remotes = workers.map((w) => wrap<RoutingApi>(w.endpoint));
  }

  /** Start `size` workers with spawn() and load the hierarchy (and optionally its graph) into each. */
  static async create(spawn: () => PoolWorker, size: number, chBuffer: ArrayBufferLike, graphBuffer?: ArrayBufferLike): Promise<RoutingPool> {
    if (!(size >= 1)) throw new RangeError(`RoutingPool: size must be at least 1, got ${size}`);
    const pool = new RoutingPool(Array.from({ length: size }, spawn));
    const chs = distribute(chBuffer, size);
    const gs = graphBuffer ? distribute(graphBuffer, size) : null;
    try {
      await Promise.all(
        pool.remotes.map((r, i) => {
          const bufs = [chs[i], ...(gs ? [gs[i]] : [])];
          const moved = bufs.filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
          return r.load(transfer(bufs[0], moved), bufs[1]);
        }),
      );
    } catch (e) {
      pool.terminate();
      throw e;
    }
    return pool;
  }

  get size(): number {
    return this.remotes.length;
  }

  /** Row-major sources × targets matrix, rows computed in parallel blocks. */
  async matrix(sources: ArrayLike<number>, targets: ArrayLike<number>): Promise<TravelMatrix> {
    const ns = sources.length;
    const nt = targets.length;
    const k = Math.min(this.size, Math.max(1, ns));
    const src = Uint32Array.from(sources);
    const tgt = Uint32Array.from(targets);
    const bounds = Array.from({ length: k + 1 }, (_, i) => Math.round((i * ns) / k));
    const parts = await Promise.all(
      Array.from({ length: k }, (_, i) => this.remotes[i].matrix(src.subarray(bounds[i], bounds[i + 1]), tgt)),
    );
    const timeMs = new Float64Array(ns * nt);
    const lengthMm = new Float64Array(ns * nt);
    parts.forEach((p, i) => {
      timeMs.set(p.timeMs, bounds[i] * nt);
      lengthMm.set(p.lengthMm, bounds[i] * nt);
    });
    return { sources: ns, targets: nt, timeMs, lengthMm };
  }

  /** One route, on the workers in turn. */
  route(source: number, target: number): Promise<RouteResult> {
    const r = this.remotes[this.next];
    this.next = (this.next + 1) % this.size;
    return r.route(source, target);
  }

  terminate(): void {
    for (const w of this.workers) w.terminate();
  }
}

/** One buffer per worker: a shared one where possible, else transferable copies (the last is the original). */
export function distribute(buffer: ArrayBufferLike, n: number): ArrayBufferLike[] {
  if (buffer instanceof ArrayBuffer === false) return Array.from({ length: n }, () => buffer); // already shared
  if (canShare()) {
    const shared = new SharedArrayBuffer(buffer.byteLength);
    new Uint8Array(shared).set(new Uint8Array(buffer));
    return Array.from({ length: n }, () => shared);
  }
  return Array.from({ length: n }, (_, i) => (i === n - 1 ? buffer : buffer.slice(0)));
}

function canShare(): boolean {
  if (typeof SharedArrayBuffer === 'undefined') return false;
  const g = globalThis as { crossOriginIsolated?: boolean; process?: { versions?: { node?: string } } };
  return g.crossOriginIsolated === true || g.process?.versions?.node !== undefined;
}
