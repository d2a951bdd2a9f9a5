import { chargePowerW, energyAfterS } from '../charging/chargeCurve.ts';
import { nextChangeAfter, priceAt, type Tariff } from '../charging/Tariff.ts';
import type { Facility } from '../city/City.ts';
import { VanStatus } from '../sim/VanStatus.ts';
import { SETTLED_STRIDE, type ChargingTrace } from './ChargingTrace.ts';
import { lastAtOrBefore, S_SOC, S_STATUS, S_T, S_WHERE, STATUS_STRIDE, type Timeline } from './Timeline.ts';

export interface ChargingVan {
  readonly id: string;
  /** State of charge at t, share of the battery (0..1). */
  readonly soc: number;
  /** What it draws from the site at t (the charging curve tapers above 80 %), kW. */
  readonly kW: number;
}

export interface QueuedVan {
  readonly id: string;
  readonly soc: number;
  readonly waitedS: number;
}

/** A charger site at time t: who charges and who waits, and its draw over the day up to t against its limit and tariff. */
export interface ChargerDetail {
  readonly facility: number;
  readonly t: number;
  readonly ports: number;
  readonly portKW: number;
  readonly limitKW: number;
  /** Highest draw, energy delivered and its cost, from the start of the day to t. */
  readonly peakKW: number;
  readonly energyKWh: number;
  readonly cost: number;
  readonly drawKW: number;
  readonly charging: ChargingVan[];
  /** In the order they started waiting. */
  readonly queue: QueuedVan[];
  /** The site's draw as a step function: from drawT[i] on it is drawKWs[i] kW, up to t (the last point is t). */
  readonly drawT: Float64Array;
  readonly drawKWs: Float32Array;
  /** The site's tariff: from tariffFromS[i] (s of the day, repeating daily) the price is tariffPrice[i] per kWh. */
  readonly tariffFromS: Float64Array;
  readonly tariffPrice: Float64Array;
}

/** State of charge at t of a van that started charging at t0 with soc0 (Wh), through its recorded allocations. */
function socWhileCharging(kwLog: readonly number[], t0: number, soc0: number, t: number, batteryWh: number): { wh: number; kw: number } {
  let i = lastAtOrBefore(kwLog, 2, t0);
  let e = soc0;
  let s = t0;
  let kw = i >= 0 ? kwLog[2 * i + 1] : 0;
  for (i++; i < kwLog.length / 2 && kwLog[2 * i] <= t; i++) {
    if (kw > 0) e = energyAfterS(e, kwLog[2 * i] - s, batteryWh, kw);
    s = kwLog[2 * i];
    kw = kwLog[2 * i + 1];
  }
  if (kw > 0) e = energyAfterS(e, t - s, batteryWh, kw);
  return { wh: e, kw };
}

/**
 * What the charger panel shows at time t (any recorded moment): the vans plugged in and queued
 * with their state of charge (from the timeline's status events and the recorded allocations,
 * under the one charging curve), the site's draw up to t, and peak, energy and cost so far (the
 * engine's settled figures at the site's last change before t, plus what the vans plugged in took since).
 */
export function chargerDetail(
  tl: Timeline,
  trace: ChargingTrace,
  fac: Facility,
  f: number,
  tariff: Tariff,
  batteryWh: number,
  ids: readonly string[],
  t: number,
): ChargerDetail {
  const charging: ChargingVan[] = [];
  const sessions: { v: number; t0: number; soc0: number }[] = [];
  const waiting: { id: string; since: number; soc: number }[] = [];
  for (let v = 0; v < tl.vanCount; v++) {
    const i = tl.statusIndexAt(v, t);
    if (i < 0) continue;
    const st = tl.status[v];
    const o = i * STATUS_STRIDE;
    if (st[o + S_WHERE] !== fac.node) continue;
    const status = st[o + S_STATUS];
    if (status === VanStatus.Charging) {
      const { wh, kw } = socWhileCharging(trace.vanKW[v], st[o + S_T], st[o + S_SOC], t, batteryWh);
      sessions.push({ v, t0: st[o + S_T], soc0: st[o + S_SOC] });
      charging.push({ id: ids[v], soc: wh / batteryWh, kW: kw > 0 ? chargePowerW(wh, batteryWh, kw) / 1000 : 0 });
    } else if (status === VanStatus.WaitingCharger) waiting.push({ id: ids[v], since: st[o + S_T], soc: st[o + S_SOC] / batteryWh });
  }
  waiting.sort((a, b) => a.since - b.since || a.id.localeCompare(b.id));
  charging.sort((a, b) => a.id.localeCompare(b.id));

  const log = trace.siteLog[f];
  const n = lastAtOrBefore(log, 2, t) + 1;
  const drawT = new Float64Array(n + 1);
  const drawKWs = new Float32Array(n + 1);
  let peak = 0;
  for (let i = 0; i < n; i++) {
    drawT[i] = log[2 * i];
    drawKWs[i] = log[2 * i + 1];
    if (log[2 * i + 1] > peak) peak = log[2 * i + 1];
  }
  const drawKW = n > 0 ? log[2 * (n - 1) + 1] : 0;
  drawT[n] = t;
  drawKWs[n] = drawKW;

  // The engine settled the site at its last change before t; the vans plugged in since then are the ones plugged in now.
  const settled = trace.settled[f];
  const c = lastAtOrBefore(settled, SETTLED_STRIDE, t);
  const from = c >= 0 ? settled[c * SETTLED_STRIDE] : tl.startS;
  let energyWh = c >= 0 ? settled[c * SETTLED_STRIDE + 1] : 0;
  let cost = c >= 0 ? settled[c * SETTLED_STRIDE + 2] : 0;
  for (const s of sessions) {
    const socAt = (u: number) => socWhileCharging(trace.vanKW[s.v], s.t0, s.soc0, u, batteryWh).wh;
    // Split at the tariff's price changes, as the engine does.
    let a = Math.max(from, s.t0);
    let ea = socAt(a);
    while (a < t) {
      const b = Math.min(t, nextChangeAfter(tariff, a));
      const eb = socAt(b);
      energyWh += eb - ea;
      cost += ((eb - ea) / 1000) * priceAt(tariff, a);
      a = b;
      ea = eb;
    }
  }
  return {
    facility: f,
    t,
    ports: fac.chargerPorts,
    portKW: fac.chargerKW,
    limitKW: fac.chargerLimitKW,
    peakKW: peak,
    energyKWh: energyWh / 1000,
    cost,
    drawKW,
    charging,
    queue: waiting.map((w) => ({ id: w.id, soc: w.soc, waitedS: t - w.since })),
    drawT,
    drawKWs,
    tariffFromS: Float64Array.from(tariff.fromS),
    tariffPrice: Float64Array.from(tariff.pricePerKWh),
  };
}

/** The typed arrays of a detail, for transfer to the page. */
export function chargerDetailTransferables(d: ChargerDetail): ArrayBuffer[] {
  return [d.drawT.buffer, d.drawKWs.buffer, d.tariffFromS.buffer, d.tariffPrice.buffer] as ArrayBuffer[];
}
