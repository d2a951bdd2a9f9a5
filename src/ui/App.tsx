import { useCallback, useEffect, useState } from 'react';
import type { SceneData, ScenarioInfo } from '../../workers/simApi.ts';
import { SimClient } from './simClient.ts';
import { SHIPPED } from './scenarios.ts';
import { TopBar } from './panels/TopBar.tsx';
import { KpiPanel } from './panels/KpiPanel.tsx';
import { ProblemsPanel } from './panels/ProblemsPanel.tsx';
import { CityView } from './scene/CityView.tsx';
import { hasWebGL2 } from './webgl.ts';
import { exposeTestHooks } from './testHooks.ts';

let shared: SimClient | null = null;
/** One simulation worker per page (StrictMode mounts components twice in development). */
function simClient(): SimClient {
  shared ??= new SimClient();
  return shared;
}

function initialScenarioKey(): string {
  const want = new URLSearchParams(location.search).get('scenario');
  return SHIPPED.find((s) => s.key === want)?.key ?? SHIPPED[0]?.key ?? 'default';
}

export function App() {
  const client = simClient();
  const [info, setInfo] = useState<ScenarioInfo | null>(null);
  const [scene, setScene] = useState<SceneData | null>(null);
  const [problems, setProblems] = useState<{ title: string; list: string[] } | null>(null);
  const [scenarioKey, setScenarioKey] = useState(initialScenarioKey);
  const [paused, setPaused] = useState(false);
  const [speed, setSpeed] = useState(60);
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [webgl] = useState(hasWebGL2);

  const loadText = useCallback(
    async (text: string, source: string, key: string) => {
      setBusy(true);
      try {
        const r = await client.load(text, source);
        if (!r.ok) {
          setProblems({ title: `Could not load ${source}${client.fleetSize > 0 ? ' — the previous scenario keeps running' : ''}`, list: r.problems });
          return;
        }
        setInfo(r.info);
        setScene(r.scene);
        setProblems(null);
        setScenarioKey(key);
        if (SHIPPED.some((s) => s.key === key)) history.replaceState(null, '', `?scenario=${encodeURIComponent(key)}`);
      } finally {
        setBusy(false);
      }
    },
    [client],
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

  useEffect(() => {
    const s = SHIPPED.find((x) => x.key === initialScenarioKey());
    if (s) void s.load().then((text) => loadText(text, s.path, s.key));
  }, [loadText]);

  useEffect(() => exposeTestHooks(client, () => ({ info, problems: problems?.list ?? [], loadText })), [client, info, problems, loadText]);

  const pickScenario = (key: string) => {
    const s = SHIPPED.find((x) => x.key === key);
    if (s) void s.load().then((text) => loadText(text, s.path, s.key));
  };
  const restart = async (overrides: { strategy?: string } = {}) => {
    const r = await client.restart({ strategy: overrides.strategy ?? info?.strategy, seed: info?.seed });
    if (r.ok) setInfo(r.info);
    else setProblems({ title: 'Could not restart', list: r.problems });
  };

  return (
    <div
      className="app"
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        const f = e.dataTransfer.files[0];
        if (f) void openFile(f);
      }}
    >
      <TopBar
        client={client}
        info={info}
        scenarioKey={scenarioKey}
        paused={paused}
        speed={speed}
        busy={busy}
        onPickScenario={pickScenario}
        onOpenFile={(f) => void openFile(f)}
        onTogglePause={() => {
          client.paused = !paused;
          setPaused(!paused);
        }}
        onSpeed={(s) => {
          client.speed = s;
          setSpeed(s);
        }}
        onStrategy={(name) => void restart({ strategy: name })}
        onRestart={() => void restart()}
      />
      <main className="view">
        {!webgl && (
          <div className="nowebgl" role="status">
            This browser cannot draw the 3D city (no WebGL 2). The simulation and its figures still run.
          </div>
        )}
        {webgl && scene && info && <CityView client={client} scene={scene} fleetSize={info.fleetSize} />}
        {!scene && !problems && <div className="loading">Building the city…</div>}
      </main>
      {info && <KpiPanel client={client} />}
      {info && (
        <p className="scenario-note">
          <b>{info.name}</b> — {info.fleetSize} vans, {info.parcels} parcels, seed {info.seed}. {info.description}
        </p>
      )}
      {problems && <ProblemsPanel title={problems.title} problems={problems.list} onClose={client.fleetSize > 0 ? () => setProblems(null) : undefined} />}
      {dragging && <div className="dropzone">Drop a scenario (.json) to load it</div>}
      {scene?.attribution && <footer className="attribution">{scene.attribution}</footer>}
    </div>
  );
}
