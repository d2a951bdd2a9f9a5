import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ScenarioInfo } from '../../workers/simApi.ts';
import { TrailMode } from '../core/replay/frameLayout.ts';
import { startBoot } from './boot.ts';
import { FILE_NOTE, TopBar } from './panels/TopBar.tsx';
import { KpiPanel } from './panels/KpiPanel.tsx';
import { KpiChart } from './panels/KpiChart.tsx';
import { ProblemsPanel } from './panels/ProblemsPanel.tsx';
import { ImportProgress } from './panels/ImportProgress.tsx';
import { OptimiserPanel } from './panels/OptimiserPanel.tsx';
import { TimelineBar } from './panels/TimelineBar.tsx';
import { VanPanel } from './panels/VanPanel.tsx';
import { FacilityPanel } from './panels/FacilityPanel.tsx';
import { CaptionBar } from './panels/CaptionBar.tsx';
import { PerfPanel } from './panels/PerfPanel.tsx';
import { ViewControls } from './panels/ViewControls.tsx';
import { CityView } from './scene/CityView.tsx';
import type { Pick } from './scene/Picker.tsx';
import { view } from './scene/viewRegistry.ts';
import { ViewErrorBoundary } from './ViewErrorBoundary.tsx';
import { ClockDriver } from './ClockDriver.tsx';
import { hasWebGL2, isSoftwareRenderer } from './webgl.ts';
import { exposeTestHooks } from './testHooks.ts';
import type { Overlays, TrailSetting } from './urlState.ts';
import { useRun } from './useRun.ts';
import { useDetail } from './useDetail.ts';
import { currentQuery, useUrlSync, writeUrl, type UrlFacts } from './useUrlSync.ts';


/** The selection the URL names (a van id or a facility id), once the run's ids are known. */
function pickFromId(info: ScenarioInfo, facilities: readonly { id: string }[], id: string | undefined): Pick {
  if (!id) return null;
  const v = info.vanIds.indexOf(id);
  if (v >= 0) return { kind: 'van', v };
  const f = facilities.findIndex((x) => x.id === id);
  return f >= 0 ? { kind: 'facility', f } : null;
}

const DEMO_SPEED = 120;

