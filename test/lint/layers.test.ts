import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixture = fileURLToPath(new URL('../fixtures/layers', import.meta.url));
const bin = `${root}node_modules/.bin/depcruise`;

/** Run the project's rules on a tree; returns dependency-cruiser's error report (empty when clean). */
function cruise(cwd: string, paths: string[]): string {
  try {
    execFileSync(bin, [...paths, '--config', `${root}.dependency-cruiser.cjs`, '--output-type', 'err'], { cwd, encoding: 'utf8', stdio: 'pipe' });
    return '';
  } catch (e) {
    return String((e as { stdout?: string }).stdout ?? e);
  }
}

describe('the import rules (.dependency-cruiser.cjs)', () => {
  it('refuse a layer breach, a circle, core importing the UI, a worker importing the UI and an unmapped core folder', () => {
    const report = cruise(fixture, ['src', 'workers']);
    expect(report).toMatch(/error core-layer-sim: src\/core\/sim\/engine\.ts → src\/core\/dispatch\/dispatcher\.ts/);
    expect(report).toMatch(/error no-circular: src\/core\/(sim\/engine|dispatch\/dispatcher)\.ts/);
    expect(report).toMatch(/error core-is-pure: src\/core\/util\/clock\.ts → src\/ui\/label\.ts/);
    expect(report).toMatch(/error workers-not-ui: workers\/sim\.worker\.ts → src\/ui\/label\.ts/);
    expect(report).toMatch(/error core-folders-are-layered: src\/core\/dispatch\/dispatcher\.ts → src\/core\/shiny\/thing\.ts/);
  });
});
