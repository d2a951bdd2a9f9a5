/**
 * Stop criteria as small objects (PyVRP `pyvrp/stop/`): each answers `shouldStop(progress)`. The
 * wall clock never enters core: `timeLimit` takes a `now()` in milliseconds supplied by the caller
 * (CLI: performance.now; worker: performance.now). `StopSpec` is the serialisable form a worker or
 * the CLI turns into criteria with its own clock.
 */
export interface Progress {
  readonly iterations: number;
  readonly iterationsWithoutImprovement: number;
  /** Best feasible objective so far (Infinity if none). */
  readonly bestCost: number;
}

export interface StopCriterion {
  shouldStop(p: Progress): boolean;
}

export const maxIterations = (n: number): StopCriterion => ({ shouldStop: (p) => p.iterations >= n });

export const maxIterationsWithoutImprovement = (n: number): StopCriterion => ({
  shouldStop: (p) => p.iterationsWithoutImprovement >= n,
});

/** Stop once `seconds` have passed on the injected clock (milliseconds), counted from creation. */
export function timeLimit(seconds: number, now: () => number): StopCriterion {
  const t0 = now();
  return { shouldStop: () => now() - t0 >= seconds * 1000 };
}

/** A flag another party sets: `{ cancelled: true }`, or an Int32Array over a SharedArrayBuffer (≠ 0). */
export type CancelFlag = { cancelled: boolean } | Int32Array;

export function cancelled(flag: CancelFlag): StopCriterion {
  return {
    shouldStop: () => (flag instanceof Int32Array ? Atomics.load(flag, 0) !== 0 : flag.cancelled),
  };
}

/** Stop when the objective reaches a target (e.g. a known optimum). */
export const targetCost = (cost: number): StopCriterion => ({ shouldStop: (p) => p.bestCost <= cost });

export const anyOf = (...cs: StopCriterion[]): StopCriterion => ({ shouldStop: (p) => cs.some((c) => c.shouldStop(p)) });

export const allOf = (...cs: StopCriterion[]): StopCriterion => ({ shouldStop: (p) => cs.every((c) => c.shouldStop(p)) });

export interface StopSpec {
  readonly maxIterations?: number;
  readonly maxIterationsWithoutImprovement?: number;
  readonly timeLimitSeconds?: number;
  readonly targetCost?: number;
}

/** Criteria from a spec: stop at the first one met. At least one bound is required. */
export function fromSpec(spec: StopSpec, now?: () => number, flag?: CancelFlag): StopCriterion {
  const cs: StopCriterion[] = [];
  if (spec.maxIterations !== undefined) cs.push(maxIterations(spec.maxIterations));
  if (spec.maxIterationsWithoutImprovement !== undefined) cs.push(maxIterationsWithoutImprovement(spec.maxIterationsWithoutImprovement));
  if (spec.timeLimitSeconds !== undefined) {
    if (!now) throw new Error('stop.timeLimitSeconds: a clock `now` must be supplied');
    cs.push(timeLimit(spec.timeLimitSeconds, now));
  }
  if (spec.targetCost !== undefined) cs.push(targetCost(spec.targetCost));
  if (flag) cs.push(cancelled(flag));
  if (cs.length === 0) throw new Error('stop: expected at least one of maxIterations, maxIterationsWithoutImprovement, timeLimitSeconds');
  return anyOf(...cs);
}
