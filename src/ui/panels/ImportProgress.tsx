import type { ImportState } from '../useRun.ts';

const PHASES: Record<string, [string, number, number]> = {
  reading: ['Reading the file', 0, 0.02],
  parse: ['Parsing OpenStreetMap data', 0.02, 0.4],
  roads: ['Building the road network', 0.4, 0.55],
  buildings: ['Extruding buildings', 0.55, 0.65],
  contract: ['Preparing fast routing (contraction hierarchy)', 0.65, 1],
};

/** Progress of a map import running in the worker; the current city keeps running underneath. */
export function ImportProgress({ state }: { state: ImportState }) {
  const [label, lo, hi] = PHASES[state.phase] ?? [state.phase, 0, 1];
  const pct = Math.round(100 * (lo + Math.max(0, Math.min(1, state.fraction)) * (hi - lo)));
  return (
    <div className="panel import-progress" role="progressbar" aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100} data-testid="import-progress">
      <h2>Importing {state.name}</h2>
      <div className="bar">
        <i style={{ width: `${pct}%` }} />
      </div>
      <p>
        {label}… {pct} %
      </p>
    </div>
  );
}
