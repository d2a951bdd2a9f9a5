import fc from 'fast-check';
import { afterAll, describe, it } from 'vitest';
import type { Doors } from '../../src/core/city/City.ts';
import { OrderFileError, parseOrderFile, type OrderFileContext } from '../../src/core/demand/orderFile.ts';
import { fuzz, mutatedText, randomText, readText, report } from './fuzzHarness.ts';

// A 6 km square of 16 doors around Monaco, where the shipped LaDe-derived order file lies.
const n = 16;
const doors: Doors = {
  count: n,
  node: Uint32Array.from({ length: n }, (_, i) => i),
  building: Int32Array.from({ length: n }, (_, i) => i),
  x: Float64Array.from({ length: n }, (_, i) => -3000 + 2000 * (i % 4)),
  y: Float64Array.from({ length: n }, (_, i) => -3000 + 2000 * Math.floor(i / 4)),
  weight: new Float32Array(n).fill(1),
};
const ctx: OrderFileContext = { doors, origin: { lon: 7.42, lat: 43.735 }, bbox: { minX: -3000, minY: -3000, maxX: 3000, maxY: 3000 }, cutoffS: 18 * 3600, dayEndS: 21 * 3600, payloadKg: 1000, cargoM3: 24 };

const lade = readText('public/demand/lade-jilin-orders.csv');
const seeds = [
  lade,
  lade.split('\n').slice(0, 20).join('\n'),
  ['id,time,lon,lat,door,weight_kg,volume_m3,window_start,window_end', '"A,1",09:30,7.42,43.735,,2.5,0.01,11:00,12:00', 'B,28800,,,2,,,,', '"C ""q""",08:15:30,7.43,43.74,,,0.02,,'].join('\r\n'),
];

describe('fuzz: order CSV', () => {
  afterAll(() => report('orderFile'));
  it('parseOrderFile returns an order book or throws OrderFileError', () => {
    const arb = fc.oneof({ weight: 6, arbitrary: mutatedText(seeds) }, { weight: 1, arbitrary: randomText() }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 200_000 }).map((k) => '"'.repeat(k)) });
    fuzz({ name: 'parseOrderFile', parse: (t: string) => parseOrderFile(t, 'orders.csv', ctx), errorClass: OrderFileError }, arb);
  });
});
