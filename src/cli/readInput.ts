import { readFileSync, statSync } from 'node:fs';

/** A missing or unreadable input file: reported as one line, exit code 2. */
export class CliInputError extends Error {}

export function readTextFile(file: string): string {
  let st;
  try {
    st = statSync(file);
  } catch {
    throw new CliInputError(`${file}: file not found`);
  }
  if (st.isDirectory()) throw new CliInputError(`${file}: is a directory, expected a file`);
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new CliInputError(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}
