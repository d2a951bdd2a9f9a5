/**
 * `npm run bench -- <name> [options]`: runs bench/<name>.bench.ts, whose `main(argv)` measures
 * vanfleet and its peer side by side in this process and writes bench/results/<name>*.json.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.slice(0, -'.bench.ts'.length))
  .sort();

const [name, ...rest] = process.argv.slice(2);
if (!name || !available.includes(name)) {
  process.stderr.write(
    `${name ? `bench: unknown benchmark "${name}"` : 'bench: name a benchmark'}; available: ${available.join(', ') || '(none)'}\n` +
      'usage: npm run bench -- <name> [options]\n',
  );
  process.exit(2);
}
const mod = (await import(pathToFileURL(join(here, `${name}.bench.ts`)).href)) as { main(argv: string[]): Promise<void> };
await mod.main(rest);
