import { describe, expect, it } from 'vitest';
import { instanceText as text } from '../../../../test/vrp/fixtures.ts';
import { readInstance } from './readInstance.ts';
import { ParseError } from './ParseError.ts';

/** Replace line `n` (1-based) of a text. */
function withLine(t: string, n: number, line: string): string {
  const lines = t.split(/\r?\n/);
  lines[n - 1] = line;
  return lines.join('\n');
}

describe('Solomon reader', () => {
  it('reads C101 with depot first, 100 customers and the truncated-tenths convention', () => {
    const inst = readInstance(text('solomon', 'C101.txt'), 'C101.txt');
    const p = inst.problem;
    expect(inst.format).toBe('solomon');
    expect(inst.objective).toBe('distance');
    expect(p.numClients).toBe(100);
    expect(p.vehicles.count[0]).toBe(25);
    expect(p.vehicles.capacity[0]).toBe(200);
    expect(inst.ids[1]).toBe('1');
    // Customer 1: (45, 68), demand 10, [912, 967], service 90; depot (40, 50), due 1236.
    expect(p.delivery[1]).toBe(10);
    expect(p.twEarly[1]).toBe(9120);
    expect(p.twLate[1]).toBe(9670);
    expect(p.service[1]).toBe(900);
    expect(p.twLate[0]).toBe(12360);
    // d(0, 1) = floor(10 * sqrt(25 + 324)) = floor(186.8...) = 186 tenths.
    expect(p.distance[1]).toBe(186);
  });

  it('uses 1e-4 units with rounded distances and rounded-up times for the hierarchical objective', () => {
    const inst = readInstance(text('solomon', 'C101.txt'), 'C101.txt', { objective: 'hierarchical' });
    const e = Math.sqrt(349) * 1e4;
    expect(inst.problem.distance[1]).toBe(Math.round(e));
    expect(inst.problem.duration[1]).toBe(Math.ceil(e));
  });

  it('names file and line of a short row', () => {
    const bad = withLine(text('solomon', 'C101.txt'), 12, '    2      45         70         30        825');
    expect(() => readInstance(bad, 'C101.txt')).toThrow(new ParseError('C101.txt', 12, 'expected 7 numbers, got 5'));
    expect(() => readInstance(bad, 'C101.txt')).toThrow('C101.txt:12: expected 7 numbers, got 5');
  });

  it('rejects non-numbers, bad ids, inverted windows and a missing header', () => {
    const t = text('solomon', 'C101.txt');
    expect(() => readInstance(withLine(t, 11, '1 45 68 ten 912 967 90'), 'C101.txt')).toThrow('C101.txt:11: expected a number, got "ten"');
    expect(() => readInstance(withLine(t, 11, '7 45 68 10 912 967 90'), 'C101.txt')).toThrow('C101.txt:11: expected CUST NO. 1, got 7');
    expect(() => readInstance(withLine(t, 11, '1 45 68 10 967 912 90'), 'C101.txt')).toThrow('C101.txt:11: DUE DATE 912 is before READY TIME 967');
    expect(() => readInstance(withLine(t, 5, '  25'), 'C101.txt')).toThrow('C101.txt:5: expected 2 numbers, got 1');
    expect(() => readInstance(t.replace('CUST NO.', 'CUSTOMER NUMBER'), 'x.txt', { format: 'solomon' })).toThrow('x.txt:');
  });

  it('reads Gehring-Homberger files (same format)', () => {
    const inst = readInstance(text('gh200', 'c1_2_1.txt'), 'c1_2_1.txt');
    expect(inst.problem.numClients).toBe(200);
    expect(inst.problem.vehicles.count[0]).toBe(50);
  });
});