export function App() {
  // One simulation worker per page, started before React (StrictMode mounts components twice in development).
  const boot = startBoot();
  const { client, initial } = boot;
  const [paused, setPaused] = useState(initial.paused ?? false);
  const [speed, setSpeed] = useState(initial.speed ?? (initial.demo ? DEMO_SPEED : 60));
  const [selection, setSelection] = useState<Pick>(null);
  const [follow, setFollow] = useState(initial.follow ?? false);
  const [overlays, setOverlays] = useState<Overlays>(initial.overlays);
  const [trails, setTrails] = useState<TrailSetting>(initial.trails ?? 'all');
  const [shadows, setShadows] = useState(() => initial.shadows ?? (hasWebGL2() && !isSoftwareRenderer()));
  const [perf, setPerf] = useState(initial.perf);
  const [demo, setDemo] = useState(initial.demo);
  const [viewError, setViewError] = useState<string | null>(null);
  const [viewKey, setViewKey] = useState(0);
  const [dragging, setDragging] = useState(false);
  const [copied, setCopied] = useState(false);
  const [webgl] = useState(hasWebGL2);
  const [pendingSel, setPendingSel] = useState(initial.sel);

  const onLoaded = useCallback(
    (_info: ScenarioInfo, first: boolean) => {
      client.speed = speed;
      client.paused = paused;
      if (first && initial.t !== undefined) client.seek(initial.t);
      if (!first) setSelection(null);
    },
    [client, speed, paused, initial],
  );
  const run = useRun(boot, onLoaded);
  const { info, scene } = run;
  const runId = info?.runId ?? 0;

  // The URL's selection applies once the run (its van ids) and the scene (its depots) are known.
  useEffect(() => {
    if (!info || !scene || pendingSel === undefined) return;
    setSelection(pickFromId(info, scene.facilities, pendingSel));
    setPendingSel(undefined);
  }, [info, scene, pendingSel]);

  const van = selection?.kind === 'van' ? selection.v : -1;
  useEffect(() => {
    client.trailMode = trails === 'off' || (trails === 'selected' && van < 0) ? TrailMode.Off : trails === 'selected' ? TrailMode.One : TrailMode.All;
    client.trailVan = van;
    client.refresh();
  }, [client, trails, van, runId]);

  useEffect(() => {
    client.onEnd = demo ? () => client.seek(client.dayStartS) : null;
    if (demo) {
      client.paused = false;
      setPaused(false);
      setSelection(null);
      setFollow(false);
    }
  }, [client, demo]);

  // Shadows "where the frame budget allows": left to the default, they switch off if the frame rate stays low.
  const [shadowsTouched, setShadowsTouched] = useState(initial.shadows !== undefined);
  useEffect(() => {
    if (!shadows || shadowsTouched) return;
    let slow = 0;
    const id = setInterval(() => {
      slow = view.stats.fps > 0 && view.stats.fps < 30 ? slow + 1 : 0;
      if (slow >= 3) setShadows(false);
    }, 2000);
    return () => clearInterval(id);
  }, [shadows, shadowsTouched]);

  const detail = useDetail(client, selection, runId);
  const softwareDefault = webgl && !isSoftwareRenderer();
  const facts = useMemo<UrlFacts | null>(() => {
    if (!info) return null;
    return {
      scenario: initial.bench ? undefined : run.scenarioKey,
      seed: run.overrides.seed,
      strategy: run.overrides.strategy,
      charging: run.overrides.charging,
      speed,
      paused,
      sel: selection?.kind === 'van' ? info.vanIds[selection.v] : selection?.kind === 'facility' ? scene?.facilities[selection.f]?.id : undefined,
      follow: follow && van >= 0,
      overlays,
      trails,
      shadows: initial.shadows !== undefined || shadows !== softwareDefault ? shadows : undefined,
      demo,
      perf,
      bench: initial.bench,
      empty: initial.empty,
    };
  }, [info, scene, initial, run.scenarioKey, run.overrides, speed, paused, selection, follow, van, overlays, trails, shadows, softwareDefault, demo, perf]);
  useUrlSync(client, facts);

  const togglePause = useCallback(() => {
    const next = !client.paused;
    client.paused = next;
    // A paused moment is a whole second, so a shared link reopens exactly this picture.
    if (next) client.seek(Math.round(client.displayT));
    setPaused(next);
  }, [client]);
  const changeSpeed = useCallback(
    (s: number) => {
      client.speed = s;
      setSpeed(s);
    },
    [client],
  );
  const select = useCallback((p: Pick) => {
    setSelection(p);
    if (!p || p.kind !== 'van') setFollow(false);
  }, []);

  useEffect(
    () =>
      exposeTestHooks(client, () => ({
        info,
        buildings: scene?.buildingCount ?? 0,
        problems: run.problems?.list ?? [],
        loadText: run.loadText,
        select: (v: number) => select(v >= 0 ? { kind: 'van', v } : null),
        selectFacility: (f: number) => select({ kind: 'facility', f }),
        setPaused: (p: boolean) => {
          if (p !== client.paused) togglePause();
        },
        selection,
        query: () => (facts ? currentQuery(client, facts) : ''),
      })),
    [client, info, scene, run.problems, run.loadText, select, selection, togglePause, facts],
  );

  // Space plays and pauses, the arrow keys step five minutes (not while typing in a field).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (t && /^(INPUT|SELECT|TEXTAREA|BUTTON)$/.test(t.tagName)) return;
      if (e.key === ' ') togglePause();
      else if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') client.seek(client.displayT + (e.key === 'ArrowRight' ? 300 : -300));
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [client, togglePause]);

  const share = () => {
    const url = facts ? writeUrl(client, facts) : location.href;
    void navigator.clipboard?.writeText(url).then(
      () => setCopied(true),
      () => window.prompt('Copy this link', url),
    );
    setTimeout(() => setCopied(false), 2000);
  };

  const show3d = webgl && !viewError && scene && info;
  const strategyFile = info?.strategies.find((s) => s.file && s.name === info.strategy);
  return (
    <div
      className={`app${demo ? ' demo' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        const f = e.dataTransfer.files[0];
        if (f) void run.openFile(f);
      }}
    >
      <TopBar
        client={client}
        info={info}
        scenarioKey={run.scenarioKey}
        paused={paused}
        speed={speed}
        busy={run.busy}
        onPickScenario={run.pickScenario}
        onOpenFile={(f) => void run.openFile(f)}
        onTogglePause={togglePause}
        onSpeed={changeSpeed}
        onStrategy={(name) => void run.restart({ strategy: name })}
        onCharging={(name) => void run.restart({ charging: name })}
        onRestart={() => void run.restart()}
        demo={demo}
        onDemo={setDemo}
        onShare={share}
        shared={copied}
      />
      <main className="view">
        {!webgl && (
          <div className="nowebgl" role="status" data-testid="no-webgl">
            This browser cannot draw the 3D city (no WebGL 2). The simulation, its figures and the chart still run.
          </div>
        )}
        {webgl && viewError && (
          <div className="nowebgl" role="status" data-testid="view-error">
            The 3D view stopped ({viewError}). The simulation and its figures keep running.{' '}
            <button type="button" onClick={() => (setViewError(null), setViewKey((k) => k + 1))}>
              Restart the 3D view
            </button>
          </div>
        )}
        {show3d && (
          <ViewErrorBoundary key={viewKey} fallback={(e) => <div className="nowebgl">The 3D view failed: {e}</div>}>
            <CityView
              client={client}
              scene={scene}
              runId={runId}
              fleetSize={info.fleetSize}
              selection={selection}
              follow={follow}
              overlays={overlays}
              shadows={shadows}
              demo={demo}
              camera={initial.cam ?? null}
              detail={detail.van}
              empty={initial.empty}
              onPick={select}
              onContextLost={() => setViewError('the WebGL context was lost')}
            />
          </ViewErrorBoundary>
        )}
        {!show3d && info && <ClockDriver client={client} />}
        {!scene && !run.problems && <div className="loading">Building the city…</div>}
      </main>
      <div className="column right">
        {info && !initial.empty && <KpiPanel client={client} synthetic={info.synthetic} />}
        {info && !info.synthetic && !initial.empty && <KpiChart client={client} runId={runId} />}
        {info && !demo && webgl && (
          <ViewControls overlays={overlays} trails={trails} shadows={shadows} perf={perf} onOverlays={setOverlays} onTrails={setTrails} onShadows={(on) => (setShadowsTouched(true), setShadows(on))} onPerf={setPerf} />
        )}
      </div>
      <div className="column left">
        {detail.van && selection?.kind === 'van' && <VanPanel detail={detail.van} follow={follow} onFollow={setFollow} onClose={() => select(null)} />}
        {detail.facility && selection?.kind === 'facility' && info && (
          <FacilityPanel detail={detail.facility} charger={detail.charger} dayStartS={info.dayStartS} dayEndS={info.dayEndS} onClose={() => select(null)} />
        )}
        {perf && <PerfPanel />}
        {info?.strategy === 'vrp' && !selection && scene && <OptimiserPanel client={client} runId={runId} facilityIds={scene.facilities.map((f) => f.id)} />}
      </div>
      {info && <TimelineBar key={runId} client={client} runId={runId} />}
      {demo && info && <CaptionBar client={client} onStop={() => setDemo(false)} />}
      {info && !demo && (
        <p className="scenario-note" data-testid="run-info">
          <b>{info.name}</b> — {info.fleetSize} vans, {info.parcels} parcels, seed {info.seed}
          {strategyFile && (
            <>
              , strategy <b>{strategyFile.label ?? strategyFile.name}</b> <span title={FILE_NOTE}>(from a file: a reload or shared link runs the scenario&apos;s own strategy)</span>
            </>
          )}
          . {info.description}
        </p>
      )}
      {run.problems && <ProblemsPanel title={run.problems.title} problems={run.problems.list} onClose={client.fleetSize > 0 ? run.dismissProblems : undefined} />}
      {run.importing && <ImportProgress state={run.importing} />}
      {dragging && <div className="dropzone">Drop a scenario (.json), an OpenStreetMap extract (.osm.pbf, .osm, .geojson) or a strategy file (.ts, .js)</div>}
      {scene?.attribution && <footer className="attribution">{scene.attribution}</footer>}
    </div>
  );
}
