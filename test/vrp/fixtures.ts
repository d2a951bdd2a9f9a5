/** Paths and loaders for the instances copied into bench/instances (never ../shared). */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const INSTANCES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bench', 'instances');

export function instanceText(set: string, file: string): string {
  return readFileSync(join(INSTANCES, set, file), 'utf8');
}
