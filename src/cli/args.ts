/**
 * A small, strict argv parser shared by the CLI entry points: declared flags only, typed values,
 * and errors that name the flag. Unknown flags are errors, never silently ignored.
 */
export interface FlagSpec {
  /** 'list': a string flag that may be given several times; values collect in order. */
  readonly type: 'string' | 'number' | 'boolean' | 'list';
  readonly help: string;
}

export class UsageError extends Error {}

export interface ParsedArgs {
  readonly positional: string[];
  readonly flags: Record<string, string | number | boolean | string[]>;
}

export function parseArgs(argv: readonly string[], spec: Record<string, FlagSpec>): ParsedArgs {
  const positional: string[] = [];
  const flags: Record<string, string | number | boolean | string[]> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const s = spec[name];
    if (!s) throw new UsageError(`unknown option --${name}`);
    if (s.type === 'boolean') {
      flags[name] = true;
      continue;
    }
    const raw = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (raw === undefined) throw new UsageError(`--${name}: expected a value`);
    if (s.type === 'list') {
      flags[name] = [...((flags[name] as string[] | undefined) ?? []), raw];
    } else if (s.type === 'number') {
      const v = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(v)) throw new UsageError(`--${name}: expected a number, got "${raw}"`);
      flags[name] = v;
    } else {
      flags[name] = raw;
    }
  }
  return { positional, flags };
}

export function usage(command: string, synopsis: string, spec: Record<string, FlagSpec>): string {
  const lines = Object.entries(spec).map(([k, s]) => `  --${k}${s.type === 'boolean' ? '' : ` <${s.type === 'list' ? 'string' : s.type}>`}  ${s.help}`);
  return `usage: ${command} ${synopsis}\n${lines.join('\n')}\n`;
}
