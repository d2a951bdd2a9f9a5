// The browser's sim worker API, exposed from a Node worker_thread through comlink's node adapter.
import { parentPort } from 'node:worker_threads';
import { expose } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { createSimApi } from '../../workers/simApi.ts';
import { spawnNodeSchedulerWorker } from '../../workers/chargingWorker.node.ts';

// The charging scheduler gets its own worker thread, as in the browser on a cross-origin-isolated page.
expose(createSimApi({ spawnScheduler: spawnNodeSchedulerWorker }), nodeEndpoint(parentPort!));
