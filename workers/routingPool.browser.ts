// A RoutingPool of browser module workers (one per spare core by default).
import { RoutingPool } from './RoutingPool.ts';

export function spawnBrowserRoutingWorker() {
  const worker = new Worker(new URL('./routing.worker.ts', import.meta.url), { type: 'module' });
  return { endpoint: worker, terminate: () => worker.terminate() };
}

export function createBrowserRoutingPool(chBuffer: ArrayBufferLike, size = Math.max(1, (navigator.hardwareConcurrency || 2) - 1)): Promise<RoutingPool> {
  return RoutingPool.create(spawnBrowserRoutingWorker, size, chBuffer);
}
