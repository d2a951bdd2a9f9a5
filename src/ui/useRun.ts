import { useCallback, useEffect, useRef, useState } from 'react';
import type { SceneData, ScenarioInfo } from '../../workers/simApi.ts';
import type { RunOverrides } from '../core/scenario/buildRun.ts';
import { SHIPPED } from './scenarios.ts';
import type { SimClient } from './simClient.ts';
import type { UrlState } from './urlState.ts';

export interface Problems {
  readonly title: string;
  readonly list: string[];
}

export interface Run {
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

function shippedKey(want: string | undefined): string {
  return SHIPPED.find((s) => s.key === want)?.key ?? SHIPPED[0]?.key ?? 'default';
}

/**
 * Loading runs: the scenario (or benchmark fleet) the URL names at start, then the picker, files
 * and restarts. A scenario with problems is reported and the running one kept. `onLoaded` runs
 * after each successful load with whether it was the first (where the URL's moment and view apply).
 */
export function useRun(client: SimClient, initial: UrlState, onLoaded: (info: ScenarioInfo, first: boolean) => void): Run {
  const [info, setInfo] = useState<ScenarioInfo | null>(null);
  const [scene, setScene] = useState<SceneData | null>(null);
  const [problems, setProblems] = useState<Problems | null>(null);
  const [scenarioKey, setScenarioKey] = useState(() => (initial.bench ? `bench-${initial.bench}` : shippedKey(initial.scenario)));
  const [overrides, setOverrides] = useState<RunOverrides>(() => ({ seed: initial.seed, strategy: initial.strategy }));
  const [busy, setBusy] = useState(false);
  const loads = useRef(0);
  const loadedCb = useRef(onLoaded);
  loadedCb.current = onLoaded;

  const loadText = useCallback(
    async (text: string, source: string, key: string, ov: RunOverrides = {}) => {
      setBusy(true);
      try {
        const r = await client.load(text, source, ov);
        if (!r.ok) {
          setProblems({ title: `Could not load ${source}${client.fleetSize > 0 ? ' — the previous scenario keeps running' : ''}`, list: r.problems });
          return false;
        }
        setInfo(r.info);
        setScene(r.scene);
        setProblems(null);
        setScenarioKey(key);
        setOverrides(ov);
        if (SHIPPED.some((s) => s.key === key) && loads.current > 0) history.replaceState(null, '', `?scenario=${encodeURIComponent(key)}`);
        loadedCb.current(r.info, loads.current++ === 0);
        return true;
      } finally {
        setBusy(false);
      }
    },
    [client],
  );

  useEffect(() => {
    if (initial.bench) {
      void client.loadBench(Math.max(1, Math.min(20000, Math.round(initial.bench)))).then((r) => {
        if (!r.ok) return setProblems({ title: 'Could not build the benchmark scene', list: r.problems });
        setInfo(r.info);
        setScene(r.scene);
        loadedCb.current(r.info, loads.current++ === 0);
      });
      return;
    }
    const s = SHIPPED.find((x) => x.key === shippedKey(initial.scenario));
    if (s) void s.load().then((text) => loadText(text, s.path, s.key, { seed: initial.seed, strategy: initial.strategy }));
  }, [client, initial, loadText]);

  const pickScenario = useCallback(
    (key: string) => {
      const s = SHIPPED.find((x) => x.key === key);
      if (s) void s.load().then((text) => loadText(text, s.path, s.key));
    },
    [loadText],
  );

  const openFile = useCallback(
    async (file: File) => {
      let text: string;
      try {
        text = await file.text();
      } catch {
        setProblems({ title: `Could not read ${file.name}`, list: ['the browser could not read the file'] });
        return;
      }
      await loadText(text, file.name, file.name);
    },
    [loadText],
  );

  const restart = useCallback(
    async (ov: RunOverrides = {}) => {
      const next = { seed: ov.seed ?? info?.seed, strategy: ov.strategy ?? info?.strategy };
      const r = await client.restart(next);
      if (!r.ok) return setProblems({ title: 'Could not restart', list: r.problems });
      setInfo(r.info);
      setOverrides((o) => ({ ...o, ...ov }));
      loadedCb.current(r.info, false);
    },
    [client, info],
  );

  return { info, scene, problems, scenarioKey, overrides, busy, loadText, pickScenario, openFile, restart, dismissProblems: () => setProblems(null) };
}
