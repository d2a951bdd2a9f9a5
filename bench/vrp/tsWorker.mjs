// Starts a TypeScript module in a Node worker_thread: registers tsx's loader, then imports the entry.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
