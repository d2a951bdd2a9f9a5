import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from './args.ts';

const spec = { seed: { type: 'number', help: '' }, out: { type: 'string', help: '' }, quiet: { type: 'boolean', help: '' } } as const;

describe('parseArgs', () => {
  it('parses positionals, values and booleans', () => {
    const a = parseArgs(['x.json', '--seed', '7', '--out=r.json', '--quiet'], spec);
    expect(a.positional).toEqual(['x.json']);
    expect(a.flags).toEqual({ seed: 7, out: 'r.json', quiet: true });
  });
  it('names the bad flag', () => {
    expect(() => parseArgs(['--sed', '1'], spec)).toThrow(new UsageError('unknown option --sed'));
    expect(() => parseArgs(['--seed', 'abc'], spec)).toThrow('--seed: expected a number, got "abc"');
    expect(() => parseArgs(['--out'], spec)).toThrow('--out: expected a value');
  });
});
