import { useCallback } from 'react';
import type { SimClient } from '../simClient.ts';
import { usePoll } from './usePoll.ts';
import { VAN_STRIDE } from '../../core/sim/snapshot.ts';
import { STATUS_LEGEND } from '../statusColors.ts';

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

/** Live KPIs and the fleet's state mix, refreshed four times a second. */
export function KpiPanel({ client }: { client: SimClient }) {
  const read = useCallback(() => {
    const f = client.cur;
    const counts = new Array(STATUS_LEGEND.length).fill(0);
    if (f) for (let k = 3; k < f.vans.length; k += VAN_STRIDE) counts[f.vans[k]]++;
    return { k: f?.kpis, counts, finished: f?.finished ?? false };
  }, [client]);
  const { k, counts, finished } = usePoll(read);
  if (!k) return <aside className="panel kpis">Starting…</aside>;
  const rows: [string, string, string][] = [
    ['Delivered', `${k.delivered}`, 'delivered'],
    ['Failed', `${k.failed}`, 'failed'],
    ['Pending', `${k.pending}`, 'pending'],
    ['On time', pct(k.onTimeRate), 'onTimeRate'],
    ['Van-km', k.vanKm.toFixed(1), 'vanKm'],
    ['Energy', `${k.energyKWh.toFixed(1)} kWh`, 'energyKWh'],
    ['Utilisation', pct(k.utilisation), 'utilisation'],
  ];
  return (
    <aside className="panel kpis" data-testid="kpis">
      <h2>
        Today {finished && <em className="done">day complete</em>}
      </h2>
      <dl>
        {rows.map(([label, value, key]) => (
          <div key={key} className="kpi">
            <dt>{label}</dt>
            <dd data-kpi={key}>{value}</dd>
          </div>
        ))}
      </dl>
      <p className="sub">
        of {k.parcels} parcels: {k.atWarehouse} at the warehouse, {k.atStations} at stations, {k.onVans} on vans
      </p>
      <h2>Fleet</h2>
      <ul className="legend">
        {STATUS_LEGEND.map((s, i) => (
          <li key={s.name}>
            <i style={{ background: s.color }} />
            {s.name}
            <b>{counts[i]}</b>
          </li>
        ))}
      </ul>
    </aside>
  );
}
