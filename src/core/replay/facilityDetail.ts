import type { City } from '../city/City.ts';
import type { RoadGraph } from '../network/RoadGraph.ts';
import { VanStatus } from '../sim/VanStatus.ts';
import { FACILITY_FIELDS, ROW_FACILITIES, type KpiSeries } from './KpiSeries.ts';
import { newPose, vanAt } from './sampleTimeline.ts';
import { STATUS_STRIDE, S_T, type Timeline } from './Timeline.ts';

export interface FacilityDetail {
  readonly facility: number;
  readonly id: string;
  readonly kind: 'warehouse' | 'station' | 'hub';
  readonly t: number;
  readonly ports: number;
  readonly powerKW: number;
  /** Vans on a charging port now. */
  readonly charging: string[];
  /** Vans waiting for a port, first come first served, with how long they have waited (s). */
  readonly queue: { readonly id: string; readonly waitedS: number }[];
  /** Parcels in stock here (at a station: waiting for a tour; at the warehouse: all not yet line-hauled). */
  readonly stock: number;
  /** Parcels at the warehouse bound for this station. */
  readonly backlog: number;
  /** Vans parked here (any state but driving). */
  readonly parked: number;
  /** Share of port time in use from the start of the day to t. */
  readonly utilisation: number;
}

/**
 * What a charger or station panel shows at time t: who is charging and who queues (from the van
 * poses at t, queue order by when each started waiting), stock and backlog (from the sampled
 * series), and the ports' utilisation so far.
 */
export function facilityDetail(tl: Timeline, city: City, kpis: KpiSeries | null, ids: readonly string[], f: number, t: number): FacilityDetail {
  const fac = city.facilities[f];
  const g: RoadGraph = city.graph;
  const pose = newPose();
  const charging: string[] = [];
  const waiting: { id: string; since: number }[] = [];
  let parked = 0;
  for (let v = 0; v < tl.vanCount; v++) {
    vanAt(tl, g, v, t, pose);
    if (pose.node !== fac.node) continue;
    parked++;
    if (pose.status === VanStatus.Charging) charging.push(ids[v]);
    else if (pose.status === VanStatus.WaitingCharger) waiting.push({ id: ids[v], since: tl.status[v][tl.statusIndexAt(v, t) * STATUS_STRIDE + S_T] });
  }
  waiting.sort((a, b) => a.since - b.since || a.id.localeCompare(b.id));
  let stock = 0;
  let backlog = 0;
  let utilisation = 0;
  if (kpis && kpis.count > 0) {
    const row = kpis.rowAt(t);
    const base = ROW_FACILITIES + FACILITY_FIELDS * f;
    stock = f === 0 ? totalBacklog(kpis, row, city.facilities.length) : kpis.get(row, base + 2);
    backlog = kpis.get(row, base + 3);
    let busy = 0;
    for (let i = 0; i <= row; i++) busy += kpis.get(i, base);
    utilisation = fac.chargerPorts > 0 ? busy / (row + 1) / fac.chargerPorts : 0;
  }
  return {
    facility: f,
    id: fac.id,
    kind: fac.kind,
    t,
    ports: fac.chargerPorts,
    powerKW: fac.chargerKW,
    charging,
    queue: waiting.map((w) => ({ id: w.id, waitedS: t - w.since })),
    stock,
    backlog,
    parked,
    utilisation,
  };
}

/** Everything at the warehouse: the backlogs of all stations. */
function totalBacklog(kpis: KpiSeries, row: number, facilities: number): number {
  let n = 0;
  for (let i = 0; i < facilities; i++) n += kpis.get(row, ROW_FACILITIES + FACILITY_FIELDS * i + 3);
  return n;
}
