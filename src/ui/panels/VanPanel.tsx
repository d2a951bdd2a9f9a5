import type { VanDetail } from '../../core/replay/vanDetail.ts';
import { placeName } from '../../core/replay/story.ts';
import { VAN_STATUS_NAMES } from '../../core/sim/VanStatus.ts';
import { formatClock } from '../../core/util/clock.ts';
import { STATUS_COLORS } from '../statusColors.ts';

interface Props {
  readonly detail: VanDetail;
  readonly follow: boolean;
  onFollow(on: boolean): void;
  onClose(): void;
}

const STOP_VERB = { load: 'Load', unload: 'Unload', handover: 'Hand over', charge: 'Charge' } as const;

/**
 * The selected van: state, battery with range, load against capacity, the dispatcher's decision
 * behind its current work (kind and reason), and that plan's stops with their promised windows
 * and arrival times (recorded — exact for stops still ahead too) and outcomes.
 */
export function VanPanel({ detail: d, follow, onFollow, onClose }: Props) {
  const soc = d.socWh / d.batteryWh;
  const next = d.stops.findIndex((s) => !(s.atS <= d.t));
  // Long tours: show the last two stops done and everything ahead; the rest folds into a count.
  const from = next < 0 ? Math.max(0, d.stops.length - 3) : Math.max(0, next - 2);
  return (
    <aside className="panel selection van-panel" data-testid="van-panel">
      <header>
        <h2>
          <i className="dot" style={{ background: STATUS_COLORS[d.status] }} /> Van {d.id}
        </h2>
        <span className="state">{VAN_STATUS_NAMES[d.status]}</span>
        <button type="button" className="close" onClick={onClose} aria-label="Close">
          ×
        </button>
      </header>
      <dl className="facts">
        <dt>Battery</dt>
        <dd data-testid="van-battery">
          <meter min={0} max={1} low={0.3} optimum={0.9} value={soc} /> {(soc * 100).toFixed(0)} % · {(d.socWh / 1000).toFixed(1)} kWh · ≈{d.rangeKm.toFixed(0)} km range
        </dd>
        <dt>Load</dt>
        <dd data-testid="van-load">
          {d.loadKg.toFixed(0)} / {d.payloadKg} kg · {d.volumeM3.toFixed(1)} / {d.cargoM3} m³
        </dd>
      </dl>
      <label className="follow">
        <input type="checkbox" checked={follow} onChange={(e) => onFollow(e.target.checked)} data-testid="follow" /> Follow with the camera
      </label>
      {d.decision ? (
        <section className="decision" data-testid="van-decision">
          <h3>
            {d.decision.kind} <small>decided {formatClock(d.decision.t)}</small>
          </h3>
          <p>{d.decision.reason.replace(/station-(\w+)/g, 'Station $1')}</p>
        </section>
      ) : (
        <p className="sub">No work assigned yet.</p>
      )}
      {d.stops.length > 0 && (
        <ol className="stops" data-testid="van-stops" start={from + 1}>
          {from > 0 && <li className="folded">{from} earlier stops done</li>}
          {d.stops.slice(from).map((s, j) => {
            const i = from + j;
            const state = i < next || next < 0 ? 'done' : i === next ? 'next' : 'ahead';
            return (
              <li key={i} className={`${state} ${s.outcome?.replace(' ', '-') ?? ''}`}>
                <span className="what">
                  {STOP_VERB[s.kind]}
                  {s.parcels > 0 ? ` ${s.parcels}` : ''} · {s.kind === 'handover' ? s.place : placeName(s.place)}
                </span>
                {s.windowStartS !== undefined && (
                  <span className="window">
                    window {formatClock(s.windowStartS)}–{formatClock(s.windowEndS ?? s.windowStartS)}
                  </span>
                )}
                <span className="eta">{Number.isNaN(s.atS) ? 'ETA —' : `${state === 'done' ? 'at' : 'ETA'} ${formatClock(s.atS)}`}</span>
                {s.outcome && <span className="outcome">{s.outcome}</span>}
              </li>
            );
          })}
        </ol>
      )}
    </aside>
  );
}
