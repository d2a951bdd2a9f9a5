import { useEffect, useMemo, useRef, useState } from 'react';
import { defaultObjective, readInstance } from '../../core/vrp/index.ts';
import type { HgsParams, Instance, Objective } from '../../core/vrp/index.ts';
import { bksOf, SHIPPED_INSTANCES } from './instances.ts';
import type { Bks } from './instances.ts';
import { LaneView } from './LaneView.tsx';
import { SolverLane } from './solverLane.ts';
import type { LaneUpdate } from './solverLane.ts';

/**
 * The Solver page (`?page=solver[&instance=set/name][&limit=S][&race=1]`): open a shipped benchmark instance or a
 * dropped file, run the routing optimiser on it in a worker and watch its routes, its best cost over
 * time, its gap to the best-known and what each operator contributes; in race mode two parameter
 * settings run side by side in two workers under the same limit.
 */
interface Loaded {
  readonly text: string;
  readonly file: string;
  readonly inst: Instance;
  readonly bks: Bks | null;
}

function parseParams(text: string, label: string): Partial<HgsParams> {
  if (text.trim() === '') return {};
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new Error(`${label} parameters: not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Error(`${label} parameters: expected an object such as {"mu": 12}`);
  return v as Partial<HgsParams>;
}

export function SolverPage() {
  const query = useMemo(() => new URLSearchParams(location.search), []);
  const [key, setKey] = useState(query.get('instance') ?? 'solomon/R101');
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [seconds, setSeconds] = useState(Number(query.get('limit') ?? 10));
  const [seed, setSeed] = useState(1);
  const [objective, setObjective] = useState<Objective | 'default'>('default');
  const [race, setRace] = useState(query.get('race') === '1');
  const [paramsA, setParamsA] = useState('');
  const [paramsB, setParamsB] = useState('{"mu": 12, "lambda": 20}');
  const [updates, setUpdates] = useState<(LaneUpdate | null)[]>([null, null]);
  const lanes = useRef<SolverLane[]>([]);
  const running = updates.some((u) => u?.status === 'running');

  const open = async (text: string, file: string, set: string | null, name: string) => {
    try {
      const inst = readInstance(text, file);
      const table = set ? await bksOf(set) : null;
      setLoaded({ text, file, inst, bks: table?.[name] ?? null });
      setUpdates([null, null]);
      setProblem(null);
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    }
  };

  useEffect(() => {
    const s = SHIPPED_INSTANCES.find((i) => i.key === key);
    if (!s) {
      setProblem(`no shipped instance "${key}"`);
      return;
    }
    let live = true;
    s.url()
      .then((url) => fetch(url))
      .then((r) => (r.ok ? r.text() : Promise.reject(new Error(`${s.file}: HTTP ${r.status}`))))
      .then((text) => {
        if (live) void open(text, s.file, s.set, s.name);
      })
      .catch((e: unknown) => live && setProblem(`could not load ${s.key}: ${e instanceof Error ? e.message : String(e)}`));
    return () => {
      live = false;
    };
  }, [key]);

  useEffect(() => () => lanes.current.forEach((l) => l.close()), []);

  const start = () => {
    if (!loaded) return;
    let settings: Partial<HgsParams>[];
    try {
      settings = race ? [parseParams(paramsA, 'A'), parseParams(paramsB, 'B')] : [parseParams(paramsA, 'A')];
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
      return;
    }
    setProblem(null);
    lanes.current.forEach((l) => l.close());
    lanes.current = settings.map(() => new SolverLane());
    setUpdates([null, null]);
    const obj = objective === 'default' ? defaultObjective(loaded.inst.format) : objective;
    settings.forEach((params, i) => {
      void lanes.current[i].run(loaded.text, loaded.file, { seconds, seed, objective: obj, params }, (u) =>
        setUpdates((prev) => prev.map((p, j) => (j === i ? u : p))));
    });
  };

  const onDrop = (e: React.DragEvent) => {
    e.preventDefault();
    const f = e.dataTransfer.files[0];
    if (f) void f.text().then((text) => open(text, f.name, null, f.name));
  };

  const sets = [...new Set(SHIPPED_INSTANCES.map((i) => i.set))];
  const shownObjective = loaded ? (objective === 'default' ? defaultObjective(loaded.inst.format) : objective) : 'distance';
  let view: Instance | null = loaded?.inst ?? null;
  let viewProblem: string | null = null;
  if (loaded && objective !== 'default' && objective !== loaded.inst.objective) {
    try {
      view = readInstance(loaded.text, loaded.file, { objective });
    } catch (e) {
      viewProblem = e instanceof Error ? e.message : String(e);
    }
  }
  return (
    <div className="solver-page" data-testid="solver-page" onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
      <header className="solver-bar">
        <a href="./">← the city</a>
        <b>Solver</b>
        <select value={key} onChange={(e) => setKey(e.target.value)} aria-label="instance" data-testid="instance-picker">
          {sets.map((s) => (
            <optgroup key={s} label={s}>
              {SHIPPED_INSTANCES.filter((i) => i.set === s).map((i) => <option key={i.key} value={i.key}>{i.name}</option>)}
            </optgroup>
          ))}
        </select>
        <label>
          seconds <input type="number" min={1} max={600} value={seconds} onChange={(e) => setSeconds(Math.max(1, Number(e.target.value) || 1))} style={{ width: 56 }} />
        </label>
        <label>
          seed <input type="number" value={seed} onChange={(e) => setSeed(Math.round(Number(e.target.value) || 1))} style={{ width: 48 }} />
        </label>
        <select value={objective} onChange={(e) => setObjective(e.target.value as Objective | 'default')} aria-label="objective">
          <option value="default">objective: {loaded ? defaultObjective(loaded.inst.format) : 'default'}</option>
          <option value="distance">distance</option>
          <option value="hierarchical">hierarchical (vehicles first)</option>
        </select>
        <label>
          <input type="checkbox" checked={race} onChange={(e) => setRace(e.target.checked)} data-testid="race" /> race two settings
        </label>
        <button onClick={start} disabled={!loaded || running || viewProblem !== null} data-testid="run">Run</button>
        <button onClick={() => lanes.current.forEach((l) => l.stop())} disabled={!running}>Stop</button>
        <span className="sub">or drop an instance file (Solomon, CVRPLIB .vrp, E-VRPTW) on the page</span>
      </header>
      <div className="solver-params">
        <label>
          A parameters (JSON) <input value={paramsA} onChange={(e) => setParamsA(e.target.value)} placeholder='{} (defaults)' data-testid="params-a" />
        </label>
        {race ? (
          <label>
            B parameters (JSON) <input value={paramsB} onChange={(e) => setParamsB(e.target.value)} data-testid="params-b" />
          </label>
        ) : null}
      </div>
      {problem || viewProblem ? <p className="error" data-testid="solver-problem">{problem ?? viewProblem}</p> : null}
      {loaded && view ? (
        <>
          <p className="sub" data-testid="instance-info">
            {loaded.inst.name}: {loaded.inst.problem.numClients} customers{loaded.inst.problem.numStations ? `, ${loaded.inst.problem.numStations} stations` : ''}, {shownObjective} objective
            {loaded.bks ? `, best-known ${loaded.bks.vehicles ? `${loaded.bks.vehicles} vehicles, ` : ''}${(shownObjective === 'distance' && loaded.bks.distanceOnly !== undefined ? loaded.bks.distanceOnly : loaded.bks.distance).toFixed(2)}` : ', no best-known value'}
          </p>
          <div className="solver-lanes">
            <LaneView label="A" inst={view} bks={loaded.bks} update={updates[0]} seconds={seconds} />
            {race ? <LaneView label="B" inst={view} bks={loaded.bks} update={updates[1]} seconds={seconds} /> : null}
          </div>
        </>
      ) : null}
    </div>
  );
}
