import { describe, expect, it } from 'vitest';
import type { Doors } from '../city/City.ts';
import { Rng } from '../util/rng.ts';
import { NearestDoor } from './nearestDoor.ts';
import { parseOrderFile, type OrderFileContext } from './orderFile.ts';
import { orderBookParcels } from './orderBookParcels.ts';

// Four doors on a 1 km square around (0°, 0°): at the equator 1° ≈ 111.3 km, so 0.001° ≈ 111 m.
const doors: Doors = {
  count: 4,
  node: Uint32Array.from([0, 1, 2, 3]),
  building: Int32Array.from([0, 1, 2, 3]),
  x: Float64Array.from([0, 1000, 0, 1000]),
  y: Float64Array.from([0, 0, 1000, 1000]),
  weight: Float32Array.from([1, 1, 1, 1]),
};
const ctx: OrderFileContext = {
  doors,
  origin: { lon: 0, lat: 0 },
  bbox: { minX: 0, minY: 0, maxX: 1000, maxY: 1000 },
  cutoffS: 18 * 3600,
  dayEndS: 21 * 3600,
  payloadKg: 1000,
  cargoM3: 24,
};
const parse = (text: string) => parseOrderFile(text, 'orders.csv', ctx);

describe('parseOrderFile', () => {
  const good = [
    'id,time,lon,lat,door,weight_kg,volume_m3,window_start,window_end',
    '"A,1",09:30,0.0089,0.0001,,2.5,0.01,11:00,12:00', // nearest to door 1 (x ≈ 991 m)
    'B,28800,,,2,,,,', // door id, seconds after midnight
    '"C ""quoted""",08:15:30,0.0001,0.0088,,,0.02,,',
    'D,18:00,0.0001,0.0001,,,,,', // at the cut-off: left out
    '',
  ].join('\r\n');

  it('reads quoted fields, both time forms, door ids and lon/lat, sorted by order time', () => {
    const b = parse(good);
    expect(b.count).toBe(3);
    expect(b.leftOut).toBe(1);
    expect(b.id).toEqual(['B', 'C "quoted"', 'A,1']);
    expect(Array.from(b.orderS)).toEqual([8 * 3600, 8 * 3600 + 15 * 60 + 30, 9.5 * 3600]);
    expect(Array.from(b.door)).toEqual([2, 2, 1]);
    expect(b.weightKg[2]).toBe(2.5);
    expect(Number.isNaN(b.weightKg[0])).toBe(true);
    expect(b.volumeM3[1]).toBe(0.02);
    expect([b.windowStartS[2], b.windowEndS[2]]).toEqual([11 * 3600, 12 * 3600]);
    expect(Number.isNaN(b.windowStartS[0])).toBe(true);
  });

  it('fills in what the file leaves out per seed, and derives windows from the order time', () => {
    const b = parse(good);
    const size = { weightMedianKg: 2.5, weightMaxKg: 30, densityKgM3: 180 };
    const rule = { leadS: 3600, windowS: 5400, slotS: 1800, dayStartS: 6 * 3600 };
    const p = orderBookParcels(b, size, rule, new Rng(1));
    expect(Array.from(p.releaseS)).toEqual(Array.from(b.orderS));
    expect([p.windowStartS[0], p.windowEndS[0]]).toEqual([9 * 3600, 10.5 * 3600]); // 08:00 + 1 h
    expect([p.windowStartS[1], p.windowEndS[1]]).toEqual([9.5 * 3600, 11 * 3600]); // 09:15:30 rounded up to 09:30
    expect(p.weightKg[2]).toBe(2.5);
    expect(p.volumeM3[2]).toBe(0.01);
    expect(p.weightKg[0]).toBeGreaterThan(0);
    expect(p.volumeM3[1]).toBe(0.02);
    expect(Array.from(orderBookParcels(b, size, rule, new Rng(1)).weightKg)).toEqual(Array.from(p.weightKg));
  });

  const header = 'id,time,lon,lat,door,weight_kg,volume_m3,window_start,window_end';
  const bad: [string, string, string][] = [
    ['a bad time', 'X,9h30,0,0,,,,,', 'orders.csv:2: column time: expected seconds after midnight or a time of day HH:MM[:SS], got "9h30"'],
    ['a bad longitude', 'X,09:00,east,0,,,,,', 'orders.csv:2: column lon: expected a longitude in degrees (or a door id in column door), got "east"'],
    ['a missing latitude', 'X,09:00,0.001,,,,,,', 'orders.csv:2: column lat: expected a latitude in degrees, got ""'],
    ['neither door nor lon/lat', 'X,09:00,,,,,,,', 'orders.csv:2: column lon: expected a longitude in degrees (or a door id in column door), got ""'],
    ['a door out of range', 'X,09:00,,,4,,,,', 'orders.csv:2: column door: expected a door id from 0 to 3, got "4"'],
    ['a door and lon/lat', 'X,09:00,0,0,1,,,,', 'orders.csv:2: give a door or lon and lat, not both'],
    ['a point outside the city', 'X,09:00,0.02,0.001,,,,,', 'orders.csv:2: columns lon,lat: expected a point inside the city (lon -0.00449…0.01347, lat -0.00452…0.01357), got "0.02, 0.001"'],
    ['a negative weight', 'X,09:00,,,1,-2,,,', 'orders.csv:2: column weight_kg: expected a positive number, got "-2"'],
    ['a weight over the payload', 'X,09:00,,,1,1200,,,', 'orders.csv:2: column weight_kg: expected at most 1000 kg (the van payload), got "1200"'],
    ['a volume over the cargo space', 'X,09:00,,,1,,30,,', 'orders.csv:2: column volume_m3: expected at most 24 m³ (the van cargo volume), got "30"'],
    ['half a window', 'X,09:00,,,1,,,11:00,', 'orders.csv:2: column window_end: expected seconds after midnight or a time of day HH:MM[:SS] (window_start and window_end are given together), got ""'],
    ['a window ending before it starts', 'X,09:00,,,1,,,11:00,10:00', 'orders.csv:2: column window_end: expected a time after window_start (11:00), got "10:00"'],
    ['a window closed before the order', 'X,09:00,,,1,,,07:00,08:00', 'orders.csv:2: column window_end: expected a time after the order (time 09:00), got "08:00"'],
    ['a window after the day', 'X,09:00,,,1,,,20:00,22:00', 'orders.csv:2: column window_end: expected a time by the end of the day (day.end 21:00), got "22:00"'],
    ['a short row', 'X,09:00,,,1', 'orders.csv:2: expected 9 fields as in the header, got 5'],
    ['an unclosed quote', '"X,09:00,,,1,,,,', 'orders.csv:2: a quoted field is not closed (missing ")'],
    ['a duplicate id', 'X,09:00,,,1,,,,\nX,09:10,,,2,,,,', 'orders.csv:3: column id: expected a unique id (also on line 2), got "X"'],
  ];
  it.each(bad)('names the line and column of %s', (_what, row, message) => {
    expect(() => parse(`${header}\n${row}\n`)).toThrow(message);
    try {
      parse(`${header}\n${row}\n`);
    } catch (e) {
      expect((e as Error).message).toBe(message);
    }
  });

  it.each([
    ['an unknown column', 'time,lon,lat,wieght_kg\n', 'orders.csv:1: unknown column "wieght_kg"; expected: id, time, lon, lat, door, weight_kg, volume_m3, window_start, window_end'],
    ['no time column', 'door\n1\n', 'orders.csv:1: column time is missing (when the order is placed)'],
    ['lon without lat', 'time,lon\n', 'orders.csv:1: columns lon and lat go together; only lon is given'],
    ['no position', 'time,id\n', 'orders.csv:1: expected columns lon and lat, or door, for where each order goes'],
    ['an empty file', '', 'orders.csv:1: expected a header row naming the columns'],
  ])('checks the header: %s', (_what, text, message) => {
    expect(() => parse(text)).toThrow(message);
  });

  it('gives default ids by row and accepts a door-only file', () => {
    const b = parse('time,door\n10:00,3\n09:00,0\n');
    expect(b.id).toEqual(['O00002', 'O00001']);
    expect(Array.from(b.door)).toEqual([0, 3]);
  });
});

describe('NearestDoor', () => {
  it('finds the same door as a brute-force search, inside and outside the doors’ box', () => {
    const rng = new Rng(4);
    const n = 3000;
    const d: Doors = { count: n, node: new Uint32Array(n), building: new Int32Array(n), x: Float64Array.from({ length: n }, () => rng.range(0, 5000)), y: Float64Array.from({ length: n }, () => rng.range(0, 2000) ** 1.2), weight: new Float32Array(n) };
    const near = new NearestDoor(d);
    for (let k = 0; k < 500; k++) {
      const x = rng.range(-800, 5800);
      const y = rng.range(-800, 12_000);
      let best = 0;
      for (let i = 1; i < n; i++) if ((d.x[i] - x) ** 2 + (d.y[i] - y) ** 2 < (d.x[best] - x) ** 2 + (d.y[best] - y) ** 2) best = i;
      expect(near.nearest(x, y)).toBe(best);
    }
  });
});
