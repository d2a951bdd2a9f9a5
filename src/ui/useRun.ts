import { useCallback, useEffect, useRef, useState } from 'react';
import type { LoadResult, RunStopped, SceneData, ScenarioInfo } from '../../workers/simApi.ts';
import type { RunOverrides } from '../core/scenario/buildRun.ts';
import { SHIPPED } from './scenarios.ts';
import type { Boot } from './boot.ts';
import { isExtract, isStrategyFile } from './fileKind.ts';
import { formatClock } from '../core/util/clock.ts';
import { shippedKey } from './boot.ts';

export interface Problems {
  readonly title: string;
  readonly list: string[];
  /** Set when these are why run `stoppedRun` stopped part-way (a restart clears them). */
  readonly stoppedRun?: number;
}

function stoppedProblems(s: RunStopped | null): Problems | null {
  if (!s) return null;
  return { title: `The run stopped at ${formatClock(s.atS, true)}; the view holds at ${formatClock(s.shownUntilS, true)}, the last moment recorded`, list: s.problems, stoppedRun: s.runId };
}

/** The overrides the address keeps: a strategy file cannot travel in a URL, so a reload runs the scenario's own strategy. */
function forUrl(ov: RunOverrides): RunOverrides {
  return ov.strategy !== undefined && isStrategyFile(ov.strategy) ? { ...ov, strategy: undefined } : ov;
}

/** An import in progress: which phase and how far (0..1 within the phase). */
export interface ImportState {
  readonly name: string;
  readonly phase: string;
  readonly fraction: number;
}

export interface Run {
  readonly importing: ImportState | null;
  readonly info: ScenarioInfo | null;
  readonly scene: SceneData | null;
  readonly problems: Problems | null;
  readonly scenarioKey: string;
  readonly overrides: RunOverrides;
  readonly busy: boolean;
  loadText(text: string, source: string, key: string, overrides?: RunOverrides): Promise<boolean>;
  pickScenario(key: string): void;
  openFile(file: File): Promise<void>;
  restart(overrides?: RunOverrides): Promise<void>;
  dismissProblems(): void;
}

/**
 * Loading runs: the scenario (or benchmark fleet) the URL names at start, then the picker, files
 * and restarts. A scenario with problems is reported and the running one kept. `onLoaded` runs
 * after each successful load with whether it was the first (where the URL's moment and view apply).
 */
