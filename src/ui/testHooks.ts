import type { ScenarioInfo } from '../../workers/simApi.ts';
import type { Pick } from './scene/Picker.tsx';
import { view } from './scene/viewRegistry.ts';
import type { SimClient } from './simClient.ts';

export interface VanfleetHooks {
  /** Current simulated time, KPIs and van positions (copied). */
  state(): {
    t: number;
    finished: boolean;
    kpis: unknown;
    vans: number[];
    info: ScenarioInfo | null;
    problems: string[];
    paused: boolean;
    speed: number;
    selection: Pick;
    frames: number;
    firstFrameMs: number;
    stats: typeof view.stats;
  };
  /** Load scenario JSON text as if a file named `name` had been opened. */
  loadText(text: string, name: string): Promise<void>;
  setSpeed(speed: number): void;
  setPaused(paused: boolean): void;
  seek(t: number): void;
  select(van: number): void;
  selectFacility(facility: number): void;
  /** Where van v is drawn, in CSS pixels relative to the canvas (null if off screen). */
  vanOnScreen(v: number): { x: number; y: number } | null;
  /** The query string that reopens this view. */
  query(): string;
  /** Cheap figures for benchmarks (no copies of the fleet). */
  perf(): { frames: number; vans: number; buildings: number; firstFrameMs: number; t: number };
}

declare global {
  interface Window {
    __vanfleet?: VanfleetHooks;
  }
}

interface AppSide {
  info: ScenarioInfo | null;
  buildings: number;
  problems: string[];
  selection: Pick;
  loadText(text: string, source: string, key: string): Promise<unknown>;
  select(v: number): void;
  selectFacility(f: number): void;
  setPaused(p: boolean): void;
  query(): string;
}

/** A small, stable surface for the browser tests and benchmarks (and for people poking at the app from the console). */
export function exposeTestHooks(client: SimClient, app: () => AppSide): () => void {
  window.__vanfleet = {
    state: () => ({
      t: client.hasFrame ? client.displayT : client.displayT,
      finished: client.finished,
      kpis: client.kpis(),
      vans: client.hasFrame ? Array.from(client.curVans) : [],
      info: app().info,
      problems: app().problems,
      paused: client.paused,
      speed: client.speed,
      selection: app().selection,
      frames: view.stats.frames,
      firstFrameMs: client.firstFrameMs,
      stats: { ...view.stats },
    }),
    loadText: async (text, name) => {
      await app().loadText(text, name, name);
    },
    setSpeed: (s) => {
      client.speed = s;
    },
    setPaused: (p) => app().setPaused(p),
    seek: (t) => client.seek(t),
    select: (v) => app().select(v),
    selectFacility: (f) => app().selectFacility(f),
    vanOnScreen: (v) => view.vanOnScreen?.(v) ?? null,
    query: () => app().query(),
    perf: () => ({ frames: view.stats.frames, vans: view.stats.vans, buildings: app().buildings, firstFrameMs: client.firstFrameMs, t: client.displayT }),
  };
  return () => {
    delete window.__vanfleet;
  };
}
