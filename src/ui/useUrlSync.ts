import { useEffect, useRef } from 'react';
import { view } from './scene/viewRegistry.ts';
import type { SimClient } from './simClient.ts';
import { formatUrlState, type UrlState } from './urlState.ts';

/** The parts of the URL state that React knows (the rest — time, camera — is read live). */
export type UrlFacts = Omit<UrlState, 't' | 'cam'>;

/** The full state of the view now, as a query string: camera and time read from the live view. */
export function currentQuery(client: SimClient, facts: UrlFacts): string {
  const cam = view.camera;
  const target = view.controls?.target;
  return formatUrlState({
    ...facts,
    t: client.hasFrame ? Math.round(client.displayT) : undefined,
    cam: cam && target ? { x: cam.position.x, y: cam.position.y, z: cam.position.z, tx: target.x, tz: target.z } : undefined,
  });
}

/** While the clock runs the URL is refreshed this seldom: history.replaceState costs several ms (Share writes it at once). */
const PLAYING_EVERY_S = 10;

/** Write the current view into the address bar now (before sharing it). */
export function writeUrl(client: SimClient, facts: UrlFacts): string {
  const q = currentQuery(client, facts);
  if (`?${q}` !== location.search) history.replaceState(null, '', `${location.pathname}${q ? `?${q}` : ''}`);
  return location.href;
}

/**
 * Keep the address bar a link to what is on screen: if anything changed, replace (not push) the
 * history entry — within a second when paused or after a change of view, every few seconds while
 * the clock runs — so reloading or sharing the URL reopens the same moment.
 */
export function useUrlSync(client: SimClient, facts: UrlFacts | null): void {
  const latest = useRef(facts);
  latest.current = facts;
  useEffect(() => {
    let ticks = 0;
    let lastFacts: UrlFacts | null = null;
    const id = setInterval(() => {
      const f = latest.current;
      if (!f) return;
      ticks++;
      const changed = f !== lastFacts;
      if (!changed && !client.paused && ticks % PLAYING_EVERY_S !== 0) return;
      lastFacts = f;
      const q = currentQuery(client, f);
      if (`?${q}` !== location.search && !(q === '' && location.search === '')) history.replaceState(null, '', `${location.pathname}${q ? `?${q}` : ''}`);
    }, 1000);
    return () => clearInterval(id);
  }, [client]);
}
