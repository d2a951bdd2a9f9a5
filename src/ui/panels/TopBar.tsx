import { useEffect, useRef } from 'react';
import type { ScenarioInfo } from '../../../workers/simApi.ts';
import { SHIPPED } from '../scenarios.ts';
import type { SimClient } from '../simClient.ts';
import { Clock } from './Clock.tsx';

export const SPEEDS = [1, 10, 60, 300, 600, 1800, 3600] as const;

interface Props {
  readonly client: SimClient;
  readonly info: ScenarioInfo | null;
  readonly scenarioKey: string;
  readonly paused: boolean;
  readonly speed: number;
  readonly busy: boolean;
  onPickScenario(key: string): void;
  onOpenFile(file: File): void;
  onTogglePause(): void;
  onSpeed(speed: number): void;
  onStrategy(name: string): void;
  onCharging(name: string): void;
  onRestart(): void;
  readonly demo: boolean;
  onDemo(on: boolean): void;
  onShare(): void;
  readonly shared: boolean;
}

/** Scenario choice, playback controls and the clock. */
export function TopBar(p: Props) {
  const fileInput = useRef<HTMLInputElement>(null);
  const bar = useRef<HTMLElement>(null);
  // The bar wraps onto a second line on narrow screens: side panels start below it, whatever its height.
  useEffect(() => {
    const el = bar.current;
    if (!el) return;
    const ro = new ResizeObserver(() => document.documentElement.style.setProperty('--topbar-h', `${el.offsetHeight}px`));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return (
    <header className="topbar" ref={bar}>
      <h1>
        vanfleet <small>autonomous delivery fleet simulator</small>
      </h1>
      <label>
        Scenario
        <select value={p.scenarioKey} disabled={p.busy} onChange={(e) => (e.target.value === '__file' ? fileInput.current?.click() : p.onPickScenario(e.target.value))} data-testid="scenario-select">
          {SHIPPED.map((s) => (
            <option key={s.key} value={s.key}>
              {s.key}
            </option>
          ))}
          {!SHIPPED.some((s) => s.key === p.scenarioKey) && <option value={p.scenarioKey}>{p.scenarioKey}</option>}
          <option value="__file">Open scenario, map or strategy…</option>
        </select>
      </label>
      <input
        ref={fileInput}
        type="file"
        accept=".json,.pbf,.osm,.xml,.geojson,.ts,.mts,.js,.mjs,application/json"
        hidden
        data-testid="scenario-file"
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (f) p.onOpenFile(f);
          e.target.value = '';
        }}
      />
      {p.info && (
        <NamedPicker
          label="Strategy"
          value={p.info.strategy}
          options={p.info.strategies}
          disabled={p.busy}
          onChange={p.onStrategy}
          testId="strategy-select"
          title={p.info.strategies.find((s) => s.name === p.info!.strategy)?.file ? FILE_NOTE : 'Open a strategy file (.ts, .js) to run it here'}
        />
      )}
      {p.info && !p.info.synthetic && (
        <NamedPicker label="Charging" value={p.info.charging} options={p.info.chargingPolicies} disabled={p.busy} onChange={p.onCharging} testId="charging-select" title={schedulerNote(p.info.scheduler)} />
      )}
      <div className="playback">
        <button type="button" onClick={p.onTogglePause} data-testid="play-pause" aria-label={p.paused ? 'Play' : 'Pause'}>
          {p.paused ? '▶ Play' : '❚❚ Pause'}
        </button>
        <button type="button" onClick={p.onRestart} title="Restart the day" aria-label="Restart">
          ↺
        </button>
        <div className="speeds" role="group" aria-label="Speed">
          {SPEEDS.map((s) => (
            <button type="button" key={s} className={s === p.speed ? 'on' : ''} onClick={() => p.onSpeed(s)} data-testid={`speed-${s}`}>
              {s}×
            </button>
          ))}
        </div>
        <input
          type="number"
          className="speed-any"
          min={0.1}
          max={20000}
          step="any"
          value={p.speed}
          title="Any speed (simulated seconds per second)"
          aria-label="Speed"
          data-testid="speed-input"
          onChange={(e) => {
            const v = Number(e.target.value);
            if (Number.isFinite(v) && v > 0) p.onSpeed(Math.min(20000, v));
          }}
        />
        <Clock client={p.client} />
        <button type="button" className={p.demo ? 'on' : ''} onClick={() => p.onDemo(!p.demo)} data-testid="demo-toggle" title="Kiosk demo: the camera tours the city and captions explain">
          {p.demo ? '■ Demo' : '▶ Demo'}
        </button>
        <button type="button" onClick={p.onShare} data-testid="share" title="Copy a link to this moment and view">
          {p.shared ? 'Link copied' : 'Share'}
        </button>
        <a href="?page=solver" className="solver-link" data-testid="solver-link" title="The routing optimiser on benchmark instances: routes, cost curve, operators, and a race of two settings">
          Solver
        </a>
        <a href="?page=lab" className="solver-link" data-testid="lab-link" title="Compare strategies and settings over many seeds in parallel workers: means with 95 % intervals, paired differences, KPIs over the day">
          Lab
        </a>
      </div>
    </header>
  );
}

/** Said of a strategy file in the run: the address cannot carry a local file. */
export const FILE_NOTE = 'A strategy file from this computer: a reload or a shared link runs the scenario\'s own strategy';

/** A labelled select over named choices (dispatch strategies, charging policies), each with its description as a tooltip. */
function NamedPicker(p: { label: string; value: string; options: readonly { name: string; description: string; label?: string }[]; disabled: boolean; onChange: (name: string) => void; testId: string; title?: string }) {
  return (
    <label title={p.title}>
      {p.label}
      <select value={p.value} disabled={p.disabled} onChange={(e) => p.onChange(e.target.value)} data-testid={p.testId}>
        {p.options.map((o) => (
          <option key={o.name} value={o.name} title={o.description}>
            {o.label ?? o.name}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Where the run's fleet charging scheduler runs, for the charging picker's tooltip. */
function schedulerNote(where: 'worker' | 'in-thread' | null | undefined): string | undefined {
  if (where === 'worker') return 'fleet charging scheduler: in a worker of its own';
  if (where === 'in-thread') return 'fleet charging scheduler: inside the simulation worker (the page is not cross-origin isolated)';
  return undefined;
}
