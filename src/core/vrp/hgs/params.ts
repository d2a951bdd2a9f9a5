/**
 * HGS parameters. Defaults from Vidal (2022, Table 1; HGS-CVRP `AlgorithmParameters.cpp`) except
 * the granularity, which follows PyVRP (40) when time windows are present.
 */
export interface HgsParams {
  /** Minimum subpopulation size, and the generation size λ (survivor selection at mu + lambda). */
  readonly mu: number;
  readonly lambda: number;
  readonly nbElite: number;
  readonly nbClose: number;
  /** Initial population is `initialFactor × mu` individuals (HGS-CVRP: 4). */
  readonly initialFactor: number;
  /** Target share of feasible local-search outcomes for penalty adaptation. */
  readonly targetFeasible: number;
  readonly penaltyIncrease: number;
  readonly penaltyDecrease: number;
  /**
   * Increase of the time-warp and range/distance penalties while fewer than half the target share
   * of outcomes satisfy them. HGS-CVRP's gentle 1.2 suits capacity, which a search regains easily;
   * on tight time windows (Solomon R1) it left short runs without any feasible offspring for
   * hundreds of generations. Doubling while far from the target: VROOM's six at 2 s, seeds 1–3,
   * mean gap 1.11 / 2.37 / 2.53 % → 0.87 / 0.64 / 0.54 %.
   */
  readonly timePenaltyIncreaseFar: number;
  /** Penalties are adapted after every this many local-search outcomes. */
  readonly penaltyPeriod: number;
  /**
   * Multiplier on the initial time-warp and range/distance-excess penalties (1 = one unit of
   * excess costs one unit of travel). Starting high finds feasible solutions early, which short
   * runs need; the adaptation lowers them afterwards.
   */
  readonly initialPenaltyBoost: number;
  /** Restart the population after this many iterations without improvement. */
  readonly restartAfter: number;
  /** Probability of the 10× penalty repair of an infeasible offspring. */
  readonly repairProbability: number;
  /** Granular neighbourhood size; 0 = 20 for CVRP, 40 with time windows. */
  readonly granularity: number;
  readonly orOpt3: boolean;
  readonly swapStar: boolean;
  /**
   * Under a fleet cap, cross parents by selective route exchange and perturb seeds by ruin and
   * recreate instead of OX and split of giant tours (hgs/srex.ts).
   */
  readonly routeExchange: boolean;
}

export const defaultHgsParams: HgsParams = {
  mu: 25,
  lambda: 40,
  nbElite: 4,
  nbClose: 5,
  initialFactor: 4,
  targetFeasible: 0.2,
  penaltyIncrease: 1.2,
  penaltyDecrease: 0.85,
  timePenaltyIncreaseFar: 2,
  penaltyPeriod: 100,
  initialPenaltyBoost: 1,
  restartAfter: 20000,
  repairProbability: 0.5,
  granularity: 0,
  orOpt3: false,
  swapStar: true,
  routeExchange: true,
};

/** From this many clients on, the population is halved (see `sizedParams`). */
export const LARGE_INSTANCE_CLIENTS = 700;

/**
 * Defaults for an instance of `numClients` clients, then the caller's overrides. Large instances
 * (~1,000 clients) afford only about a thousand generations in the two minutes benchmarks and
 * dispatch give them, and an initial population of 4 × 25 local searches from random tours takes a
 * large share of that; a population of 12 + 20 with 2 × 12 initial individuals lets selection work
 * within the budget (X 916–1001 at 120 s: mean gap 2.86 % → 2.38 %, better on all four instances;
 * `npm run bench -- vrp --set x1000`). Smaller instances keep the HGS-CVRP values.
 */
export function sizedParams(numClients: number, overrides?: Partial<HgsParams>): { -readonly [K in keyof HgsParams]: HgsParams[K] } {
  const sized: Partial<HgsParams> = numClients >= LARGE_INSTANCE_CLIENTS ? { mu: 12, lambda: 20, initialFactor: 2 } : {};
  return { ...defaultHgsParams, ...sized, ...overrides };
}
