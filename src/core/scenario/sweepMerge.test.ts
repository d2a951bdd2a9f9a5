import { describe, expect, it } from 'vitest';
import { COMPARE_METRICS } from './compareRuns.ts';
import { parseSweep, planSweep } from './sweepFile.ts';
import { mergeShards, SweepMergeError, sweepSummary, sweepTableCsv } from './sweepMerge.ts';
import { shardFileName, shardItemNumbers, sweepItem } from './sweepShard.ts';
import { kpiValue, shardFileText, type KpiValue } from './sweepShardFile.ts';

const BASE = '{"name": "t", "city": {"kind": "procedural", "widthM": 900, "heightM": 900, "blockM": 150, "seed": 1}, "fleet": {"size": 3}, "demand": {"parcels": 20}}';
const plan = planSweep(parseSweep('{"name": "m", "scenario": "b.json", "grid": {"fleet.size": [2, 3], "dispatch.strategy": ["insertion", "a,\\"b\\".ts"]}, "seeds": {"count": 2, "first": 5}}', 'sw.json'), 'sw.json', BASE, 'b.json');
const TOTAL = 8;

/** Made-up KPIs that identify the item (the merge must put each where it belongs). */
const kpisOf = (k: number): Record<string, KpiValue> => Object.fromEntries(COMPARE_METRICS.map((m, j) => [m.key, kpiValue(j === 0 && k === 3 ? Infinity : k + j / 10)]));

function shards(count: number, fingerprint = 'sha256:aaaa'): { name: string; text: string }[] {
  return Array.from({ length: count }, (_, i) => {
    const items = shardItemNumbers(TOTAL, i, count).map((k) => sweepItem(k, plan.sweep));
    return { name: `out/${shardFileName(i, count)}`, text: shardFileText(plan, fingerprint, { index: i, count }, items, items.map((it) => kpisOf(it.item))) };
  });
}

function mergeProblems(inputs: { name: string; text: string }[], expected?: string): string[] {
  try {
    mergeShards(inputs, 'out/', expected);
  } catch (e) {
    if (e instanceof SweepMergeError) return [...e.problems];
    throw e;
  }
  return [];
}

describe('sweep merge', () => {
  it('gives the same table bytes whatever the shard count and the order shards are read in', () => {
    const one = sweepTableCsv(mergeShards(shards(1), 'out'));
    const three = shards(3);
    for (const order of [[0, 1, 2], [2, 0, 1], [1, 2, 0]]) expect(sweepTableCsv(mergeShards(order.map((i) => three[i]), 'out'))).toBe(one);
    expect(sweepTableCsv(mergeShards(shards(5), 'out'))).toBe(one);
    expect(sweepTableCsv(mergeShards(shards(11), 'out'))).toBe(one); // more shards than runs: some are empty
  });

  it('writes RFC 4180 CSV: point, each varied path, seed, each KPI by key; CRLF; quotes where needed', () => {
    const csv = sweepTableCsv(mergeShards(shards(2), 'out'));
    const lines = csv.split('\r\n');
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(lines[0]).toBe(['point', 'fleet.size', 'dispatch.strategy', 'seed', ...COMPARE_METRICS.map((m) => m.key)].join(','));
    expect(lines).toHaveLength(TOTAL + 2);
    expect(lines[1].startsWith('fleet.size=2 dispatch.strategy=insertion,2,insertion,5,0,0.1,')).toBe(true);
    expect(lines[2].startsWith('fleet.size=2 dispatch.strategy=insertion,2,insertion,6,1,1.1,')).toBe(true);
    expect(lines[4].startsWith('"fleet.size=2 dispatch.strategy=a,""b"".ts",2,"a,""b"".ts",6,Infinity,3.1,')).toBe(true);
  });

  it('names a missing shard with the file it expected', () => {
    const s = shards(3);
    expect(mergeProblems([s[0], s[1]])).toEqual(['shard 2 of 3 missing: out/shard-2-of-3.json']);
    expect(mergeProblems([s[1]])).toEqual(['shard 0 of 3 missing: out/shard-0-of-3.json', 'shard 2 of 3 missing: out/shard-2-of-3.json']);
  });

  it('names a duplicated shard by its files', () => {
    const s = shards(3);
    expect(mergeProblems([s[0], s[1], { name: 'out/shard-1-of-3 (copy).json', text: s[1].text }, s[2]])).toEqual(['shard 1 of 3 duplicated: out/shard-1-of-3.json, out/shard-1-of-3 (copy).json']);
  });

  it('names a foreign shard, one of another count, and files that are not shards or are damaged', () => {
    const s = shards(3);
    const other = shards(3, 'sha256:bbbb')[2];
    expect(mergeProblems([s[0], s[1], other])).toEqual([
      'out/shard-2-of-3.json: foreign shard (of another sweep, or of this one before it, its scenario or a file it reads changed): fingerprint sha256:bbbb, the other shards have sha256:aaaa',
      'shard 2 of 3 missing: out/shard-2-of-3.json',
    ]);
    // With the sweep's own fingerprint, even a majority can be foreign.
    expect(mergeProblems(shards(2, 'sha256:bbbb'), 'sha256:aaaa')).toEqual([
      'out/shard-0-of-2.json: foreign shard (of another sweep, or of this one before it, its scenario or a file it reads changed): fingerprint sha256:bbbb, the sweep file gives sha256:aaaa',
      'out/shard-1-of-2.json: foreign shard (of another sweep, or of this one before it, its scenario or a file it reads changed): fingerprint sha256:bbbb, the sweep file gives sha256:aaaa',
    ]);
    expect(mergeProblems([...s, shards(2)[0]])).toEqual(['out/shard-0-of-2.json: shard 0 of 2, but the other shards are of 3 (this sweep was sharded twice, with different counts)']);
    expect(mergeProblems([...s, { name: 'out/shard-x.json', text: '{"a": 1}' }, { name: 'out/shard-y.json', text: '{' }])).toEqual([
      'out/shard-x.json: not a sweep shard file (format null, expected "vanfleet-sweep-shard/1")',
      expect.stringMatching(/^out\/shard-y\.json: not a sweep shard file: invalid JSON \(/),
    ]);
    const cut = JSON.parse(s[1].text);
    cut.runs.pop();
    expect(mergeProblems([s[0], { name: s[1].name, text: JSON.stringify(cut) }, s[2]])).toEqual(['out/shard-1-of-3.json: holds runs 1, 4, but shard 1 of 3 runs 1, 4, 7 (a damaged or edited file)']);
    cut.runs[0].kpis.cost = null;
    expect(mergeProblems([{ name: s[1].name, text: JSON.stringify(cut) }])).toEqual(['out/shard-1-of-3.json: damaged shard file: runs[0].kpis.cost: expected a number, got null']);
    expect(mergeProblems([], undefined)).toEqual(['out/: no shard files (shard-*.json)']);
  });

  it('summarises each point over its seeds', () => {
    const sum = sweepSummary(mergeShards(shards(3), 'out'));
    expect(sum.map((p) => p.label)).toEqual(plan.points.map((p) => p.label));
    expect(sum[0].metrics.cost.n).toBe(2);
    expect(sum[2].metrics.onTime.mean).toBeCloseTo(4.6); // items 4 and 5: (4.1 + 5.1) / 2
    expect(sum[1].metrics.deliveredShare.mean).toBe(Infinity);
  });
});
