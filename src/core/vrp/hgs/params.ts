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
  penaltyPeriod: 100,
  initialPenaltyBoost: 1,
  restartAfter: 20000,
  repairProbability: 0.5,
  granularity: 0,
  orOpt3: false,
  swapStar: true,
};
