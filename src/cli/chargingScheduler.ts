// Where a CLI run's fleet charging scheduler runs (--scheduler worker|in-thread), and starting it.
import type { PreparedRun } from '../core/scenario/buildRun.ts';
import type { RunScheduler } from '../../workers/chargingWorker.ts';
import { startNodeRunScheduler } from '../../workers/chargingWorker.node.ts';
import { UsageError } from './args.ts';

export type SchedulerPlacement = 'worker' | 'in-thread';

export function schedulerPlacement(flag: string | undefined): SchedulerPlacement {
  if (flag === undefined || flag === 'worker') return 'worker';
  if (flag === 'in-thread') return 'in-thread';
  throw new UsageError(`--scheduler: expected worker or in-thread, got "${flag}"`);
}

/** The run's scheduler worker, or null (in-thread, or a policy without a fleet scheduler). */
export function startCliScheduler(run: PreparedRun, placement: SchedulerPlacement, tool: string): Promise<RunScheduler | null> {
  if (placement === 'in-thread') return Promise.resolve(null);
  return startNodeRunScheduler(run, (why) => process.stderr.write(`${tool}: ${why}\n`));
}
