/**
 * The benchmark instances shipped in bench/instances, as lazy asset URLs for the Solver page (a
 * file is fetched only when opened, and is not precached for offline use), with their
 * best-known values.
 */
const files = import.meta.glob(['../../../bench/instances/**/*.txt', '../../../bench/instances/x/*.vrp', '!**/README.txt'], { query: '?url', import: 'default' }) as Record<string, () => Promise<string>>;
const bksFiles = import.meta.glob('../../../bench/instances/*/bks.json', { query: '?url', import: 'default' }) as Record<string, () => Promise<string>>;

export interface ShippedInstance {
  /** `set/name`, e.g. `solomon/R101`, `x/X-n101-k25`, `evrptw/c101C5`. */
  readonly key: string;
  readonly set: string;
  readonly name: string;
  readonly file: string;
  readonly url: () => Promise<string>;
}

export const SHIPPED_INSTANCES: readonly ShippedInstance[] = Object.entries(files)
  .map(([path, url]) => {
    const rel = path.replace(/^.*bench\/instances\//, '');
    const set = rel.split('/')[0];
    const file = rel.split('/').at(-1)!;
    const name = file.replace(/\.(txt|vrp)$/, '');
    return { key: `${set}/${name}`, set, name, file, url };
  })
  .sort((a, b) => a.set.localeCompare(b.set) || a.name.localeCompare(b.name, undefined, { numeric: true }));

export interface Bks {
  readonly distance: number;
  readonly vehicles: number | null;
  /** Distance objective (DIMACS truncation) where the set has one. */
  readonly distanceOnly?: number;
}

const bksCache = new Map<string, Promise<Record<string, Bks>>>();

/** Best-known values of a set (null where it has none). */
export async function bksOf(set: string): Promise<Record<string, Bks> | null> {
  const entry = Object.entries(bksFiles).find(([p]) => p.endsWith(`/instances/${set}/bks.json`));
  if (!entry) return null;
  if (!bksCache.has(set)) {
    bksCache.set(set, entry[1]().then(async (url) => {
      const raw = (await (await fetch(url)).json()) as Record<string, { distance: number; vehicles: number | null; distance_only?: { distance: number } }>;
      return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, { distance: v.distance, vehicles: v.vehicles, distanceOnly: v.distance_only?.distance }]));
    }));
  }
  return bksCache.get(set)!;
}
