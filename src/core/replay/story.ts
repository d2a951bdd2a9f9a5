import { formatClock } from '../util/clock.ts';
import { lastAtOrBefore, type Timeline } from './Timeline.ts';

/** A line for the demo's caption bar: what the fleet, or the van on camera, is doing and why. */
export interface Caption {
  readonly t: number;
  readonly van: number;
  readonly headline: string;
  readonly detail: string;
}

const VERB: Record<string, string> = {
  tour: 'sets off on a delivery tour',
  'line-haul': 'line-hauls parcels from the warehouse',
  charge: 'goes to charge',
  reposition: 'moves to where the work is',
  'idle-charge': 'tops up its battery while it waits',
};

/** Facility ids as people read them: station-2 → Station 2. */
export function placeName(id: string): string {
  return id.replace(/^station-/, 'Station ').replace(/^warehouse$/, 'the warehouse');
}

/**
 * The caption for time t: the latest decision of the van on camera (if it is recent enough to
 * explain what the van is doing), else the fleet's latest notable decision. Idle top-ups are only
 * told when nothing else happened.
 */
export function captionAt(tl: Timeline, ids: readonly string[], t: number, focusVan: number): Caption | null {
  if (focusVan >= 0 && focusVan < tl.vanCount) {
    const i = tl.decisionIndexAt(focusVan, t);
    if (i >= 0) return describe(tl, ids, focusVan, i);
  }
  const all = tl.allDecisions;
  let k = lastAtOrBefore(all, 3, t);
  let fallback = -1;
  for (let tries = 0; k >= 0 && tries < 200; k--, tries++) {
    const v = all[3 * k + 1];
    const d = tl.decisions[v][all[3 * k + 2]];
    if (d.kind !== 'idle-charge') return describe(tl, ids, v, all[3 * k + 2]);
    if (fallback < 0) fallback = k;
  }
  return fallback >= 0 ? describe(tl, ids, all[3 * fallback + 1], all[3 * fallback + 2]) : null;
}

function describe(tl: Timeline, ids: readonly string[], v: number, i: number): Caption {
  const d = tl.decisions[v][i];
  const stops = d.plan.filter((s) => s.kind === 'handover').length;
  const what = d.kind === 'tour' && stops > 0 ? `${VERB.tour} (${stops} doors)` : (VERB[d.kind] ?? d.kind);
  const reason = d.reason.replace(/station-(\w+)/g, 'Station $1').replace(/\bwarehouse\b/g, 'the warehouse').replace(/the the/g, 'the');
  return { t: d.t, van: v, headline: `${formatClock(d.t)} · ${ids[v] ?? `van ${v}`} ${what}`, detail: reason.charAt(0).toUpperCase() + reason.slice(1) };
}
