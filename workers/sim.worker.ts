/// <reference lib="webworker" />
// The simulation runs here, off the main thread; the page only draws what step() returns. On a
// cross-origin-isolated page (SharedArrayBuffer) the charging policy's fleet scheduler gets a
// worker of its own, which this worker asks synchronously (src/core/charging/sharedSchedule.ts).
import { expose } from 'comlink';
import { createSimApi } from './simApi.ts';
import type { SpawnSchedulerWorker } from './chargingWorker.ts';

const spawnScheduler: SpawnSchedulerWorker = (init) =>
  new Promise((resolve, reject) => {
    const w = new Worker(new URL('./charging.worker.ts', import.meta.url), { type: 'module', name: 'charging scheduler' });
    w.onmessage = () => resolve({ terminate: () => w.terminate() });
    w.onerror = (e) => {
      e.preventDefault();
      reject(new Error(e.message || 'the charging scheduler worker failed to load'));
    };
    w.postMessage(init);
  });

expose(createSimApi(self.crossOriginIsolated ? { spawnScheduler } : {}));
