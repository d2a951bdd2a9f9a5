import { OVERLAY_NAMES, type Overlays, type TrailSetting } from '../urlState.ts';

const LABEL: Record<(typeof OVERLAY_NAMES)[number], string> = {
  states: 'Van state colours',
  heatmap: 'Demand heatmap',
  late: 'Late (red) / failed (orange) hand-overs',
  chargers: 'Charger use',
};

interface Props {
  readonly overlays: Overlays;
  readonly trails: TrailSetting;
  readonly shadows: boolean;
  readonly perf: boolean;
  onOverlays(o: Overlays): void;
  onTrails(t: TrailSetting): void;
  onShadows(on: boolean): void;
  onPerf(on: boolean): void;
}

/** What the map shows: overlays, trails, shadows, the performance panel. */
export function ViewControls(p: Props) {
  return (
    <fieldset className="panel view-controls" data-testid="view-controls">
      <legend>Show</legend>
      {OVERLAY_NAMES.map((k) => (
        <label key={k}>
          <input type="checkbox" checked={p.overlays[k]} onChange={(e) => p.onOverlays({ ...p.overlays, [k]: e.target.checked })} data-testid={`overlay-${k}`} />
          {LABEL[k]}
        </label>
      ))}
      <label>
        Trails
        <select value={p.trails} onChange={(e) => p.onTrails(e.target.value as TrailSetting)} data-testid="trails">
          <option value="all">all vans</option>
          <option value="selected">selected van</option>
          <option value="off">off</option>
        </select>
      </label>
      <label>
        <input type="checkbox" checked={p.shadows} onChange={(e) => p.onShadows(e.target.checked)} /> Shadows
      </label>
      <label>
        <input type="checkbox" checked={p.perf} onChange={(e) => p.onPerf(e.target.checked)} data-testid="perf-toggle" /> Performance
      </label>
    </fieldset>
  );
}
