import type { FacilityDetail } from '../../core/replay/facilityDetail.ts';
import { placeName } from '../../core/replay/story.ts';

const minutes = (s: number) => `${Math.max(0, Math.round(s / 60))} min`;

/** The selected charger site or station at the displayed moment: ports in use, the queue in order, stock and backlog. */
export function FacilityPanel({ detail: d, onClose }: { detail: FacilityDetail; onClose(): void }) {
  return (
    <aside className="panel selection facility-panel" data-testid="facility-panel">
      <header>
        <h2>{d.kind === 'warehouse' ? 'Warehouse' : placeName(d.id)}</h2>
        <button type="button" className="close" onClick={onClose} aria-label="Close">
          ×
        </button>
      </header>
      <dl className="facts">
        <dt>{d.kind === 'warehouse' ? 'Parcels waiting' : 'Stock'}</dt>
        <dd data-testid="facility-stock">{d.stock} parcels</dd>
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
      </dl>
      {d.charging.length > 0 && <p className="sub">Charging: {d.charging.join(', ')}</p>}
      <h3>Queue</h3>
      {d.queue.length === 0 ? (
        <p className="sub" data-testid="facility-queue">
          Nobody waiting.
        </p>
      ) : (
        <ol className="queue" data-testid="facility-queue">
          {d.queue.map((q) => (
            <li key={q.id}>
              {q.id} <small>waiting {minutes(q.waitedS)}</small>
            </li>
          ))}
        </ol>
      )}
    </aside>
  );
}
