import { useEffect, useRef } from 'react';
import type { Kpis } from '../../core/sim/kpi.ts';
import type { SimClient } from '../simClient.ts';
import { STATUS_LEGEND } from '../statusColors.ts';

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

const ROWS: readonly [label: string, key: keyof Kpis, format: (k: Kpis) => string][] = [
  ['Delivered', 'delivered', (k) => `${k.delivered}`],
  ['Failed', 'failed', (k) => `${k.failed}`],
  ['Pending', 'pending', (k) => `${k.pending}`],
  ['On time', 'onTimeRate', (k) => pct(k.onTimeRate)],
  ['Van-km', 'vanKm', (k) => k.vanKm.toFixed(1)],
  ['Energy', 'energyKWh', (k) => `${k.energyKWh.toFixed(1)} kWh`],
  ['Utilisation', 'utilisation', (k) => pct(k.utilisation)],
  ['Electricity cost', 'electricityCost', (k) => k.electricityCost.toFixed(2)],
  ['Charger wait (mean)', 'chargerWaitMeanS', (k) => `${(k.chargerWaitMeanS / 60).toFixed(1)} min`],
  ['Peak site draw', 'peakSiteKW', (k) => `${k.peakSiteKW.toFixed(0)} kW`],
];

/** Write text into an element only if it changed (a paused clock touches nothing). */
function put(el: HTMLElement | null | undefined, text: string): void {
  if (el && el.textContent !== text) el.textContent = text;
}

/**
 * Live KPIs at the displayed moment and the fleet's state mix. The panel is rendered once; its
 * figures are written straight into the DOM a few times a second from the latest frame, so
 * playback causes no React renders at all.
 */
export function KpiPanel({ client, synthetic }: { client: SimClient; synthetic: boolean }) {
  const values = useRef<(HTMLElement | null)[]>([]);
  const counts = useRef<(HTMLElement | null)[]>([]);
  const sub = useRef<HTMLParagraphElement>(null);
  const done = useRef<HTMLElement>(null);
  useEffect(() => {
    let seen = -1;
    const update = () => {
      if (client.frameVersion === seen) return;
      seen = client.frameVersion;
      const k = client.kpis();
      if (k) {
        ROWS.forEach(([, , format], i) => put(values.current[i], format(k)));
        put(sub.current, `of ${k.parcels} parcels: ${k.atWarehouse} at the warehouse, ${k.atStations} at stations, ${k.onVans} on vans`);
      }
      STATUS_LEGEND.forEach((_, i) => put(counts.current[i], String(client.statusCount(i))));
      if (done.current) {
        done.current.hidden = !client.finished;
        // A run that stopped part-way (a strategy failed) has ended too, but not the day.
        const stopped = client.info ? client.stoppedRun(client.info.runId) !== null : false;
        put(done.current, stopped ? 'run stopped' : 'day complete');
        done.current.classList.toggle('stopped', stopped);
      }
    };
    update();
    const id = setInterval(update, 400);
    return () => clearInterval(id);
  }, [client]);
  return (
    <aside className="panel kpis" data-testid="kpis">
      {!synthetic && (
        <>
          <h2>
            Today{' '}
            <em className="done" ref={done} hidden>
              day complete
            </em>
          </h2>
          <dl>
            {ROWS.map(([label, key], i) => (
              <div key={key} className="kpi">
                <dt>{label}</dt>
                <dd data-kpi={key} ref={(el) => void (values.current[i] = el)}>
                  …
                </dd>
              </div>
            ))}
          </dl>
          <p className="sub" ref={sub} />
        </>
      )}
      {synthetic && <p className="sub">Synthetic benchmark fleet: random routes, no dispatcher, no KPIs.</p>}
      <h2>Fleet</h2>
      <ul className="legend">
        {STATUS_LEGEND.map((s, i) => (
          <li key={s.name}>
            <i style={{ background: s.color }} />
            {s.name}
            <b data-status={s.name} ref={(el) => void (counts.current[i] = el)}>
              0
            </b>
          </li>
        ))}
      </ul>
    </aside>
  );
}
