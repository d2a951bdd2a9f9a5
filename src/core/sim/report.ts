import { chargeEvents, chargingReport, type ChargeEvent, type ChargingReport } from './chargingReport.ts';
import { computeKpis, type Kpis } from './kpi.ts';
import { dayCost, type CostBreakdown } from './cost.ts';
import { ParcelState } from './ParcelState.ts';
import type { Simulation } from './Simulation.ts';
import { VAN_STATUS_COUNT, VAN_STATUS_NAMES } from './VanStatus.ts';

export type ParcelOutcome = 'delivered' | 'failed' | 'pending';

/**
 * Why a parcel failed: `attempts-exhausted` — every attempt found no one (demand.maxAttempts) and
 * it goes back to the sender; `day-ended` — attempted, and the day ended before it was delivered.
 */
export type FailureReason = 'attempts-exhausted' | 'day-ended';
/** Where a pending parcel is at the end of the run (`at` names the facility or van). */
export type PendingPlace = 'not-released' | 'warehouse' | 'station' | 'van';

export interface ParcelRecord {
  readonly id: string;
  readonly status: ParcelOutcome;
  readonly deliveredAt?: number;
  readonly van?: string;
  readonly attempts: number;
  readonly onTime?: boolean;
  /** Failed parcels: why. */
  readonly reason?: FailureReason;
  /** Failed and pending parcels not returned to the sender: where they are. */
  readonly place?: PendingPlace;
  readonly at?: string;
}

export interface VanRecord {
  readonly id: string;
  readonly km: number;
  readonly energyKWh: number;
  readonly chargedKWh: number;
  readonly delivered: number;
  readonly tours: number;
  readonly finalBatteryKWh: number;
  /** Hours in each status. */
  readonly hours: Record<string, number>;
  /** Charging sessions, in order. */
  readonly charges: ChargeEvent[];
}

/** The run report: the CLI's contract (fields may be added, never removed). */
export interface RunReport {
  readonly scenario: string;
  readonly seed: number;
  readonly strategy: string;
  readonly simulatedSeconds: number;
  readonly wallSeconds: number;
  readonly kpis: Kpis & { readonly cost: number; readonly vansUsed: number; readonly late: number };
  /** The day's cost by component (scenario `costs` model). */
  readonly costs: CostBreakdown;
  readonly parcels: ParcelRecord[];
  readonly vans: VanRecord[];
  readonly chargers: { id: string; ports: number; powerKW: number; utilisation: number; maxQueue: number }[];
  readonly charging: ChargingReport;
  /** How the strategy decided: periodic re-plans, wall seconds spent in its decisions (0 unless the run was given a clock), stops moved between vans by re-plans. */
  readonly decisions: { readonly replans: number; readonly solverSeconds: number; readonly churn: number };
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;

/** Where a parcel not delivered (and not returned to the sender) is: a van, a station's stock, the warehouse, or not yet released. */
function placeOf(run: Simulation, p: number): { place: PendingPlace; at?: string } {
  const s = run.state;
  const st = s.parcelState[p];
  const facilities = s.world.city.facilities;
  if (st === ParcelState.OnVan) return { place: 'van', at: s.fleet.ids[s.parcelVan[p]] };
  if (st === ParcelState.Unreleased) return { place: 'not-released' };
  if (st === ParcelState.AtStation) {
    const k = s.stock.findIndex((list) => list.includes(p));
    return { place: 'station', ...(k >= 0 && { at: facilities[k].id }) };
  }
  if (st === ParcelState.Assigned) {
    // Reserved for a plan that did not start: still where the plan would have loaded it.
    for (let v = 0; v < s.fleet.size; v++) {
      for (const step of [...s.fleet.remainingPlan(v), ...(s.tails[v] ?? [])]) {
        if (step.kind === 'load' && step.parcels.includes(p)) return { place: facilities[step.facility].kind === 'warehouse' ? 'warehouse' : 'station', at: facilities[step.facility].id };
      }
    }
  }
  return { place: 'warehouse', at: facilities[0].id };
}

/** Build the report of a finished (or stopped) run. Everything but wallSeconds is deterministic. */
export function buildReport(run: Simulation, scenario: string, wallSeconds: number): RunReport {
  const sim = run.state;
  const P = sim.world.parcels;
  const f = sim.fleet;
  const k = computeKpis(sim, true);
  const parcels: ParcelRecord[] = [];
  for (let p = 0; p < P.count; p++) {
    const s = sim.parcelState[p];
    const status: ParcelOutcome = s === ParcelState.Delivered ? 'delivered' : s === ParcelState.Failed || sim.attempts[p] > 0 ? 'failed' : 'pending';
    const rec: ParcelRecord =
      status === 'delivered'
        ? {
            id: P.id[p],
            status,
            deliveredAt: r3(sim.deliveredAt[p]),
            van: f.ids[sim.deliveredBy[p]],
            attempts: sim.attempts[p],
            onTime: sim.deliveredAt[p] >= P.windowStartS[p] && sim.deliveredAt[p] <= P.windowEndS[p],
          }
        : { id: P.id[p], status, attempts: sim.attempts[p], ...(status === 'failed' && { reason: s === ParcelState.Failed ? ('attempts-exhausted' as const) : ('day-ended' as const) }), ...(s !== ParcelState.Failed && placeOf(run, p)) };
    parcels.push(rec);
  }
  const vans: VanRecord[] = [];
  const charges = chargeEvents(sim);
  for (let v = 0; v < f.size; v++) {
    const hours: Record<string, number> = {};
    for (let s = 0; s < VAN_STATUS_COUNT; s++) hours[VAN_STATUS_NAMES[s]] = r3(f.statusTimeS[v * VAN_STATUS_COUNT + s] / 3600);
    vans.push({
      id: f.ids[v],
      km: r3(f.odometerM[v] / 1000),
      energyKWh: r3(f.energyUsedWh[v] / 1000),
      chargedKWh: r3(f.energyChargedWh[v] / 1000),
      delivered: f.delivered[v],
      tours: f.tours[v],
      finalBatteryKWh: r3(f.socWh[v] / 1000),
      hours,
      charges: charges[v],
    });
  }
  const vansUsed = vans.filter((v) => v.km > 0).length;
  const late = parcels.filter((p) => p.status === 'delivered' && !p.onTime).length;
  const costs = roundAll(dayCost(k, vansUsed, late, sim.world.params.costs));
  const start = sim.world.params.dayStartS;
  const chargers = sim.world.city.facilities
    .map((fac, i) => ({ id: fac.id, ports: fac.chargerPorts, powerKW: fac.chargerKW, utilisation: r3(sim.chargerUtilisation(i)), maxQueue: sim.chargers.maxQueue[i] }))
    .filter((c) => c.ports > 0);
  return {
    scenario,
    seed: sim.seed,
    strategy: run.dispatcher.name,
    simulatedSeconds: r3(sim.now - start),
    wallSeconds,
    kpis: { ...roundAll(k), cost: costs.total, vansUsed, late },
    costs,
    parcels,
    vans,
    chargers,
    charging: chargingReport(sim),
    decisions: { replans: sim.decisions.replans, solverSeconds: r3(sim.decisions.solverSeconds), churn: sim.decisions.churn },
  };
}

function roundAll<T extends object>(k: T): T {
  const out: Record<string, number> = {};
  for (const [key, v] of Object.entries(k)) out[key] = Number.isInteger(v) ? v : r3(v as number);
  return out as T;
}
