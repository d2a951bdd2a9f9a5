// A RoutingPool of Node worker_threads (CLI, benchmarks, tests).
import { Worker } from 'node:worker_threads';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { RoutingPool } from './RoutingPool.ts';

export function spawnNodeRoutingWorker() {
  const worker = new Worker(new URL('./routing.node-entry.mjs', import.meta.url));
  return { endpoint: nodeEndpoint(worker), terminate: () => void worker.terminate() };
}

export function createNodeRoutingPool(size: number, chBuffer: ArrayBufferLike, graphBuffer?: ArrayBufferLike): Promise<RoutingPool> {
  return RoutingPool.create(spawnNodeRoutingWorker, size, chBuffer, graphBuffer);
}
