import { useCallback } from 'react';
import type { SimClient } from '../simClient.ts';
import { usePoll } from './usePoll.ts';
import { STATUS_LEGEND } from '../statusColors.ts';

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const sameFrame = (a: { version: number }, b: { version: number }) => a.version === b.version;

/** Live KPIs at the displayed moment and the fleet's state mix, refreshed four times a second. */
export function KpiPanel({ client, synthetic }: { client: SimClient; synthetic: boolean }) {
  const read = useCallback(() => {
    const counts = STATUS_LEGEND.map((_, i) => client.statusCount(i));
    return { k: client.kpis(), counts, finished: client.finished, version: client.frameVersion };
  }, [client]);
  const { k, counts, finished } = usePoll(read, 400, sameFrame);
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
      {!synthetic && (
        <>
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
        </>
      )}
      {synthetic && <p className="sub">Synthetic benchmark fleet: random routes, no dispatcher, no KPIs.</p>}
      <h2>Fleet</h2>
      <ul className="legend">
        {STATUS_LEGEND.map((s, i) => (
          <li key={s.name}>
            <i style={{ background: s.color }} />
            {s.name}
            <b data-status={s.name}>{counts[i]}</b>
          </li>
        ))}
      </ul>
    </aside>
  );
}
