/**
 * The Lab page (`?page=lab&scenario=…&vary=path=v1,v2&seeds=N[&first=S][&baseline=label]`): a
 * planner's comparison of variants of a shipped scenario (strategies and any scenario setting) on
 * the same seeds, as `npm run compare` does, run in a pool of web workers (one per core) with a
 * progress bar and Cancel; then the means with their 95 % intervals, the runs' distribution, the
 * paired differences from a chosen baseline and the KPIs over the day, with downloads. The set-up
 * lives in the address bar; a parameter it cannot read is named on the page, never a crash.
 *
 * Strategy files (Add strategy file…, or dropped on the page) are loaded in a lab worker as they
 * are added, so one that does not load is named with its file and line at once; a study sends the
 * files its variants run to every worker before its runs (src/ui/lab/labFiles.ts, labPool.ts). Their
 * text stays on this page: the address keeps the names only.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { SHIPPED } from '../scenarios.ts';
import { ViewErrorBoundary } from '../ViewErrorBoundary.tsx';
import { LabSetupForm } from './LabSetupForm.tsx';
import { ResultsView } from './ResultsView.tsx';
import { download, fileStem } from './labExport.ts';
import { checkStrategyFile, LabPool, poolSize, type OkRun, type PoolFile, type PoolProgress } from './labPool.ts';
import { labResults } from './labResults.ts';
import { formatLabSetup, parseLabSetup, type LabSetup } from './labSetup.ts';
import { checkStudy, studyJobs, type Study, type StudyCheck } from './labStudy.ts';
import { isSelected, selectFile, toggleStrategy, withFile, type LabFile } from './labFiles.ts';
import { isStrategyFile } from '../fileKind.ts';
import { strategyFileLabel } from '../../../workers/strategySource.ts';
import './lab.css';

type RunState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'running'; readonly progress: PoolProgress; readonly startedMs: number; readonly workers: number }
  | { readonly kind: 'done'; readonly seconds: number; readonly workers: number }
  | { readonly kind: 'stopped'; readonly why: string };

function safeCheck(setup: LabSetup, files: readonly LabFile[]): StudyCheck {
  const s = SHIPPED.find((x) => x.key === setup.scenario);
  if (!s) return { study: null, rowProblems: setup.vary.map(() => null), problems: [`no shipped scenario "${setup.scenario}"`] };
  try {
    return checkStudy(setup, s.text, s.path, files);
  } catch (e) {
    return { study: null, rowProblems: setup.vary.map(() => null), problems: [`the set-up cannot be read: ${e instanceof Error ? e.message : String(e)}`] };
  }
}

/** The files a study ran, as one string: a study is out of date when a file it ran was added again with other text. */
const filesKey = (files: readonly PoolFile[]) => files.map((f) => `${f.label}\n${f.text}`).join('\n\0');

function scenarioNote(text: string): string {
  try {
    const j = JSON.parse(text) as { name?: unknown; description?: unknown };
    return [j.name, j.description].filter((x) => typeof x === 'string').join(': ');
  } catch {
    return '';
  }
}

