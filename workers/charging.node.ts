// The fleet charging scheduler in a Node worker_thread (CLI, compare, tests): serve the buffer it was started with.
import { parentPort, workerData } from 'node:worker_threads';
import { serveFleetSchedules, type SharedScheduleInit } from '../src/core/charging/sharedSchedule.ts';

parentPort?.postMessage('ready');
serveFleetSchedules(workerData as SharedScheduleInit);
