/// <reference lib="webworker" />
// Routing off the main thread: contraction-hierarchy queries, matrices, and OSM import.
import { expose } from 'comlink';
import { createRoutingApi } from './routingApi.ts';

const api = createRoutingApi();
expose(api);
export type RoutingApi = typeof api;
