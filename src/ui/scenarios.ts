/** The scenarios shipped in scenarios/, bundled as text so the worker validates them with line numbers. */
const files = import.meta.glob(['../../scenarios/*.json', '!**/*.schema.json'], { query: '?raw', import: 'default' }) as Record<string, () => Promise<string>>;

export interface ShippedScenario {
  readonly key: string;
  readonly path: string;
  readonly load: () => Promise<string>;
}

export const SHIPPED: readonly ShippedScenario[] = Object.entries(files)
  .map(([path, load]) => ({ key: path.split('/').pop()!.replace(/\.json$/, ''), path: `scenarios/${path.split('/').pop()}`, load }))
  .sort((a, b) => (a.key === 'default' ? -1 : b.key === 'default' ? 1 : a.key.localeCompare(b.key)));
