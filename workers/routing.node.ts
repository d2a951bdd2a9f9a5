// The routing worker API in a Node worker_thread (CLI, benchmarks, tests), through comlink's node adapter.
import { parentPort } from 'node:worker_threads';
import { expose } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { createRoutingApi } from './routingApi.ts';

if (!parentPort) throw new Error('routing.node.ts must run in a worker_thread');
expose(createRoutingApi(), nodeEndpoint(parentPort));
