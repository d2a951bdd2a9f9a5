import type { ChargerDetail } from '../../core/replay/chargerDetail.ts';
import type { FacilityDetail } from '../../core/replay/facilityDetail.ts';
import { placeName } from '../../core/replay/story.ts';
import { SitePowerChart } from './SitePowerChart.tsx';

const minutes = (s: number) => `${Math.max(0, Math.round(s / 60))} min`;
const pct = (x: number) => `${Math.round(x * 100)} %`;
const kw = (x: number) => `${x.toFixed(x < 10 ? 1 : 0)} kW`;

interface Props {
  readonly detail: FacilityDetail;
  /** Its chargers at the same moment (null without ports). */
  readonly charger: ChargerDetail | null;
  /** The chart's time axis: the working day. */
  readonly dayStartS: number;
  readonly dayEndS: number;
  onClose(): void;
}

/**
 * The selected charger site or station at the displayed moment: stock and backlog, ports in use
 * and the queue with each van's state of charge, the site's draw against its grid limit with the
 * tariff behind it, peak, energy and cost so far.
 */
export function FacilityPanel({ detail: d, charger: c, dayStartS, dayEndS, onClose }: Props) {
  const charging = c ? c.charging : d.charging.map((id) => ({ id, soc: NaN, kW: NaN }));
  const queue = c ? c.queue : d.queue.map((q) => ({ ...q, soc: NaN }));
  return (
    <aside className="panel selection facility-panel" data-testid="facility-panel">
      <header>
        <h2>
          {d.kind === 'warehouse' ? 'Warehouse' : placeName(d.id)}
          {d.kind === 'hub' && <small className="state">charging hub</small>}
        </h2>
        <button type="button" className="close" onClick={onClose} aria-label="Close">
          ×
        </button>
      </header>
      <dl className="facts">
        {d.kind !== 'hub' && (
          <>
            <dt>{d.kind === 'warehouse' ? 'Parcels waiting' : 'Stock'}</dt>
            <dd data-testid="facility-stock">{d.stock} parcels</dd>
          </>
        )}
        {d.kind === 'station' && (
          <>
            <dt>At the warehouse for it</dt>
            <dd>{d.backlog} parcels</dd>
          </>
        )}
        <dt>Vans here</dt>
        <dd>{d.parked}</dd>
        <dt>Chargers</dt>
        <dd data-testid="facility-chargers">{d.ports > 0 ? `${d.charging.length} of ${d.ports} × ${d.powerKW} kW in use · ${(d.utilisation * 100).toFixed(0)} % used so far today` : 'none'}</dd>
        {c && (
          <>
            <dt>Grid</dt>
            <dd data-testid="charger-grid">
              now {kw(c.drawKW)} · limit {kw(c.limitKW)} · peak {kw(c.peakKW)}
            </dd>
            <dt>So far today</dt>
            <dd data-testid="charger-energy">
              {c.energyKWh.toFixed(1)} kWh · cost {c.cost.toFixed(2)}
            </dd>
          </>
        )}
      </dl>
      {c && <SitePowerChart detail={c} startS={dayStartS} endS={dayEndS} />}
      {d.ports > 0 && (
        <>
          <h3>
            Charging <small>{charging.length === 0 ? 'no van' : `${charging.length} ${charging.length === 1 ? 'van' : 'vans'}`}</small>
          </h3>
          {charging.length > 0 && (
            <ol className="queue charging" data-testid="facility-charging">
              {charging.map((v) => (
                <li key={v.id}>
                  {v.id} {Number.isFinite(v.soc) && <SocBar soc={v.soc} />} {Number.isFinite(v.kW) && <small>{kw(v.kW)}</small>}
                </li>
              ))}
            </ol>
          )}
        </>
      )}
      <h3>Queue</h3>
      {queue.length === 0 ? (
        <p className="sub" data-testid="facility-queue">
          Nobody waiting.
        </p>
      ) : (
        <ol className="queue" data-testid="facility-queue">
          {queue.map((q) => (
            <li key={q.id}>
              {q.id} {Number.isFinite(q.soc) && <SocBar soc={q.soc} />} <small>waiting {minutes(q.waitedS)}</small>
            </li>
          ))}
        </ol>
      )}
    </aside>
  );
}

/** State of charge as a small bar and its percentage. */
function SocBar({ soc }: { soc: number }) {
  return (
    <span className="soc" title={`state of charge ${pct(soc)}`}>
      <meter min={0} max={1} low={0.3} high={0.8} optimum={1} value={soc} /> {pct(soc)}
    </span>
  );
}