export function useRun(boot: Boot, onLoaded: (info: ScenarioInfo, first: boolean) => void): Run {
  const { client, initial } = boot;
  const [info, setInfo] = useState<ScenarioInfo | null>(null);
  const [scene, setScene] = useState<SceneData | null>(null);
  const [problems, setProblems] = useState<Problems | null>(null);
  const [scenarioKey, setScenarioKey] = useState(() => (initial.bench ? `bench-${initial.bench}` : shippedKey(initial.scenario)));
  const [overrides, setOverrides] = useState<RunOverrides>(() => ({ seed: initial.seed, strategy: initial.strategy, charging: initial.charging }));
  const [busy, setBusy] = useState(false);
  const [importing, setImporting] = useState<ImportState | null>(null);
  const loads = useRef(0);
  const loadedCb = useRef(onLoaded);
  loadedCb.current = onLoaded;

  // A run that fails part-way (a strategy threw, a plan was refused) says so when it happens.
  useEffect(() => {
    client.onStopped = (s) => {
      if (s.runId === client.info?.runId) setProblems(stoppedProblems(s));
    };
    return () => {
      client.onStopped = null;
    };
  }, [client]);

  /** Take a load's result into React state (the first load was started by boot, the others here). */
  const accept = useCallback(
    (r: LoadResult, source: string, key: string, ov: RunOverrides) => {
      if (!r.ok) {
        setProblems({ title: `Could not load ${source}${client.fleetSize > 0 ? ' — the previous scenario keeps running' : ''}`, list: r.problems });
        return false;
      }
      setInfo(r.info);
      setScene(r.scene);
      setProblems(stoppedProblems(client.stoppedRun(r.info.runId)));
      setScenarioKey(key);
      setOverrides(forUrl(ov));
      if (SHIPPED.some((s) => s.key === key) && loads.current > 0) history.replaceState(null, '', `?scenario=${encodeURIComponent(key)}`);
      loadedCb.current(r.info, loads.current++ === 0);
      return true;
    },
    [client],
  );

  const loadText = useCallback(
    async (text: string, source: string, key: string, ov: RunOverrides = {}) => {
      setBusy(true);
      try {
        return accept(await client.load(text, source, ov), source, key, ov);
      } finally {
        setBusy(false);
      }
    },
    [client, accept],
  );

  useEffect(() => {
    let live = true;
    void boot.first?.then(({ result, key, source }) => live && accept(result, source, key, { seed: initial.seed, strategy: initial.strategy, charging: initial.charging }));
    return () => {
      live = false;
    };
  }, [boot, initial, accept]);

  const pickScenario = useCallback(
    (key: string) => {
      const s = SHIPPED.find((x) => x.key === key);
      if (s) void s.load().then((text) => loadText(text, s.path, s.key));
    },
    [loadText],
  );

  /** Import an OpenStreetMap extract in the worker; the page keeps drawing the current city meanwhile. */
  const loadExtract = useCallback(
    async (bytes: Uint8Array, name: string) => {
      setBusy(true);
      setImporting({ name, phase: 'reading', fraction: 0 });
      // Progress comes over the callback's own message channel, so its last calls can arrive after
      // the import's answer: once that is in, they must not bring the bar back.
      let done = false;
      const progress = (phase: string, fraction: number) => {
        if (!done) setImporting({ name, phase, fraction });
      };
      try {
        const r = await client.loadExtract(bytes, name, progress);
        accept(r, name, name, {});
      } finally {
        done = true;
        setImporting(null);
        setBusy(false);
      }
    },
    [client, accept],
  );

  /** A strategy file: run it on the scenario on screen; if it does not load, the current run keeps going. */
  const loadStrategy = useCallback(
    async (text: string, name: string) => {
      setBusy(true);
      try {
        const r = await client.loadStrategy(text, name);
        if (!r.ok) return setProblems({ title: `Could not run the strategy file ${name}${client.fleetSize > 0 ? ' — the previous run keeps going' : ''}`, list: r.problems });
        setInfo(r.info);
        setProblems(stoppedProblems(client.stoppedRun(r.info.runId)));
        setOverrides((o) => ({ ...o, strategy: undefined }));
        loadedCb.current(r.info, false);
      } finally {
        setBusy(false);
      }
    },
    [client],
  );

  const openFile = useCallback(
    async (file: File) => {
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await file.arrayBuffer());
      } catch {
        setProblems({ title: `Could not read ${file.name}`, list: ['the browser could not read the file'] });
        return;
      }
      if (isStrategyFile(file.name)) await loadStrategy(new TextDecoder().decode(bytes), file.name);
      else if (isExtract(file.name, bytes)) await loadExtract(bytes, file.name);
      else await loadText(new TextDecoder().decode(bytes), file.name, file.name);
    },
    [loadText, loadExtract, loadStrategy],
  );

  const restart = useCallback(
    async (ov: RunOverrides = {}) => {
      const next = { seed: ov.seed ?? info?.seed, strategy: ov.strategy ?? info?.strategy, charging: ov.charging ?? info?.charging };
      const r = await client.restart(next);
      if (!r.ok) return setProblems({ title: 'Could not restart', list: r.problems });
      setInfo(r.info);
      const stopped = stoppedProblems(client.stoppedRun(r.info.runId));
      setProblems((p) => stopped ?? (p?.stoppedRun !== undefined ? null : p));
      setOverrides((o) => forUrl({ ...o, ...ov }));
      loadedCb.current(r.info, false);
    },
    [client, info],
  );

  return { info, scene, problems, scenarioKey, overrides, busy, importing, loadText, pickScenario, openFile, restart, dismissProblems: () => setProblems(null) };
}
