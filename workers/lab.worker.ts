/// <reference lib="webworker" />
// A Lab page worker: headless (variant, seed) runs of a comparison, one at a time (workers/labApi.ts).
// The page starts one per core; the 3D view's sim worker is not involved.
import { expose } from 'comlink';
import { createLabApi } from './labApi.ts';

expose(createLabApi());
