import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function problems(code: string, filePath: string): Promise<string[]> {
  const [r] = await eslint.lintText(code, { filePath });
  return r.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('lint keeps src/core pure', () => {
  const cases: [string, RegExp][] = [
    ['export const t = new Date();', /no-restricted-syntax: No wall clock in core \(new Date\(\)\)/],
    ['export const t = Date.now();', /no-restricted-properties: .*No wall clock/],
    ['export const t = globalThis.performance.now();', /no-restricted-properties: .*performance/],
    ['export const t = performance.now();', /no-restricted-globals: .*performance/],
    ['export const ua = navigator.userAgent;', /no-restricted-globals: .*navigator/],
    ["export const v = localStorage.getItem('x');", /no-restricted-globals: .*localStorage/],
    ["export const r = fetch('x');", /no-restricted-globals: .*fetch/],
    ['setTimeout(() => 0, 1);', /no-restricted-globals: .*setTimeout/],
    ['export const r = Math.random();', /no-restricted-properties: .*seeded Rng/],
    ["import { Vector3 } from 'three';\nexport const v = new Vector3();", /no-restricted-imports/],
  ];
  for (const [code, rule] of cases) {
    it(`refuses \`${code.split('\n').pop()}\` in src/core, allows it in src/ui`, async () => {
      expect((await problems(code, 'src/core/util/probe.ts')).join('\n')).toMatch(rule);
      expect((await problems(code, 'src/ui/probe.ts')).filter((m) => !m.startsWith('@typescript-eslint'))).toEqual([]);
    });
  }
});
