/**
 * A finished Lab study: the table `npm run compare` prints (each variant's mean ± 95 % interval per
 * KPI, then each variant's paired difference from the baseline, * where the interval excludes 0),
 * one card per KPI with the runs' distribution and the differences, the KPIs over the day, and
 * the downloads (the study as JSON and CSV; one run's trips GeoJSON and stops CSV).
 */
import { useState } from 'react';
import { COMPARE_METRICS } from '../../core/scenario/compareRuns.ts';
import { DayChart } from './DayChart.tsx';
import { colourOf, KpiCard } from './KpiCard.tsx';
import { compareJson, download, fileStem, hourlyCsv, runsCsv } from './labExport.ts';
import { fmt, type LabResults } from './labResults.ts';

interface Props {
  readonly results: LabResults;
  readonly scenarioKey: string;
  /** Run variant v on seed s again and download its trips GeoJSON or stops CSV; resolves with a problem or null. */
  readonly onExportRun: (v: number, seed: number, kind: 'trips' | 'stops') => Promise<string | null>;
}

/** Labels for plots: the varied values only ("insertion", "insertion · 20"), the full label where nothing is varied. */
function shortLabels(variants: LabResults['study']['variants']): string[] {
  return variants.map((v) => {
    const vals = Object.values(v.settings).map((x) => (typeof x === 'string' ? x : JSON.stringify(x)));
    return vals.length ? vals.join(' · ') : v.label;
  });
}

export function ResultsView({ results, scenarioKey, onExportRun }: Props) {
  const { study, summary, vsBaseline } = results;
  const labels = study.variants.map((v) => v.label);
  const short = shortLabels(study.variants);
  const b = study.baseline;
  const [runVariant, setRunVariant] = useState(b);
  const [runSeed, setRunSeed] = useState(study.seeds[0]);
  const [exporting, setExporting] = useState<string | null>(null);
  const [exportProblem, setExportProblem] = useState<string | null>(null);
  const seedsText = `${study.seeds.length} seeds (${study.seeds[0]}–${study.seeds[study.seeds.length - 1]})`;

  const exportRun = async (kind: 'trips' | 'stops') => {
    setExporting(kind);
    setExportProblem(await onExportRun(runVariant, runSeed, kind));
    setExporting(null);
  };

  return (
    <div className="lab-results" data-testid="lab-results">
      <h2>
        Results <span className="sub">{seedsText}, the same for every variant; mean ± 95 % CI (Student t); Δ = paired difference from “{labels[b]}” (* = the interval excludes 0)</span>
      </h2>
      <div className="lab-table-wrap">
        <table className="lab-table" data-testid="lab-table">
          <thead>
            <tr>
              <th>variant</th>
              {COMPARE_METRICS.map((m) => (
                <th key={m.key}>{m.label}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {summary.variants.map((v, i) => (
              <tr key={i}>
                <th>
                  <i className="swatch" style={{ background: colourOf(i) }} /> {v.label}
                  {i === b ? <span className="sub"> (baseline)</span> : null}
                </th>
                {COMPARE_METRICS.map((m) => {
                  const s = v.metrics[m.key];
                  return (
                    <td key={m.key} data-testid={`mean-${i}-${m.key}`} data-mean={s.mean} data-ci95={s.ci95}>
                      {fmt(s.mean, m.digits)} ± {fmt(s.ci95, m.digits)}
                    </td>
                  );
                })}
              </tr>
            ))}
            {summary.variants.map((v, i) =>
              i === b ? null : (
                <tr key={`d${i}`} className="lab-diff">
                  <th>Δ {v.label}</th>
                  {COMPARE_METRICS.map((m) => {
                    const d = vsBaseline[i]![m.key];
                    return (
                      <td key={m.key} data-testid={`diff-${i}-${m.key}`} data-mean={d.mean} className={d.significant ? 'sig' : ''}>
                        {d.mean >= 0 ? '+' : ''}
                        {fmt(d.mean, m.digits)} ± {fmt(d.ci95, m.digits)}
                        {d.significant ? ' *' : ''}
                      </td>
                    );
                  })}
                </tr>
              ),
            )}
          </tbody>
        </table>
      </div>

      <div className="lab-downloads">
        <b>Download</b>
        <button type="button" data-testid="export-json" onClick={() => download(`${fileStem('lab', scenarioKey)}.json`, compareJson(results), 'application/json')} title="The same JSON as npm run compare -- … --out">
          study JSON
        </button>
        <button type="button" data-testid="export-csv" onClick={() => download(`${fileStem('lab', scenarioKey)}-runs.csv`, runsCsv(results), 'text/csv')} title="One row per run (variant × seed), one column per KPI">
          runs CSV
        </button>
        <button type="button" data-testid="export-hourly" onClick={() => download(`${fileStem('lab', scenarioKey)}-hourly.csv`, hourlyCsv(results), 'text/csv')} title="KPIs over the day, per variant and hour, mean across seeds">
          hourly CSV
        </button>
        <span className="lab-sep">one run:</span>
        <select value={runVariant} onChange={(e) => setRunVariant(Number(e.target.value))} aria-label="run variant" data-testid="run-variant">
          {labels.map((l, i) => (
            <option key={i} value={i}>{l}</option>
          ))}
        </select>
        <select value={runSeed} onChange={(e) => setRunSeed(Number(e.target.value))} aria-label="run seed" data-testid="run-seed">
          {study.seeds.map((s) => (
            <option key={s} value={s}>seed {s}</option>
          ))}
        </select>
        <button type="button" data-testid="export-trips" disabled={exporting !== null} onClick={() => void exportRun('trips')} title="The vans' trips for kepler.gl's Trip layer / deck.gl's TripsLayer (as --export-trips)">
          {exporting === 'trips' ? 'running…' : 'trips GeoJSON'}
        </button>
        <button type="button" data-testid="export-stops" disabled={exporting !== null} onClick={() => void exportRun('stops')} title="Every stop attempt, one row per parcel per attempt (as --export-stops)">
          {exporting === 'stops' ? 'running…' : 'stops CSV'}
        </button>
        {exportProblem ? <span className="error" data-testid="export-problem">{exportProblem}</span> : null}
      </div>

      <DayChart labels={short} profiles={results.profiles} />

      <p className="lab-cards-note">
        Per KPI, left: each variant's runs (a dot per seed), its mean (tick) and 95 % interval (bar); right: its paired difference from the baseline with
        the 95 % interval, filled where the interval excludes 0.
      </p>
      <div className="lab-cards">
        {COMPARE_METRICS.map((m, k) => (
          <KpiCard
            key={m.key}
            metric={m}
            labels={short}
            seeds={study.seeds}
            values={results.values.map((perSeed) => perSeed.map((row) => row[k]))}
            summaries={summary.variants.map((v) => v.metrics[m.key])}
            diffs={vsBaseline.map((d) => (d ? d[m.key] : null))}
            baseline={b}
          />
        ))}
      </div>
    </div>
  );
}
