import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyTables, benchTables, README, RESULTS_DIR, vrpTable } from './tables.bench.ts';

describe('README benchmark tables', () => {
  it('match the result files in bench/results (npm run bench -- tables regenerates them)', () => {
    const { stale, missing } = applyTables(readFileSync(README, 'utf8'), benchTables());
    expect({ stale, missing }).toEqual({ stale: [], missing: [] });
  });

  it('are named when a figure drifts from its file, and rewritten in place', () => {
    const tables = benchTables();
    const routing = tables.find((t) => t.name === 'routing')!;
    const readme = `intro\n\n<!-- bench:routing -->\n\n${routing.markdown.replace('| 1000×1000 matrix |', '| matrix |')}\n\n<!-- /bench:routing -->\n\nafter\n`;
    const first = applyTables(readme, tables);
    expect(first.stale).toEqual(['routing']);
    expect(first.missing).toEqual(['render', 'vrp', 'vrp-behind', 'dispatch', 'city-day']);
    expect(first.text).toBe(`intro\n\n<!-- bench:routing -->\n\n${routing.markdown}\n\n<!-- /bench:routing -->\n\nafter\n`);
    expect(applyTables(first.text, tables).stale).toEqual([]);
  });

  it('quote runs of the same configuration on other seeds beside the seed-1 figure', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-tables-'));
    for (const f of ['vrp-solomon-30s.json', 'vrp-vroom6-2s.json', 'vrp-solomon-hierarchical-30s.json', 'vrp-evrptw-60s.json', 'vrp-evrptw-partial-60s.json', 'vrp-x-60s.json', 'vrp-x1000-120s.json']) {
      writeFileSync(join(dir, f), readFileSync(join(RESULTS_DIR, f)));
    }
    const seed2 = JSON.parse(readFileSync(join(RESULTS_DIR, 'vrp-vroom6-2s.json'), 'utf8')) as { seed: number; groups: { group: string; meanGap: number }[] };
    seed2.seed = 2;
    seed2.groups.find((g) => g.group === 'all')!.meanGap = 0.5;
    writeFileSync(join(dir, 'vrp-vroom6-2s-seed2.json'), JSON.stringify(seed2));
    const t = vrpTable(dir);
    expect(t.sources).toContain('vrp-vroom6-2s-seed2.json');
    expect(t.markdown).toMatch(/\| 2 s \| \d+\.\d\d % \(seed 2: 0\.50 %\) \|/);
  });
});
