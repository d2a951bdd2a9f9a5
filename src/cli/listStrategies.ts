import { STRATEGIES } from '../core/dispatch/strategies.ts';

/** The built-in strategies, one line each (`--list-strategies`). */
export function listStrategies(): string {
  const w = Math.max(...STRATEGIES.map((s) => s.name.length));
  return `${STRATEGIES.map((s) => `${s.name.padEnd(w)}  ${s.description}`).join('\n')}\n(or a strategy file: --strategy ./my-strategy.ts; see examples/strategies/)\n`;
}
