import { describe, expect, it } from 'vitest';
import { parseScenario, ScenarioError } from './loadScenario.ts';

const base = {
  name: 'T',
  city: { kind: 'procedural' },
  fleet: { size: 3 },
  demand: { parcels: 10 },
};

/** Pretty-print like a hand-written file so line numbers are meaningful. */
const text = (o: unknown) => JSON.stringify(o, null, 2);

function problems(src: string): string[] {
  try {
    parseScenario(src, 'x.json');
  } catch (e) {
    if (e instanceof ScenarioError) return e.message.split('\n');
    throw e;
  }
  throw new Error('expected a ScenarioError');
}

describe('parseScenario', () => {
  it('fills defaults: the JD VAN, the day, dispatch', () => {
    const s = parseScenario(text(base), 'x.json');
    expect(s.fleet.van.payloadKg).toBe(1000);
    expect(s.fleet.van.rangeKm).toBe(160);
    expect(s.day).toEqual({ start: 6 * 3600, end: 21 * 3600 });
    expect(s.dispatch.strategy).toBe('insertion');
    expect(s.facilities.stationChargers).toEqual({ ports: 4, powerKW: 40 });
    expect(s.city).toMatchObject({ kind: 'procedural', widthM: 3600, blockM: 150 });
  });

  it('converts clock times', () => {
    const s = parseScenario(text({ ...base, day: { start: '07:30', end: '20:15' }, demand: { parcels: 1, waves: [{ at: '07:45', share: 1 }] } }), 'x.json');
    expect(s.day).toEqual({ start: 27000, end: 72900 });
    expect(s.demand.waves).toEqual([{ at: 27900, share: 1 }]);
  });

  // The table of broken scenarios and the exact message each one gets.
  const cases: [string, string, string[]][] = [
    ['negative fleet', text({ ...base, fleet: { size: -3 } }), ['x.json:7: fleet.size: expected a positive integer, got -3']],
    ['fractional fleet', text({ ...base, fleet: { size: 2.5 } }), ['x.json:7: fleet.size: expected a positive integer, got 2.5']],
    ['wrong type', text({ ...base, demand: { parcels: 'many' } }), ['x.json:10: demand.parcels: expected a non-negative integer, got "many"']],
    ['unknown strategy', text({ ...base, dispatch: { strategy: 'fastest' } }), ['x.json:13: dispatch.strategy: expected a built-in strategy (insertion, nearest, vrp, rolling, waves) or a strategy file ending .ts or .js, got "fastest"']],
    ['missing field', text({ name: 'T', city: { kind: 'procedural' }, demand: { parcels: 1 } }), ['x.json:1: fleet: required field is missing']],
    ['unknown field', text({ ...base, fleet: { size: 3, sise: 4 } }), ['x.json:8: fleet.sise: unknown field; expected one of: size, van, chargeBelowSoc, chargeToSoc, reserveSoc, idleCharging, ambientC']],
    ['unknown city kind', text({ ...base, city: { kind: 'lunar' } }), ['x.json:4: city.kind: expected one of: procedural, osm; got "lunar"']],
    ['probability above 1', text({ ...base, demand: { parcels: 1, noShowProbability: 1.5 } }), ['x.json:11: demand.noShowProbability: expected a number between 0 and 1, got 1.5']],
    ['bad clock', text({ ...base, day: { start: '25:99' } }), ['x.json:13: day.start: expected a time of day "HH:MM", got "25:99"']],
    ['day ends before it starts', text({ ...base, day: { start: '18:00', end: '08:00' } }), ['x.json:14: day.end: expected the day to end after it starts']],
    ['charge levels inverted', text({ ...base, fleet: { size: 3, chargeBelowSoc: 0.5, chargeToSoc: 0.4 } }), ['x.json:9: fleet.chargeToSoc: expected more than chargeBelowSoc (0.5), got 0.4']],
    ['not an object', '[1, 2]', ['x.json:1: expected an object, got [1,2]']],
    ['invalid JSON', '{\n  "name": "T",\n  "fleet": { size: 3 }\n}', ["x.json:3: column 14: invalid JSON: expected a property name in double quotes but found 's'"]],
    ['trailing comma', '{\n  "name": "T",\n}', ["x.json:3: column 1: invalid JSON: expected a property name in double quotes but found '}'"]],
    ['truncated JSON', '{\n  "name": "T",\n  "fleet": {', ["x.json:3: column 13: invalid JSON: expected a property name in double quotes but found end of file"]],
    ['empty file', '  \n', ['x.json:2: column 1: invalid JSON: the file is empty']],
    ['nesting 100,000 deep (fuzzing found a stack overflow)', '{"a":' + '['.repeat(100_000), ['x.json:1: column 261: invalid JSON: nested deeper than 256 levels']],
    ['an OSM city with both pack and extract', text({ ...base, city: { kind: 'osm', pack: 'a.citypack', extract: 'a.osm.pbf' } }), ['x.json:3: city: expected exactly one of "pack" or "extract"']],
    ['an unknown road class', text({ ...base, city: { kind: 'osm', extract: 'a.osm.pbf', allowedClasses: ['residential', 'highway'] } }), ['x.json:8: city.allowedClasses[1]: unknown road class "highway"; expected one of: motorway, trunk, primary, secondary, tertiary, residential, service, living_street, unclassified']],
    ['too large', text({ ...base, fleet: { size: 20000 } }), ['x.json:7: fleet.size: expected at most 10000, got 20000']],
  ];
  for (const [what, src, expected] of cases) {
    it(`rejects ${what} with an exact message`, () => {
      expect(problems(src)).toEqual(expected);
    });
  }

  it('reports every problem at once, each with its line', () => {
    const got = problems(text({ ...base, fleet: { size: 0 }, demand: { parcels: -1 } }));
    expect(got).toEqual(['x.json:7: fleet.size: expected a positive integer, got 0', 'x.json:10: demand.parcels: expected a non-negative integer, got -1']);
  });
});

describe('charging section', () => {
  it('names a bad policy, tariff period and grid limit by path', () => {
    const src = JSON.stringify({
      name: 'x',
      city: { kind: 'procedural' },
      fleet: { size: 2 },
      demand: { parcels: 1 },
      facilities: { stationChargers: { gridLimitKW: -5 } },
      charging: { policy: 'cheapest', tariff: [{ from: '25:61', pricePerKWh: 0.2 }, { from: '07:00' }] },
    }, null, 1);
    const p = problems(src).join('\n');
    expect(p).toMatch(/facilities\.stationChargers\.gridLimitKW: expected a positive number, got -5/);
    expect(p).toMatch(/charging\.policy: .*"cheapest".*threshold, scheduled/);
    expect(p).toMatch(/charging\.tariff\[0\]\.from: /);
    expect(p).toMatch(/charging\.tariff\[1\]\.pricePerKWh: /);
  });
});