export function LabPage() {
  const scenarios = useMemo(() => SHIPPED.map((s) => ({ key: s.key, note: scenarioNote(s.text) })), []);
  const [initial] = useState(() => parseLabSetup(location.search, scenarios.map((s) => s.key)));
  const [setup, setSetup] = useState<LabSetup>(initial.setup);
  const [urlProblems, setUrlProblems] = useState(initial.problems);
  const [seedsValid, setSeedsValid] = useState(true);
  const [state, setState] = useState<RunState>({ kind: 'idle' });
  const [done, setDone] = useState<{ study: Study; runs: OkRun[]; key: string; scenario: string } | null>(null);
  const [files, setFiles] = useState<LabFile[]>([]);
  const [adding, setAdding] = useState(0);
  const [dropping, setDropping] = useState(false);
  const [, tick] = useState(0);
  const pool = useRef<LabPool | null>(null);
  const check = useMemo(() => safeCheck(setup, files), [setup, files]);
  const running = state.kind === 'running';

  useEffect(() => {
    history.replaceState(null, '', `?${formatLabSetup(setup)}`);
  }, [setup]);
  useEffect(() => () => pool.current?.close(), []);
  useEffect(() => {
    if (!running) return;
    const id = setInterval(() => tick((x) => x + 1), 500); // the elapsed time
    return () => clearInterval(id);
  }, [running]);

  const change = (next: LabSetup) => {
    // A baseline the edited variants no longer have falls back to the first variant, silently.
    const c = safeCheck(next, files);
    if (next.baseline !== undefined && c.study && c.study.variants.every((v) => v.label !== next.baseline)) setSetup({ ...next, baseline: undefined });
    else setSetup(next);
  };

  /** Load each file in a lab worker; one that loads is selected, one that does not is listed with its problem. */
  const addFiles = (list: readonly File[]) => {
    for (const file of list) {
      const label = strategyFileLabel(file.name);
      if (!isStrategyFile(file.name)) {
        setFiles((fs) => withFile(fs, { label, text: '', problem: `${file.name}: the Lab adds strategy files (.ts, .mts, .js, .mjs); open scenarios and maps in the city view` }));
        continue;
      }
      setAdding((n) => n + 1);
      void (async () => {
        let entry: LabFile;
        try {
          const text = await file.text();
          const r = await checkStrategyFile(file.name, text);
          entry = r.ok ? { label: r.label, text, problem: null, name: r.name, description: r.description } : { label, text, problem: r.problem };
        } catch (e) {
          entry = { label, text: '', problem: `strategy file ${label}: could not be read: ${e instanceof Error ? e.message : String(e)}` };
        }
        setFiles((fs) => withFile(fs, entry));
        if (entry.problem === null) setSetup((s) => ({ ...s, vary: selectFile(s.vary, entry.label) }));
        setAdding((n) => n - 1);
      })();
    }
  };

  /** Forget a file: its chip goes, and so do the strategy row's values that name it. */
  const removeFile = (label: string) => {
    setFiles((fs) => fs.filter((f) => f.label !== label));
    setSetup((s) => (isSelected(s.vary, label) ? { ...s, vary: toggleStrategy(s.vary, label), baseline: undefined } : s));
  };

  const onDrop = (e: React.DragEvent) => {
    e.preventDefault();
    setDropping(false);
    if (!running && e.dataTransfer.files.length) addFiles([...e.dataTransfer.files]);
  };

  const start = () => {
    const study = check.study;
    const shipped = SHIPPED.find((s) => s.key === setup.scenario);
    if (!study || !shipped || running) return;
    pool.current?.close();
    const jobs = studyJobs(study, shipped.path, location.href);
    const p = new LabPool(poolSize(jobs.length), study.files);
    pool.current = p;
    const startedMs = performance.now();
    setState({ kind: 'running', progress: { done: 0, total: jobs.length, fraction: 0 }, startedMs, workers: p.size });
    const key = formatLabSetup({ ...setup, baseline: undefined });
    p.run(jobs, (progress) => setState((s) => (s.kind === 'running' && pool.current === p ? { ...s, progress } : s))).then(
      (runs) => {
        if (pool.current !== p) return;
        setDone({ study, runs, key, scenario: setup.scenario });
        setState({ kind: 'done', seconds: (performance.now() - startedMs) / 1000, workers: p.size });
      },
      (e: unknown) => {
        if (pool.current !== p) return;
        setState({ kind: 'stopped', why: e instanceof Error ? e.message : String(e) });
      },
    );
  };

  const cancel = () => pool.current?.close('cancelled');

  // The finished study, with the baseline the set-up now names (no re-run needed to change it).
  const results = useMemo(() => {
    if (!done) return null;
    const b = setup.baseline === undefined ? 0 : done.study.variants.findIndex((v) => v.label === setup.baseline);
    return labResults({ ...done.study, baseline: b < 0 ? 0 : b }, done.runs);
  }, [done, setup.baseline]);
  const stale = done !== null && (done.key !== formatLabSetup({ ...setup, baseline: undefined }) || (check.study !== null && filesKey(check.study.files) !== filesKey(done.study.files)));

  const exportRun = async (v: number, seed: number, kind: 'trips' | 'stops'): Promise<string | null> => {
    if (!done) return 'no finished study';
    const shipped = SHIPPED.find((s) => s.key === done.scenario)!;
    const job = { ...done.study.texts[v], scenarioPath: shipped.path, baseUrl: location.href, seed };
    const p = pool.current && !pool.current.closed ? pool.current : (pool.current = new LabPool(1, done.study.files));
    try {
      const r = await p.exports(job);
      if (!r.ok) return r.problem;
      const stem = fileStem(done.scenario, done.study.variants[v].label, `seed${seed}`);
      if (kind === 'trips') download(`${stem}-trips.geojson`, r.trips, 'application/geo+json');
      else download(`${stem}-stops.csv`, r.stops, 'text/csv');
      return null;
    } catch (e) {
      return `the export failed: ${e instanceof Error ? e.message : String(e)}`;
    }
  };

  const elapsed = state.kind === 'running' ? (performance.now() - state.startedMs) / 1000 : 0;
  return (
    <div
      className={`lab-page${dropping ? ' dropping' : ''}`}
      data-testid="lab-page"
      onDragOver={(e) => {
        e.preventDefault();
        if (!running && !dropping) setDropping(true);
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setDropping(false);
      }}
      onDrop={onDrop}
    >
      <header className="lab-bar">
        <a href="./">← the city</a>
        <b>Lab</b>
        <span className="sub">compare strategies and settings on the same seeds, with confidence intervals</span>
        <button type="button" className="primary" onClick={start} disabled={!check.study || !seedsValid || running} data-testid="lab-run">
          Run
        </button>
        <button type="button" onClick={cancel} disabled={!running} data-testid="lab-cancel">
          Cancel
        </button>
      </header>
      {urlProblems.length ? (
        <ul className="error lab-url-problems" data-testid="lab-url-problems">
          {urlProblems.map((p, i) => (
            <li key={i}>address: {p}</li>
          ))}
          <button type="button" onClick={() => setUrlProblems([])} aria-label="dismiss">
            ×
          </button>
        </ul>
      ) : null}
      <LabSetupForm setup={setup} scenarios={scenarios} check={check} disabled={running} onChange={change} onSeedsValid={setSeedsValid} files={files} adding={adding} onAddFiles={addFiles} onRemoveFile={removeFile} />
      <div className="lab-status" data-testid="lab-status">
        {state.kind === 'running' ? (
          <>
            <progress max={1} value={state.progress.fraction} data-testid="lab-progress" />
            <span>
              {state.progress.done} / {state.progress.total} runs · {elapsed.toFixed(0)} s · {state.workers} worker{state.workers > 1 ? 's' : ''}
            </span>
          </>
        ) : state.kind === 'done' ? (
          <span data-testid="lab-done">
            {done?.runs.length} runs in {state.seconds.toFixed(1)} s on {state.workers} worker{state.workers > 1 ? 's' : ''}
            {stale ? ' — the set-up has changed since: Run again to update' : ''}
          </span>
        ) : state.kind === 'stopped' ? (
          <span className={state.why === 'cancelled' ? '' : 'error'} data-testid="lab-stopped">
            {state.why === 'cancelled' ? 'Cancelled.' : `Stopped: ${state.why}`}
          </span>
        ) : null}
      </div>
      {results && done ? (
        <ViewErrorBoundary fallback={(e) => <p className="error">The results could not be drawn: {e}</p>}>
          <ResultsView key={done.key} results={results} scenarioKey={done.scenario} onExportRun={exportRun} />
        </ViewErrorBoundary>
      ) : null}
    </div>
  );
}
