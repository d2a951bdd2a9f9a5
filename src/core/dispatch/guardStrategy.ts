import type { DispatchStrategy, StrategyHooks } from './DispatchStrategy.ts';

/** A strategy loaded from a file broke: names the file, the strategy, the call and where in the file. */
export class StrategyError extends Error {}

const HOOKS = ['vanIdle', 'orderArrived', 'lowEnergy', 'portFreed', 'linehaulArrived', 'replan'] as const;

/** "file:line:column" of the first stack frame inside the strategy's file, if any. */
export function whereInFile(e: unknown, file: string): string {
  const stack = e instanceof Error && typeof e.stack === 'string' ? e.stack : '';
  const base = file.split(/[\\/]/).pop()!;
  for (const line of stack.split('\n')) {
    const m = line.match(/([^\s()]+):(\d+):(\d+)\)?\s*$/);
    if (m && m[1].split(/[\\/]/).pop() === base) return `${file}:${m[2]}:${m[3]}`;
  }
  return file;
}

function describe(e: unknown): string {
  return e instanceof Error ? `${e.name === 'Error' ? '' : `${e.name}: `}${e.message}` : String(e);
}

/**
 * How a guarded call into a strategy is made: directly, or (the CLI) under a time budget. `where`
 * names the strategy, its file and the function, for the runner's own errors (a StrategyError).
 */
export type StrategyCallRunner = (fn: (...a: unknown[]) => unknown, self: unknown, args: unknown[], where: string) => unknown;

const direct: StrategyCallRunner = (fn, self, args) => fn.apply(self, args);

/**
 * Check that a module's export is a strategy (name, description, planTour; optional planStation
 * and createHooks) and wrap every call into it so that an exception becomes a StrategyError naming
 * the file, the strategy, the function and the line, instead of a stack trace from the engine.
 */
export function guardStrategy(value: unknown, file: string, run: StrategyCallRunner = direct): DispatchStrategy {
  const fail = (what: string) => {
    throw new StrategyError(`strategy file ${file}: ${what}`);
  };
  if (typeof value !== 'object' || value === null) fail('expected a default export (or an export named "strategy") that is a strategy object { name, description, planTour, … }');
  const s = value as Record<string, unknown>;
  if (typeof s.name !== 'string' || !/^[\w.-]{1,40}$/.test(s.name)) fail(`"name": expected a short name (letters, digits, . _ -), got ${JSON.stringify(s.name)}`);
  if (typeof s.description !== 'string') fail('"description": expected a one-line string');
  if (typeof s.planTour !== 'function') fail('"planTour": expected a function (world, request, stops) => stop indices');
  for (const k of ['planStation', 'createHooks'] as const) if (s[k] !== undefined && typeof s[k] !== 'function') fail(`"${k}": expected a function`);
  const strategy = value as DispatchStrategy;
  const label = `strategy "${strategy.name}" (${file})`;
  function guard<A extends unknown[], R>(what: string, fn: (...a: A) => R, self: unknown): (...a: A) => R {
    return (...a: A) => {
      try {
        return run(fn as (...x: unknown[]) => unknown, self, a, `${label}: ${what}`) as R;
      } catch (e) {
        if (e instanceof StrategyError) throw e;
        throw new StrategyError(`${label}: ${what} threw at ${whereInFile(e, file)}: ${describe(e)}`);
      }
    };
  }
  const planTour = guard('planTour', strategy.planTour, strategy);
  return {
    name: strategy.name,
    description: strategy.description,
    planTour: (world, req, stops) => {
      const route = planTour(world, req, stops);
      if (!Array.isArray(route) || route.some((i) => !Number.isInteger(i) || i < 0 || i >= stops.length)) {
        throw new StrategyError(`${label}: planTour must return indices into its stops (0–${stops.length - 1}), got ${JSON.stringify(route)?.slice(0, 80)}`);
      }
      return route;
    },
    ...(strategy.planStation && { planStation: guard('planStation', strategy.planStation, strategy) }),
    ...(strategy.createHooks && {
      createHooks: (ctx) => {
        const hooks = guard('createHooks', strategy.createHooks!, strategy)(ctx) as StrategyHooks | undefined;
        if (hooks === undefined || hooks === null) return {};
        if (typeof hooks !== 'object') throw new StrategyError(`${label}: createHooks must return an object of hooks, got ${typeof hooks}`);
        const out: Record<string, unknown> = { replanEveryS: hooks.replanEveryS };
        for (const h of HOOKS) {
          const fn = hooks[h] as unknown;
          if (fn === undefined) continue;
          if (typeof fn !== 'function') throw new StrategyError(`${label}: hook "${h}" must be a function`);
          out[h] = guard(h, fn as (...a: unknown[]) => unknown, hooks);
        }
        return out as StrategyHooks;
      },
    }),
  };
}
