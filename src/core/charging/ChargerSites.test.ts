import { describe, expect, it } from 'vitest';
import type { Facility } from '../city/City.ts';
import { chargeTimeS } from './chargeCurve.ts';
import { ChargerSites } from './ChargerSites.ts';
import { equalShare, urgentFirst, type PowerAllocator } from './PowerAllocator.ts';
import { flatTariff, tariffFrom } from './Tariff.ts';

const C = 30_000;
const site = (ports: number, kw: number, limit: number): Facility => ({ id: 'S', kind: 'station', node: 0, x: 0, y: 0, chargerPorts: ports, chargerKW: kw, chargerLimitKW: limit });

function sites(f: Facility, vans: number, allocator: PowerAllocator = equalShare, tariff = flatTariff(0.2)) {
  const soc = new Float64Array(vans).fill(0.2 * C);
  const charged = new Float64Array(vans);
  const cs = new ChargerSites([f], 0, [tariff], C, 60, allocator, soc, charged);
  const done = new Map<number, number>();
  cs.onSchedule = (v, t) => done.set(v, t);
  return { cs, soc, charged, done };
}

describe('charger sites', () => {
  it('charges one van at port power under the curve, for the hand-computed time and cost', () => {
    const { cs, soc, done } = sites(site(2, 40, 80), 1);
    expect(cs.request(0, 0, 100, 0.8 * C, true)).toBe(true);
    // 0.2 → 0.8 of 30 kWh = 18 kWh at 40 kW = 0.45 h = 1620 s; 18 kWh × 0.2 = 3.6
    expect(done.get(0)).toBeCloseTo(100 + 1620, 6);
    cs.finish(0, done.get(0)!);
    expect(soc[0]).toBeCloseTo(0.8 * C, 6);
    expect(cs.cost[0]).toBeCloseTo(3.6, 6);
    expect(cs.peakKW[0]).toBeCloseTo(40, 9);
  });

  it('splits the grid limit among the vans plugged in and never draws above it', () => {
    const { cs, done } = sites(site(3, 40, 60), 3);
    cs.request(0, 0, 0, 0.7 * C, true);
    expect(done.get(0)).toBeCloseTo(chargeTimeS(0.2 * C, 0.7 * C, C, 40), 6);
    cs.request(0, 1, 600, 0.7 * C, true);
    // Both now get 30 kW; van 0 has 600 s × 40 kW = 6.667 kWh aboard already.
    expect(cs.powerOf(0)).toBe(30);
    expect(cs.powerOf(1)).toBe(30);
    expect(done.get(1)).toBeCloseTo(600 + chargeTimeS(0.2 * C, 0.7 * C, C, 30), 6);
    expect(cs.peakKW[0]).toBeLessThanOrEqual(60 + 1e-9);
    cs.request(0, 2, 700, 0.7 * C, true);
    expect(cs.powerOf(2)).toBe(20);
    expect(cs.peakKW[0]).toBeLessThanOrEqual(60 + 1e-9);
  });

  it('queues beyond the ports, hands the freed port on, and records the wait', () => {
    const { cs, done } = sites(site(1, 40, 40), 2);
    cs.request(0, 0, 0, 0.5 * C, true);
    expect(cs.request(0, 1, 10, 0.5 * C, true)).toBe(false);
    expect(cs.queues[0]).toEqual([1]);
    const t = done.get(0)!;
    expect(cs.finish(0, t)).toBe(1);
    expect(cs.waits[0]).toEqual([0, t - 10]);
    expect(cs.sessions.slice(0, 7)).toEqual([0, 0, 0, 0, t, 0.2 * C, 0.5 * C]);
  });

  it('gives urgent charges the power and the next port first (scheduled policy)', () => {
    const { cs } = sites(site(2, 40, 50), 4, urgentFirst);
    cs.request(0, 0, 0, 0.9 * C, false); // a top-up
    cs.request(0, 1, 0, 0.6 * C, true); // needed
    expect(cs.powerOf(1)).toBe(40);
    expect(cs.powerOf(0)).toBe(10);
    cs.request(0, 2, 5, 0.9 * C, false);
    cs.request(0, 3, 6, 0.6 * C, true);
    expect(cs.stop(0, 100)).toBe(3); // the urgent van jumps the top-up queued before it
  });

  it('prices energy by the tariff, split exactly where the price changes', () => {
    const tou = tariffFrom([{ fromS: 0, pricePerKWh: 0.1 }, { fromS: 3600, pricePerKWh: 0.5 }]);
    const { cs, done } = sites(site(1, 36, 36), 1, equalShare, tou);
    cs.request(0, 0, 1800, 0.8 * C, true); // 36 kW: 18 kWh before 01:00 at 0.1, the rest after at 0.5
    cs.finish(0, done.get(0)!);
    expect(cs.energyWh[0]).toBeCloseTo(0.6 * C, 6);
    expect(cs.cost[0]).toBeCloseTo(18 * 0.1 + (18 - 18) * 0.5, 6);
    const more = sites(site(1, 36, 36), 1, equalShare, tou);
    more.soc[0] = 0;
    more.cs.request(0, 0, 1800, 0.8 * C, true); // 24 kWh: 18 at 0.1, 6 at 0.5
    more.cs.finish(0, more.done.get(0)!);
    expect(more.cs.cost[0]).toBeCloseTo(18 * 0.1 + 6 * 0.5, 6);
  });
});
