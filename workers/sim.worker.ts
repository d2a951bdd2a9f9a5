/// <reference lib="webworker" />
// The simulation runs here, off the main thread; the page only draws what step() returns.
import { expose } from 'comlink';
import { createSimApi } from './simApi.ts';

expose(createSimApi());
