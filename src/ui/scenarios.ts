/**
 * The scenarios shipped in scenarios/, bundled as text (a few kB, so no extra request before the
 * first frame) so the worker validates them with line numbers.
 */
const files = import.meta.glob(['../../scenarios/*.json', '!**/*.schema.json'], { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export interface ShippedScenario {
  readonly key: string;
  readonly path: string;
  readonly text: string;
  readonly load: () => Promise<string>;
}

export const SHIPPED: readonly ShippedScenario[] = Object.entries(files)
  .map(([path, text]) => ({ key: path.split('/').pop()!.replace(/\.json$/, ''), path: `scenarios/${path.split('/').pop()}`, text, load: () => Promise.resolve(text) }))
  .sort((a, b) => (a.key === 'default' ? -1 : b.key === 'default' ? 1 : a.key.localeCompare(b.key)));
