/**
 * Cache of prepared city packs keyed by the extract's content and the import options, so a city
 * opens instantly the second time: IndexedDB in the browser (IndexedDbStore; works in workers
 * too), a Map in tests (MemoryStore). The CLI keeps packs as files instead.
 *
 * A cached entry is checked before use (magic, version, graph/hierarchy match): a stale or
 * corrupt one is dropped and rebuilt, never trusted.
 */
import { unpackCity } from '../src/core/city/CityPack.ts';

/** Where packs are kept: any async key → bytes store. */
export interface PackStore {
  get(key: string): Promise<ArrayBuffer | undefined>;
  put(key: string, value: ArrayBuffer): Promise<void>;
  delete(key: string): Promise<void>;
}

export class MemoryStore implements PackStore {
  readonly map = new Map<string, ArrayBuffer>();
  async get(key: string) {
    return this.map.get(key);
  }
  async put(key: string, value: ArrayBuffer) {
    this.map.set(key, value);
  }
  async delete(key: string) {
    this.map.delete(key);
  }
}

/** IndexedDB object store `packs` in database `vanfleet-cities` (one value per key). */
export class IndexedDbStore implements PackStore {
  private db: Promise<IDBDatabase> | null = null;

  constructor(private readonly dbName = 'vanfleet-cities', private readonly factory: IDBFactory = indexedDB) {}

  private open(): Promise<IDBDatabase> {
    this.db ??= new Promise((resolve, reject) => {
      const req = this.factory.open(this.dbName, 1);
      req.onupgradeneeded = () => req.result.createObjectStore('packs');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error ?? new Error(`IndexedDB: cannot open ${this.dbName}`));
    });
    return this.db;
  }

  private async run<T>(mode: IDBTransactionMode, op: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
    const db = await this.open();
    return new Promise<T>((resolve, reject) => {
      const req = op(db.transaction('packs', mode).objectStore('packs'));
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
    });
  }

  async get(key: string) {
    const v = await this.run<unknown>('readonly', (s) => s.get(key));
    return v instanceof ArrayBuffer ? v : undefined;
  }
  async put(key: string, value: ArrayBuffer) {
    await this.run('readwrite', (s) => s.put(value, key));
  }
  async delete(key: string) {
    await this.run('readwrite', (s) => s.delete(key));
  }
}

/** Bump when the importer or pack format changes what a given extract turns into. */
export const PACK_RECIPE = 'vanfleet-citypack-1';

/** Cache key: SHA-256 of the extract bytes plus the options that shape the result. */
export async function packKey(bytes: Uint8Array, options: object = {}): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  const hex = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${PACK_RECIPE}:${hex}:${stableJson(options)}`;
}

/** JSON with object keys sorted at every level, so equal options give equal keys. */
function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).sort().filter((k) => o[k] !== undefined).map((k) => `${JSON.stringify(k)}:${stableJson(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/**
 * The pack for these extract bytes: from the store if a valid one is there, else built by
 * build() (typically packCity(importCityPack(…))) and stored. `cached` tells which.
 */
export async function loadOrBuildPack(store: PackStore, bytes: Uint8Array, options: object, build: () => Promise<ArrayBuffer>): Promise<{ pack: ArrayBuffer; cached: boolean; key: string }> {
  const key = await packKey(bytes, options);
  const hit = await store.get(key);
  if (hit) {
    try {
      unpackCity(hit.slice(0), key);
      return { pack: hit, cached: true, key };
    } catch {
      await store.delete(key); // stale or corrupt: rebuild
    }
  }
  const pack = await build();
  await store.put(key, pack.slice(0)); // keep our own copy: the caller may transfer `pack`
  return { pack, cached: false, key };
}
