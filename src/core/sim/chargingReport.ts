import { cheapestPrice } from '../charging/Tariff.ts';
import type { SimView } from './SimView.ts';

const r3 = (x: number) => Math.round(x * 1000) / 1000;

/** One charging site's day. */
export interface ChargingSiteRecord {
  readonly id: string;
  readonly ports: number;
  readonly powerKW: number;
  readonly limitKW: number;
  readonly peakKW: number;
  readonly energyKWh: number;
  readonly cost: number;
  readonly sessions: number;
  readonly waitMeanS: number;
  readonly waitP95S: number;
  readonly waitMaxS: number;
}

/** The run report's `charging` section. */
export interface ChargingReport {
  readonly policy: string;
  /** Energy to bring every van back to a full battery overnight, at the warehouse's cheapest price. */
  readonly overnightRefill: { readonly energyKWh: number; readonly pricePerKWh: number; readonly cost: number };
  readonly sites: ChargingSiteRecord[];
}

/** A van's charging session as the report lists it (times in s of the day, energies in kWh). */
export interface ChargeEvent {
  readonly site: string;
  readonly requestedAt: number;
  readonly startAt: number;
  readonly endAt: number;
  readonly fromKWh: number;
  readonly toKWh: number;
}

export function percentile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}

const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

/** Energy and cost of refilling every van overnight (vans start the day full), at the warehouse tariff's cheapest price. */
export function overnightRefill(sim: SimView): { energyWh: number; pricePerKWh: number; cost: number } {
  const { world, fleet } = sim;
  let wh = 0;
  for (let v = 0; v < fleet.size; v++) wh += Math.max(0, world.batteryWh - fleet.socWh[v]);
  const price = cheapestPrice(world.params.charging.tariffs[0]);
  return { energyWh: wh, pricePerKWh: price, cost: (wh / 1000) * price };
}

/** Charging KPIs of the run so far; with `final`, electricity cost includes tonight's refill. */
export function chargingKpis(sim: SimView, final: boolean) {
  const c = sim.chargers;
  let cost = 0;
  let peak = 0;
  let peakShare = 0;
  const waits: number[] = [];
  for (let f = 0; f < c.ports.length; f++) {
    if (c.ports[f] <= 0) continue;
    cost += c.cost[f];
    peak = Math.max(peak, c.peakKW[f]);
    peakShare = Math.max(peakShare, c.limitKW[f] > 0 ? c.peakKW[f] / c.limitKW[f] : 0);
    for (const w of c.waits[f]) waits.push(w);
  }
  let stranded = 0;
  for (let v = 0; v < sim.fleet.size; v++) if (sim.fleet.socWh[v] < 0) stranded++;
  return {
    strandedVans: stranded,
    electricityCost: cost + (final ? overnightRefill(sim).cost : 0),
    chargerWaitMeanS: mean(waits),
    chargerWaitP95S: percentile(waits, 0.95),
    chargingSessions: waits.length,
    peakSiteKW: peak,
    peakShareOfLimit: peakShare,
    lateByCharging: sim.lateByCharging,
    energyRepairs: sim.energyRepairs,
  };
}

export function chargingReport(sim: SimView): ChargingReport {
  const c = sim.chargers;
  const refill = overnightRefill(sim);
  const sites: ChargingSiteRecord[] = [];
  sim.world.city.facilities.forEach((fac, f) => {
    if (c.ports[f] <= 0) return;
    const w = c.waits[f];
    sites.push({
      id: fac.id,
      ports: c.ports[f],
      powerKW: c.powerKW[f],
      limitKW: r3(c.limitKW[f]),
      peakKW: r3(c.peakKW[f]),
      energyKWh: r3(c.energyWh[f] / 1000),
      cost: r3(c.cost[f]),
      sessions: w.length,
      waitMeanS: r3(mean(w)),
      waitP95S: r3(percentile(w, 0.95)),
      waitMaxS: r3(w.length ? Math.max(...w) : 0),
    });
  });
  return { policy: sim.world.params.charging.policy, overnightRefill: { energyKWh: r3(refill.energyWh / 1000), pricePerKWh: refill.pricePerKWh, cost: r3(refill.cost) }, sites };
}

/** Each van's charging sessions, in order. */
export function chargeEvents(sim: SimView): ChargeEvent[][] {
  const out: ChargeEvent[][] = Array.from({ length: sim.fleet.size }, () => []);
  const s = sim.chargers.sessions;
  const facilities = sim.world.city.facilities;
  for (let i = 0; i < s.length; i += 7) {
    out[s[i]].push({ site: facilities[s[i + 1]].id, requestedAt: r3(s[i + 2]), startAt: r3(s[i + 3]), endAt: r3(s[i + 4]), fromKWh: r3(s[i + 5] / 1000), toKWh: r3(s[i + 6] / 1000) });
  }
  return out;
}
