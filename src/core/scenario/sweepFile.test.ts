import { describe, expect, it } from 'vitest';
import { parseSweep, planSweep, sweepPoints, SweepError, type SweepFile } from './sweepFile.ts';

const BASE = `{
  "name": "t",
  "city": { "kind": "procedural", "widthM": 900, "heightM": 900, "blockM": 150, "seed": 1 },
  "fleet": { "size": 3 },
  "demand": { "parcels": 20 }
}
`;

/** The problems a sweep (and base scenario) text gives, one formatted line each. */
function problems(text: string, base = BASE): string[] {
  try {
    planSweep(parseSweep(text, 'sw.json'), 'sw.json', base, 'base.json');
  } catch (e) {
    if (e instanceof SweepError) return e.message.split('\n');
    throw e;
  }
  return [];
}

describe('sweep files', () => {
  it('reads a grid into points (first path slowest, labelled as compare labels variants) and seeds', () => {
    const { sweep } = parseSweep('{"scenario": "b.json", "grid": {"dispatch.strategy": ["insertion", "nearest"], "fleet.size": [2, 4, 6]}, "seeds": {"count": 3}}', 'sw.json');
    expect(sweep.seeds).toEqual({ count: 3, first: 1 });
    const pts = sweepPoints(sweep);
    expect(pts.map((p) => p.label)).toEqual([
      'dispatch.strategy=insertion fleet.size=2',
      'dispatch.strategy=insertion fleet.size=4',
      'dispatch.strategy=insertion fleet.size=6',
      'dispatch.strategy=nearest fleet.size=2',
      'dispatch.strategy=nearest fleet.size=4',
      'dispatch.strategy=nearest fleet.size=6',
    ]);
    expect(pts[4].settings).toEqual({ 'dispatch.strategy': 'nearest', 'fleet.size': 4 });
  });

  it('without a grid is one point, the base scenario as written', () => {
    const { sweep } = parseSweep('{"scenario": "b.json", "seeds": {"count": 2, "first": 7}}', 'sw.json');
    expect(sweepPoints(sweep).map((p) => p.label)).toEqual(['as written']);
    const plan = planSweep({ sweep, lines: new Map() }, 'sw.json', BASE, 'base.json');
    expect(plan.scenarios[0].fleet.size).toBe(3);
  });

  it('writes each point into the base scenario and validates it', () => {
    const plan = planSweep(parseSweep('{"scenario": "b.json", "grid": {"fleet.size": [5, 6], "demand.waves": [[{"at": "08:00", "share": 1}]]}, "seeds": {"count": 1}}', 'sw.json'), 'sw.json', BASE, 'base.json');
    expect(plan.scenarios.map((s) => s.fleet.size)).toEqual([5, 6]);
    expect(JSON.parse(plan.texts[1]).demand).toEqual({ parcels: 20, waves: [{ at: '08:00', share: 1 }] });
  });

  it('names file, line and field of every problem in the sweep file, in file order', () => {
    const text = `{
  "scenario": "small.jsn",
  "grid": {
    "fleet..size": [4],
    "fleet.size": [],
    "demand.parcels": [1, 2, 1],
    "x": 3
  },
  "seeds": { "count": 0, "first": -1 },
  "extra": 1
}`;
    expect(problems(text)).toEqual([
      'sw.json:2: scenario: expected a scenario file ending .json (relative to this sweep file), got "small.jsn"',
      'sw.json:4: grid["fleet..size"]: "fleet..size" is not a field path like fleet.size or demand.waves[0].share',
      'sw.json:5: grid["fleet.size"]: expected a non-empty array of the values it takes, got []',
      'sw.json:6: grid["demand.parcels"][2]: 1 is listed twice (also at [0])',
      'sw.json:7: grid["x"]: expected a non-empty array of the values it takes, got 3',
      'sw.json:9: seeds.count: expected a positive integer, got 0',
      'sw.json:9: seeds.first: expected a non-negative integer, got -1',
      'sw.json:10: extra: unknown field; expected one of: name, description, scenario, grid, seeds',
    ]);
  });

  it('reports missing fields, a grid that is not an object, overlapping paths and bad JSON', () => {
    expect(problems('{\n"grid": {}\n}')).toEqual(['sw.json:1: scenario: required field is missing', 'sw.json:1: seeds: required field is missing']);
    expect(problems('{"scenario": "b.json",\n "grid": [1],\n "seeds": {"count": 1}}')).toEqual(['sw.json:2: grid: expected an object of "path": [values], got [1]']);
    expect(problems('{"scenario": "b.json", "grid": {\n"fleet": [{"size": 2}],\n"fleet.size": [3]}, "seeds": {"count": 1}}')).toEqual([
      'sw.json:3: grid["fleet.size"]: overlaps grid["fleet"]: one path lies inside the other, so one would overwrite the other',
    ]);
    expect(problems('{"scenario": "b.json",\n "seeds": {"count": 1},\n}')).toEqual([`sw.json:3: column 1: invalid JSON: expected a property name in double quotes but found '}'`]);
    expect(problems('{"scenario": "b.json", "seeds": {"count": 100000}, "grid": {"fleet.size": [1,2,3,4,5,6,7,8,9,10,11]}}')).toEqual(['sw.json:1: seeds.count: 1100000 runs (points × seeds); at most 1000000 in one sweep']);
    // Found writing the grid fuzzer: the points were listed before they were counted, and 20^10 of them ran out of memory.
    const wide = JSON.stringify({ scenario: 'b.json', seeds: { count: 1 }, grid: Object.fromEntries(Array.from({ length: 10 }, (_, a) => [`fleet.x${a}`, Array.from({ length: 20 }, (_, i) => i)])) });
    expect(problems(wide)).toEqual(['sw.json:1: seeds.count: 10240000000000 runs (points × seeds); at most 1000000 in one sweep']);
  });

  it('puts a bad point value on its line in the sweep file and names the points it breaks', () => {
    const text = `{
  "scenario": "base.json",
  "grid": {
    "fleet.size": [4, 0],
    "dispatch.strategy": ["insertion", "zigzag"],
    "fleet.sise": [3]
  },
  "seeds": { "count": 2 }
}`;
    const out = problems(text);
    expect(out).toEqual([
      'sw.json:4: grid["fleet.size"][1]: expected a positive integer, got 0 (points 3 and 4)',
      expect.stringMatching(/^sw\.json:5: grid\["dispatch\.strategy"\]\[1\]: expected a built-in strategy \(insertion, .*\) or a strategy file ending \.ts or \.js, got "zigzag" \(points 2 and 4\)$/),
      expect.stringMatching(/^sw\.json:6: grid\["fleet\.sise"\]\[0\]: unknown field; expected one of: size, .* \(every point\)$/),
    ]);
    // One bad point of several: named with its label.
    expect(problems('{"scenario": "b.json",\n"grid": {"fleet": [{"size": 2}, {"size": -1}]}, "seeds": {"count": 1}}')).toEqual([
      'sw.json:2: grid["fleet"][1]: fleet.size: expected a positive integer, got -1 (point 2: fleet={"size":-1})',
    ]);
  });

  it('puts a problem of the base scenario on its line there', () => {
    const base = '{\n "name": "x",\n "fleet": {"size": 3},\n "demand": {"parcels": -4}\n}';
    expect(problems('{"scenario": "b.json", "grid": {"fleet.size": [2, 3]}, "seeds": {"count": 1}}', base)).toEqual([
      'base.json:1: city: required field is missing (every point)',
      'base.json:4: demand.parcels: expected a non-negative integer, got -4 (every point)',
    ]);
    expect(problems('{"scenario": "b.json", "seeds": {"count": 1}}', '{\n "name": \n}')).toEqual([`base.json:3: column 1: invalid JSON: unexpected '}'`]);
  });

  it('keeps the parsed sweep as a plain value (what the fingerprint hashes)', () => {
    const { sweep } = parseSweep('{"name": "n", "scenario": "b.json", "grid": {"fleet.size": [1]}, "seeds": {"count": 1, "first": 0}}', 'sw.json');
    expect(sweep).toEqual<SweepFile>({ name: 'n', description: undefined, scenario: 'b.json', grid: [{ path: 'fleet.size', values: [1] }], seeds: { count: 1, first: 0 } });
  });
});
