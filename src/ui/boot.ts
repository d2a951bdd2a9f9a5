import type { LoadResult } from '../../workers/simApi.ts';
import { SHIPPED } from './scenarios.ts';
import { SimClient } from './simClient.ts';
import { parseUrlState, type UrlState } from './urlState.ts';

/**
 * Work that starts before React mounts, so the first frame comes sooner: the sim worker is spawned
 * and the scenario (or benchmark fleet) the URL names starts building while the page's scripts
 * are still setting up. The app picks the result up on its first render.
 */
export interface Boot {
  readonly client: SimClient;
  readonly initial: UrlState;
  /** The first load, already under way: its result, the scenario key and source. */
  readonly first: Promise<{ result: LoadResult; key: string; source: string }> | null;
}

let boot: Boot | null = null;

export function shippedKey(want: string | undefined): string {
  return SHIPPED.find((s) => s.key === want)?.key ?? SHIPPED[0]?.key ?? 'default';
}

export function startBoot(): Boot {
  if (boot) return boot;
  const client = new SimClient();
  const initial = parseUrlState(location.search);
  let first: Boot['first'] = null;
  if (initial.bench) {
    const n = Math.max(1, Math.min(20000, Math.round(initial.bench)));
    first = client.loadBench(n).then((result) => ({ result, key: `bench-${n}`, source: `bench:${n}` }));
  } else {
    const s = SHIPPED.find((x) => x.key === shippedKey(initial.scenario));
    if (s) first = client.load(s.text, s.path, { seed: initial.seed, strategy: initial.strategy, charging: initial.charging }).then((result) => ({ result, key: s.key, source: s.path }));
  }
  boot = { client, initial, first };
  return boot;
}
