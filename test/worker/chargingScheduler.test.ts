/**
 * The fleet charging scheduler in its own worker thread (src/core/charging/sharedSchedule.ts): the
 * plans it answers over shared memory equal the in-thread ones, and a worker that never answers is
 * abandoned after the timeout with the same plan computed in the caller's thread, said once.
 */
import { describe, expect, it } from 'vitest';
import { SharedFleetScheduler, sharedScheduleBuffer } from '../../src/core/charging/sharedSchedule.ts';
import { scheduleCharging, type FleetChargeInput, type FleetChargePlan } from '../../src/core/charging/scheduleCharging.ts';
import { flatTariff, tariffFrom } from '../../src/core/charging/Tariff.ts';
import { Rng } from '../../src/core/util/rng.ts';
import { spawnNodeSchedulerWorker } from '../../workers/chargingWorker.node.ts';

const VANS = 40;
const SITES = 5;
const C = 28_834;
const tariffs = [flatTariff(0.2), ...Array.from({ length: SITES - 1 }, (_, f) => tariffFrom([{ fromS: 0, pricePerKWh: 0.1 }, { fromS: (8 + f) * 3600, pricePerKWh: 0.4 }, { fromS: 20 * 3600, pricePerKWh: 0.1 }]))];

function inputs(seed: number, n: number): FleetChargeInput[] {
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => {
    const ports = Int32Array.from({ length: SITES }, () => rng.int(4));
    return {
      now: 6 * 3600 + rng.range(0, 15 * 3600),
      dayEndS: 21 * 3600,
      batteryWh: C,
      maxTargetWh: 0.9 * C,
      socWh: Float64Array.from({ length: VANS }, () => rng.range(0.02, 1) * C),
      site: Int32Array.from({ length: VANS }, () => (rng.chance(0.6) ? rng.int(SITES) : -1)),
      keepWh: Float64Array.from({ length: VANS }, () => rng.range(0.08, 0.12) * C),
      nextTripWh: Float64Array.from({ length: VANS }, () => rng.range(0.05, 0.3) * C),
      restOfDayWh: Float64Array.from({ length: VANS }, () => rng.range(0, 0.8) * C),
      ports,
      busy: Int32Array.from(ports, (p) => rng.int(p + 1)),
      queued: Int32Array.from({ length: SITES }, () => (rng.chance(0.3) ? rng.int(3) : 0)),
      tariffs,
    };
  });
}

const plan = (): FleetChargePlan => ({ action: new Uint8Array(VANS), targetWh: new Float64Array(VANS) });

describe('fleet charging scheduler in a worker thread', () => {
  it('answers every request with the in-thread plan', async () => {
    const init = { buffer: sharedScheduleBuffer(VANS, SITES), tariffs };
    const worker = await spawnNodeSchedulerWorker(init);
    const remote = new SharedFleetScheduler(init);
    const fallbacks: string[] = [];
    remote.onFallback = (why) => fallbacks.push(why);
    try {
      const a = plan();
      const b = plan();
      let needed = 0;
      for (const x of inputs(9, 200)) {
        remote.schedule(x, a);
        scheduleCharging(x, b);
        expect(Array.from(a.action)).toEqual(Array.from(b.action));
        expect(Array.from(a.targetWh)).toEqual(Array.from(b.targetWh));
        needed += a.action.filter((k) => k === 1).length;
      }
      expect(needed).toBeGreaterThan(0);
      expect(remote.where).toBe('worker');
      expect(fallbacks).toEqual([]);
    } finally {
      remote.close();
      worker.terminate();
    }
  });

  it('falls back to the caller’s thread, once and said, when no worker answers', () => {
    const remote = new SharedFleetScheduler({ buffer: sharedScheduleBuffer(VANS, SITES), tariffs }, 50);
    const fallbacks: string[] = [];
    remote.onFallback = (why) => fallbacks.push(why);
    const a = plan();
    const b = plan();
    for (const x of inputs(4, 3)) {
      remote.schedule(x, a);
      scheduleCharging(x, b);
      expect(Array.from(a.targetWh)).toEqual(Array.from(b.targetWh));
    }
    expect(remote.where).toBe('in-thread');
    expect(fallbacks).toEqual(["no answer from the charging scheduler worker within 0.05 s; scheduling in the simulation's thread from now on (same plans, no worker)"]);
  });

  it('falls back when a run has another fleet size than the worker was started for', () => {
    const remote = new SharedFleetScheduler({ buffer: sharedScheduleBuffer(VANS + 1, SITES), tariffs }, 50);
    const fallbacks: string[] = [];
    remote.onFallback = (why) => fallbacks.push(why);
    const a = plan();
    remote.schedule(inputs(2, 1)[0], a);
    expect(fallbacks[0]).toMatch(/40 vans, 5 sites; the worker was started for 41 and 5/);
  });
});
