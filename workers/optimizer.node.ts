// The optimizer worker's API exposed from a Node worker_thread through comlink's node adapter.
import { parentPort } from 'node:worker_threads';
import { expose } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { createOptimizerApi } from './optimizerApi.ts';

expose(createOptimizerApi(), nodeEndpoint(parentPort!));
