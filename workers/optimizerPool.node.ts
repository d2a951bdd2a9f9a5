// An OptimizerPool of Node worker_threads (CLI, benchmarks, tests).
import { Worker } from 'node:worker_threads';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { OptimizerPool } from './optimizerPool.ts';

export function spawnNodeOptimizerWorker() {
  const worker = new Worker(new URL('./optimizer.node-entry.mjs', import.meta.url));
  return { endpoint: nodeEndpoint(worker), terminate: () => void worker.terminate() };
}

export function createNodeOptimizerPool(size: number): OptimizerPool {
  return new OptimizerPool(spawnNodeOptimizerWorker, size);
}
