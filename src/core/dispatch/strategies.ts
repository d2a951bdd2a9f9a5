import type { DispatchStrategy } from './DispatchStrategy.ts';
import { insertionStrategy } from './insertion.ts';
import { nearestStrategy } from './nearest.ts';
import { vrpStrategy } from './vrpStrategy.ts';
import { rollingStrategy } from './rollingStrategy.ts';
import { wavesStrategy } from './wavesStrategy.ts';

/** The built-in tour strategies, by name (the scenario's dispatch.strategy, the CLI's --strategy). */
export const STRATEGIES: readonly DispatchStrategy[] = [insertionStrategy, nearestStrategy, vrpStrategy, rollingStrategy, wavesStrategy];

export function strategyByName(name: string): DispatchStrategy | undefined {
  return STRATEGIES.find((s) => s.name === name);
}
