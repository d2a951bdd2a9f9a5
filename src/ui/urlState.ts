import { formatClock, parseClock } from '../core/util/clock.ts';
import type { CameraPose } from './scene/CameraRig.tsx';

export interface Overlays {
  /** Vans coloured by state (off: all white). */
  readonly states: boolean;
  readonly heatmap: boolean;
  readonly late: boolean;
  readonly chargers: boolean;
}

export const OVERLAY_NAMES = ['states', 'heatmap', 'late', 'chargers'] as const;
export const DEFAULT_OVERLAYS: Overlays = { states: true, heatmap: false, late: false, chargers: false };

export type TrailSetting = 'all' | 'selected' | 'off';

/**
 * Everything a shared link reopens: which run (scenario, seed, strategy, charging policy), which moment (time,
 * paused, speed), and how it is looked at (camera, selection, follow, overlays, trails), plus the
 * special modes (demo, performance panel, benchmark scene).
 */
export interface UrlState {
  readonly scenario?: string;
  readonly seed?: number;
  readonly strategy?: string;
  /** Charging policy by name (threshold, scheduled). */
  readonly charging?: string;
  readonly t?: number;
  readonly speed?: number;
  readonly paused?: boolean;
  readonly cam?: CameraPose;
  /** A van id (V07) or a facility id (station-A, warehouse). */
  readonly sel?: string;
  readonly follow?: boolean;
  readonly overlays: Overlays;
  readonly trails?: TrailSetting;
  readonly shadows?: boolean;
  readonly demo: boolean;
  readonly perf: boolean;
  /** Benchmark scene: this many synthetic vans; `empty` draws nothing (the reference frame cost). */
  readonly bench?: number;
  readonly empty: boolean;
}

const num = (s: string | null): number | undefined => (s === null || s.trim() === '' || !Number.isFinite(Number(s)) ? undefined : Number(s));
const flag = (s: string | null): boolean | undefined => (s === null ? undefined : s === '1' || s === 'true');

export function parseUrlState(search: string): UrlState {
  const q = new URLSearchParams(search);
  const camParts = (q.get('cam') ?? '').split(',').map(Number);
  const cam = camParts.length === 5 && camParts.every(Number.isFinite) ? { x: camParts[0], y: camParts[1], z: camParts[2], tx: camParts[3], tz: camParts[4] } : undefined;
  const tText = q.get('t');
  const t = tText === null ? undefined : (parseClock(tText) ?? num(tText));
  const ov = q.get('ov');
  const on = new Set((ov ?? '').split(',').filter(Boolean));
  const overlays: Overlays = ov === null ? DEFAULT_OVERLAYS : { states: on.has('states'), heatmap: on.has('heatmap'), late: on.has('late'), chargers: on.has('chargers') };
  const trails = q.get('trails');
  return {
    scenario: q.get('scenario') ?? undefined,
    seed: num(q.get('seed')),
    strategy: q.get('strategy') ?? undefined,
    charging: q.get('charging') ?? undefined,
    t,
    speed: num(q.get('speed')),
    paused: flag(q.get('paused')),
    cam,
    sel: q.get('sel') ?? undefined,
    follow: flag(q.get('follow')),
    overlays,
    trails: trails === 'all' || trails === 'selected' || trails === 'off' ? trails : undefined,
    shadows: flag(q.get('shadows')),
    demo: flag(q.get('demo')) ?? false,
    perf: flag(q.get('perf')) ?? false,
    bench: num(q.get('bench')),
    empty: flag(q.get('empty')) ?? false,
  };
}

const r1 = (x: number) => String(Math.round(x * 10) / 10);

/** The query string for a state (stable order; defaults left out, so links stay short). */
export function formatUrlState(s: UrlState): string {
  const q = new URLSearchParams();
  if (s.bench !== undefined) q.set('bench', String(s.bench));
  if (s.empty) q.set('empty', '1');
  if (s.scenario !== undefined) q.set('scenario', s.scenario);
  if (s.seed !== undefined) q.set('seed', String(s.seed));
  if (s.strategy !== undefined) q.set('strategy', s.strategy);
  if (s.charging !== undefined) q.set('charging', s.charging);
  if (s.t !== undefined) q.set('t', formatClock(s.t, true));
  if (s.speed !== undefined) q.set('speed', String(s.speed));
  if (s.paused) q.set('paused', '1');
  if (s.cam) q.set('cam', [s.cam.x, s.cam.y, s.cam.z, s.cam.tx, s.cam.tz].map(r1).join(','));
  if (s.sel !== undefined) q.set('sel', s.sel);
  if (s.follow) q.set('follow', '1');
  const ov = OVERLAY_NAMES.filter((k) => s.overlays[k]);
  if (ov.join(',') !== 'states') q.set('ov', ov.join(','));
  if (s.trails !== undefined && s.trails !== 'all') q.set('trails', s.trails);
  if (s.shadows !== undefined) q.set('shadows', s.shadows ? '1' : '0');
  if (s.demo) q.set('demo', '1');
  if (s.perf) q.set('perf', '1');
  return q.toString().replace(/%2C/g, ',').replace(/%3A/g, ':');
}
