/// <reference lib="webworker" />
// The fleet charging scheduler in its own web worker, started by the simulation worker with the
// run's shared buffer and tariffs; it answers that run's requests until closed.
import { serveFleetSchedules, type SharedScheduleInit } from '../src/core/charging/sharedSchedule.ts';

self.onmessage = (e: MessageEvent<SharedScheduleInit>) => {
  self.postMessage('ready');
  serveFleetSchedules(e.data);
  self.close();
};
