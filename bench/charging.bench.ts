/**
 * `npm run bench -- charging [--vans N] [--sites N] [--decisions N] [--seed N]`
 *
 * One decision of the fleet charging scheduler (the `scheduled` policy's scheduleCharging) for a
 * fleet of 300 vans and 30 charging sites by default, each with a time-of-use tariff: every van's
 * state of charge, site, reserve, next trip and rest-of-day energy drawn from a seeded stream, a
 * new moment of the day per decision. The threshold rule over the same inputs runs side by side
 * (the baseline it replaces), and the same scheduler in its own worker thread, asked synchronously
 * over shared memory as the simulation asks it (src/core/charging/sharedSchedule.ts): the round
 * trip is the price of keeping it off the simulation's thread. Issue 11's target: one decision in
 * under 20 ms. Writes
 * bench/results/charging-scheduler-<vans>x<sites>.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs, type FlagSpec } from '../src/cli/args.ts';
import { scheduleCharging, type FleetChargeInput, type FleetChargePlan } from '../src/core/charging/scheduleCharging.ts';
import { tariffFrom } from '../src/core/charging/Tariff.ts';
import { SharedFleetScheduler, sharedScheduleBuffer } from '../src/core/charging/sharedSchedule.ts';
import { spawnNodeSchedulerWorker } from '../workers/chargingWorker.node.ts';
import { Rng } from '../src/core/util/rng.ts';

const spec = {
  vans: { type: 'number', help: 'vans (default 300)' },
  sites: { type: 'number', help: 'charging sites (default 30)' },
  decisions: { type: 'number', help: 'timed decisions (default 2000)' },
  seed: { type: 'number', help: 'seed (default 5)' },
} satisfies Record<string, FlagSpec>;

export async function main(argv: string[]): Promise<void> {
  const args = parseArgs(argv, spec);
  const vans = (args.flags.vans as number | undefined) ?? 300;
  const sites = (args.flags.sites as number | undefined) ?? 30;
  const decisions = (args.flags.decisions as number | undefined) ?? 2000;
  const rng = new Rng((args.flags.seed as number | undefined) ?? 5);
  const C = 28_834;
  const tariffs = Array.from({ length: sites }, (_, f) =>
    tariffFrom([
      { fromS: 0, pricePerKWh: 0.12 },
      { fromS: 7 * 3600, pricePerKWh: 0.22 },
      { fromS: (10 + (f % 3)) * 3600, pricePerKWh: 0.34 },
      { fromS: 15 * 3600, pricePerKWh: 0.22 },
      { fromS: 17 * 3600, pricePerKWh: 0.55 },
      { fromS: 21 * 3600, pricePerKWh: 0.22 },
      { fromS: 23 * 3600, pricePerKWh: 0.12 },
    ]),
  );
  const inputs: FleetChargeInput[] = Array.from({ length: 64 }, () => {
    const ports = Int32Array.from({ length: sites }, () => 1 + rng.int(6));
    return {
      now: 6 * 3600 + rng.range(0, 15 * 3600),
      dayEndS: 21 * 3600,
      batteryWh: C,
      maxTargetWh: 0.9 * C,
      socWh: Float64Array.from({ length: vans }, () => rng.range(0.05, 1) * C),
      site: Int32Array.from({ length: vans }, () => (rng.chance(0.6) ? rng.int(sites) : -1)),
      keepWh: Float64Array.from({ length: vans }, () => rng.range(0.08, 0.12) * C),
      nextTripWh: Float64Array.from({ length: vans }, () => rng.range(0.05, 0.3) * C),
      restOfDayWh: Float64Array.from({ length: vans }, () => rng.range(0, 0.8) * C),
      ports,
      busy: Int32Array.from(ports, (p) => rng.int(p + 1)),
      queued: Int32Array.from({ length: sites }, () => (rng.chance(0.2) ? rng.int(4) : 0)),
      tariffs,
    };
  });
  const out: FleetChargePlan = { action: new Uint8Array(vans), targetWh: new Float64Array(vans) };
  const threshold = (x: FleetChargeInput) => {
    for (let v = 0; v < vans; v++) {
      const low = x.socWh[v] < 0.3 * C;
      out.action[v] = low ? 1 : x.site[v] >= 0 && x.socWh[v] < 0.9 * C ? 2 : 0;
      out.targetWh[v] = low || out.action[v] ? 0.9 * C : x.socWh[v];
    }
  };
  const time = (f: (x: FleetChargeInput) => void) => {
    for (let i = 0; i < 500; i++) f(inputs[i % inputs.length]); // warm-up
    const ms = new Float64Array(decisions);
    for (let i = 0; i < decisions; i++) {
      const t0 = performance.now();
      f(inputs[i % inputs.length]);
      ms[i] = performance.now() - t0;
    }
    ms.sort();
    return { p50Ms: round(ms[Math.floor(decisions * 0.5)]), p95Ms: round(ms[Math.floor(decisions * 0.95)]), maxMs: round(ms[decisions - 1]) };
  };
  const scheduled = time((x) => scheduleCharging(x, out));
  const baseline = time(threshold);
  const init = { buffer: sharedScheduleBuffer(vans, sites), tariffs };
  const worker = await spawnNodeSchedulerWorker(init);
  const remote = new SharedFleetScheduler(init);
  let mismatches = 0;
  const check: FleetChargePlan = { action: new Uint8Array(vans), targetWh: new Float64Array(vans) };
  const inWorker = time((x) => remote.schedule(x, out));
  for (const x of inputs) {
    remote.schedule(x, out);
    scheduleCharging(x, check);
    for (let v = 0; v < vans; v++) if (out.action[v] !== check.action[v] || out.targetWh[v] !== check.targetWh[v]) mismatches++;
  }
  remote.close();
  worker.terminate();
  if (remote.where !== 'worker' || mismatches > 0) throw new Error(`charging bench: the worker's plans differ from in-thread ones (${mismatches} vans) or it fell back`);
  const result = { vans, sites, decisions, scheduled, scheduledInWorker: inWorker, threshold: baseline, targetMs: 20, met: inWorker.p95Ms < 20 };
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  const file = `charging-scheduler-${vans}x${sites}.json`;
  writeFileSync(new URL(`./results/${file}`, import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(
    `| policy | vans | sites | p50 ms | p95 ms | max ms |\n|---|---:|---:|---:|---:|---:|\n` +
      `| scheduled (scheduleCharging) | ${vans} | ${sites} | ${scheduled.p50Ms} | ${scheduled.p95Ms} | ${scheduled.maxMs} |\n` +
      `| scheduled, in its worker thread (round trip) | ${vans} | ${sites} | ${inWorker.p50Ms} | ${inWorker.p95Ms} | ${inWorker.maxMs} |\n` +
      `| threshold rule | ${vans} | ${sites} | ${baseline.p50Ms} | ${baseline.p95Ms} | ${baseline.maxMs} |\n` +
      `target: one decision < 20 ms: ${result.met ? 'met' : 'MISSED'}; wrote bench/results/${file}\n`,
  );
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
