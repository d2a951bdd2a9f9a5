/**
 * O(1) suffixes through charging stations under full recharge (search/stationSuffixes.ts): every
 * prefix of one route joined to every suffix of another, and into a client, evaluates to what a
 * visit-by-visit walk gives.
 */
import { describe, expect, it } from 'vitest';
import { readInstance } from '../../src/core/vrp/io/readInstance.ts';
import { Penalties } from '../../src/core/vrp/search/Penalties.ts';
import { SearchState } from '../../src/core/vrp/search/SearchState.ts';
import { instanceText } from './fixtures.ts';

function walk(s: SearchState, a: number, b: number, x = -1): number {
  const ev = s.ev;
  ev.beginRoute(s.rType[s.routeOf[a]]);
  if (!s.isSentinel(a))
    for (let z = s.next[s.startOf(s.routeOf[a])]; ; z = s.next[z]) {
      ev.addNode(z);
      if (z === a) break;
    }
  if (x >= 0) ev.addNode(x);
  for (let z = b; !s.isSentinel(z); z = s.next[z]) ev.addNode(z);
  return ev.finish();
}

describe('station suffixes under full recharge', () => {
  for (const f of ['r101_21.txt', 'rc102_21.txt', 'c103_21.txt']) {
    it(`${f}: prefix ⊕ suffix across routes equals the walk`, () => {
      const p = readInstance(instanceText('evrptw/large', f), f, { recharge: 'full' }).problem;
      const s = new SearchState(p);
      expect(s.st).not.toBeNull();
      if (process.env.NOFAST) (s as { st: unknown }).st = null;
      const pen = new Penalties(1);
      pen.time = 3;
      pen.distance = 5;
      let seed = 11;
      const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
      const firstStation = p.numDepots + p.numClients;
      let withStations = 0;
      for (let trial = 0; trial < 60; trial++) {
        const used = new Set<number>();
        const mk = () => {
          const r: number[] = [];
          for (let i = 3 + Math.floor(rnd() * 12); i > 0; i--) {
            if (rnd() < 0.3) r.push(firstStation + Math.floor(rnd() * p.numStations));
            else {
              const c = p.numDepots + Math.floor(rnd() * p.numClients);
              if (!used.has(c)) {
                used.add(c);
                r.push(c);
              }
            }
          }
          return Int32Array.from(r.filter((l, i) => i === 0 || l !== r[i - 1]));
        };
        s.load([mk(), mk()], pen);
        const free = [...Array(p.numClients).keys()].map((i) => p.numDepots + i).find((c) => !used.has(c))!;
        for (let a = s.startOf(0); a !== s.endOf(0); a = s.next[a])
          for (let b = s.next[s.startOf(1)]; ; b = s.next[b]) {
            if (s.sStation[b]) withStations++;
            const fast = s.ev.beginPrefix(a).addSuffix(b).finish();
            expect(fast).toBeCloseTo(walk(s, a, b), 6);
            const via = s.ev.beginPrefix(a).addNode(free).addSuffix(b).finish();
            expect(via).toBeCloseTo(walk(s, a, b, free), 6);
            if (b === s.endOf(1)) break;
          }
      }
      expect(withStations).toBeGreaterThan(100);
    });
  }
});
