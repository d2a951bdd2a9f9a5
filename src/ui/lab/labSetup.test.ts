import { describe, expect, it } from 'vitest';
import { formatLabSetup, parseLabSetup } from './labSetup.ts';

const KEYS = ['default', 'small', 'monaco'];

describe('the Lab set-up in the address', () => {
  it('round-trips scenario, rows, seeds, first seed and baseline, with readable commas and =', () => {
    const setup = { scenario: 'default', vary: ['dispatch.strategy=insertion,rolling', 'fleet.size=20,30'], seeds: 10, firstSeed: 4, baseline: 'dispatch.strategy=rolling fleet.size=20' };
    const q = formatLabSetup(setup);
    expect(q).toBe('page=lab&scenario=default&vary=dispatch.strategy=insertion,rolling&vary=fleet.size=20,30&seeds=10&first=4&baseline=dispatch.strategy=rolling+fleet.size=20');
    expect(parseLabSetup(`?${q}`, KEYS)).toEqual({ setup, problems: [] });
  });

  it('keeps no rows as no rows (one variant, as written)', () => {
    const q = formatLabSetup({ scenario: 'small', vary: [], seeds: 3, firstSeed: 1 });
    expect(parseLabSetup(q, KEYS).setup.vary).toEqual([]);
  });

  it('names each parameter it cannot read and uses its default', () => {
    const { setup, problems } = parseLabSetup('?page=lab&scenario=atlantis&seeds=1&first=-2', KEYS);
    expect(setup).toMatchObject({ scenario: 'small', seeds: 5, firstSeed: 1 });
    expect(problems).toEqual([
      'scenario: no shipped scenario "atlantis"; expected one of default, small, monaco (using small)',
      'seeds: expected an integer from 2 to 200, got "1" (using 5)',
      'first: expected an integer from 0 to 2147483647, got "-2" (using 1)',
    ]);
  });
});