describe('CVRPLIB reader', () => {
  it('reads X-n101-k25 with node ids and TSPLIB rounding', () => {
    const inst = readInstance(text('x', 'X-n101-k25.vrp'), 'X-n101-k25.vrp');
    const p = inst.problem;
    expect(inst.format).toBe('cvrplib');
    expect(p.numClients).toBe(100);
    expect(p.vehicles.capacity[0]).toBe(206);
    expect(inst.ids[0]).toBe('1');
    expect(inst.ids[1]).toBe('2');
    // Depot (365, 689), node 2 (146, 180): sqrt(219^2 + 509^2) = 554.1 -> 554.
    expect(p.distance[1]).toBe(554);
  });

  it('names the line of a malformed coordinate and of a demand for an unknown node', () => {
    const t = text('x', 'X-n101-k25.vrp');
    expect(() => readInstance(withLine(t, 9, '2\t146'), 'X-n101-k25.vrp')).toThrow('X-n101-k25.vrp:9: expected 3 numbers, got 2');
    const lines = t.split(/\r?\n/);
    const d = lines.findIndex((l) => l.startsWith('DEMAND_SECTION')) + 2;
    expect(() => readInstance(withLine(t, d, '999\t5'), 'X-n101-k25.vrp')).toThrow(`X-n101-k25.vrp:${d}: demand for unknown node id 999`);
    // Found probing huge header numbers beside the fuzzers: DIMENSION 1e9 allocated a demand list that long (out of memory).
    expect(() => readInstance(withLine(t, 4, 'DIMENSION : 1000000000'), 'X-n101-k25.vrp')).toThrow(`X-n101-k25.vrp:4: expected DIMENSION at most ${lines.length} (one node per line of this file), got "1000000000"`);
  });
});

describe('E-VRPTW reader', () => {
  it('reads a large instance: depot, customers, stations with full-recharge parameters', () => {
    const inst = readInstance(text('evrptw/large', 'c101_21.txt'), 'c101_21.txt');
    const p = inst.problem;
    expect(inst.format).toBe('evrptw');
    expect(inst.objective).toBe('hierarchical');
    expect(p.numClients).toBe(100);
    expect(p.numStations).toBe(21);
    expect(inst.ids[0]).toBe('D0');
    expect(inst.ids[1]).toBe('C1');
    expect(inst.ids[101]).toBe('S0');
    // Q = 79.69, r = 1: range 79.69 distance units = 796900 internal units.
    expect(p.vehicles.maxTripDistance[0]).toBeGreaterThanOrEqual(796899);
    expect(p.vehicles.maxTripDistance[0]).toBeLessThanOrEqual(796900);
    expect(p.vehicles.chargeTimePerDistance[0]).toBeCloseTo(3.39, 9);
  });

  it('names the line of a bad row and of a bad parameter', () => {
    const t = text('evrptw/small', 'c101C5.txt');
    expect(() => readInstance(withLine(t, 3, 'S0 f 40.0 50.0 0.0'), 'c101C5.txt')).toThrow('c101C5.txt:3: expected 8 columns');
    const lines = t.split(/\r?\n/);
    const q = lines.findIndex((l) => l.startsWith('Q ')) + 1;
    expect(() => readInstance(withLine(t, q, 'Q Vehicle fuel tank capacity /abc/'), 'c101C5.txt')).toThrow(`c101C5.txt:${q}: expected a number between slashes, got "abc"`);
  });

  it('refuses values whose scaled costs would wrap around 32 bits, by line and column (found by fuzzing)', () => {
    // Before, x = 1e15 reached createProblem as a distance of -1981544448 (a plain Error, no line).
    const e = text('evrptw/small', 'c101C5.txt');
    expect(() => readInstance(withLine(e, 3, 'S0 f 1e15 50.0 0.0 0.0 1236.0 0.0'), 'c101C5.txt')).toThrow('c101C5.txt:3: x 1000000000000000 is out of range (at most 50000 in absolute value, so scaled costs stay 32-bit integers)');
    const s = text('solomon', 'C101.txt');
    expect(() => readInstance(withLine(s, 11, '1 45 68 10 912 1e6 90'), 'C101.txt')).toThrow('C101.txt:11: DUE DATE 1000000 is out of range (at most 200000 in absolute value, so scaled costs stay 32-bit integers)');
    const x = text('x', 'X-n101-k25.vrp');
    expect(() => readInstance(withLine(x, 9, '2\t1e9\t180'), 'X-n101-k25.vrp')).toThrow('X-n101-k25.vrp:9: x 1000000000 is out of range (at most 500000000 in absolute value, so scaled costs stay 32-bit integers)');
  });
});
