/// <reference lib="webworker" />
// The VRP optimiser off the main thread: the page (or the dispatcher) sends a problem by transfer,
// receives progress through a proxied callback and can cancel; the best solution comes back.
import { expose } from 'comlink';
import { createOptimizerApi } from './optimizerApi.ts';

const api = createOptimizerApi();
expose(api);
export type OptimizerApi = typeof api;
