/**
 * Hybrid Genetic Search (Vidal et al. 2012 "A hybrid genetic algorithm for multidepot and periodic
 * vehicle routing problems"; Vidal 2022 "Hybrid genetic search for the CVRP: open-source
 * implementation and SWAP* neighborhood", Algorithm 1; HGS-CVRP `Genetic::run`), with the
 * time-window extensions of Vidal et al. (2013) and PyVRP (Wouda, Lan & Kool 2024).
 *
 * Driven one `step()` at a time so a worker can interleave cancel messages and progress reports;
 * `solve()` runs steps until the stop criterion holds. A step is one individual of the initial
 * population, or one generation: tournament → OX → split → local search → insertion, with a 10×
 * penalty repair of half the infeasible offspring.
 */
import { Rng } from '../../util/rng.ts';
import type { ProblemData } from '../ProblemData.ts';
import { LocalSearch } from '../search/LocalSearch.ts';
import { computeNeighbours, defaultNeighbourParams } from '../search/neighbours.ts';
import { Penalties, quantize } from '../search/Penalties.ts';
import { SearchState } from '../search/SearchState.ts';
import { OxCrossover } from './crossover.ts';
import { Individual } from './Individual.ts';
import type { HgsParams } from './params.ts';
import { sizedParams } from './params.ts';
import { Population } from './Population.ts';
import { split } from './split.ts';
import { RouteExchange } from './srex.ts';
import type { PhaseName, SearchStats } from '../search/SearchStats.ts';

export interface HgsOptions {
  readonly seed: number;
  readonly params?: Partial<HgsParams>;
  /** Fleet limit on used routes (hierarchical objective); default: the whole fleet. */
  readonly maxRoutes?: number;
  /** Routes (location lists per slot) to seed the population with, e.g. a construction. */
  readonly initial?: readonly Int32Array[][];
  /** Operator and phase statistics to fill (`--stats`). */
  readonly stats?: SearchStats;
}

export class Hgs {
  readonly p: ProblemData;
  readonly params: HgsParams;
  readonly state: SearchState;
  readonly ls: LocalSearch;
  readonly pop: Population;
  readonly penalties: Penalties;
  private readonly rng: Rng;
  private readonly ox: OxCrossover;
  /** Route exchange crossover and ruin-and-recreate, used under a fleet cap (srex.ts). */
  private readonly rx: RouteExchange | null;
  private readonly initial: Int32Array[][];
  private readonly maxRoutes: number;
  iterations = 0;
  iterationsWithoutImprovement = 0;
  private initialBuilt = 0;
  private outcomes = 0;
  /** Best feasible individual over the whole run (across restarts), and best infeasible fallback. */
  best: Individual | null = null;
  bestInfeasible: Individual | null = null;
  private bestRestartCost = Infinity;
  /** Called with the new best objective whenever the best feasible solution improves. */
  onImprove: ((ind: Individual) => void) | null = null;
  private readonly stats: SearchStats | null;
  /** Clock reading at the last phase boundary (statistics only). */
  private lapStart = 0;
  /** Building the initial population (the time before local search is construction). */
  private constructing = false;

  constructor(p: ProblemData, opts: HgsOptions) {
    this.p = p;
    const tw = p.flags.timeWindows;
    const params = sizedParams(p.numClients, opts.params);
    if (params.granularity === 0) params.granularity = tw ? 40 : 20;
    this.params = params;
    this.rng = new Rng(opts.seed);
    this.state = new SearchState(p);
    this.maxRoutes = Math.min(opts.maxRoutes ?? this.state.numRoutes, this.state.numRoutes);
    const nbs = computeNeighbours(p, { ...defaultNeighbourParams, granularity: params.granularity });
    this.ls = new LocalSearch(this.state, nbs, this.rng.fork(1), {
      orOpt3: params.orOpt3, swapStar: params.swapStar, maxRoutes: this.maxRoutes,
    });
    this.pop = new Population(params, this.rng.fork(2));
    this.penalties = initialPenalties(p);
    this.penalties.time = quantize(this.penalties.time * params.initialPenaltyBoost);
    this.penalties.distance = quantize(this.penalties.distance * params.initialPenaltyBoost);
    this.state.penalties = this.penalties;
    this.ox = new OxCrossover(p.numLocations, p.numClients);
    this.rx = this.maxRoutes < this.state.numRoutes && params.routeExchange ? new RouteExchange(this.state, this.rng.fork(3)) : null;
    this.initial = (opts.initial ?? []).map((r) => r.map((a) => a.slice()));
    this.stats = opts.stats ?? null;
    this.ls.stats = this.stats;
  }

  /** Statistics: the time since the last boundary goes to this phase. */
  private lap(name: PhaseName): void {
    if (this.stats !== null) this.lapStart = this.stats.phase(name, this.lapStart);
  }

  /** Individuals of the initial population built so far. */
  initialBuiltCount(): number {
    return this.initialBuilt;
  }

  get initialSize(): number {
    return this.params.initialFactor * this.params.mu;
  }

  /** One unit of work. */
  step(): void {
    if (this.stats !== null) this.lapStart = this.stats.clock();
    if (this.initialBuilt < this.initialSize) {
      this.constructing = true;
      this.buildInitial();
      this.constructing = false;
      return;
    }
    const p1 = this.pop.tournament();
    const p2 = this.pop.tournament();
    // A single route leaves route exchange nothing to combine: OX reorders it instead.
    if (this.rx && p1.numRoutes > 1 && p2.numRoutes > 1) {
      const routes = this.rx.cross(p1.routes, p2.routes, this.penalties);
      this.lap('crossover');
      this.educate(routes);
      this.iterations++;
      if (this.iterationsWithoutImprovement >= this.params.restartAfter) this.restart();
      return;
    }
    const child = this.ox.run(this.rng, p1.tour, p2.tour);
    this.lap('crossover');
    // HGS-CVRP caps the split at parent 1's route count; with time windows that forces the
    // O(routes · n · L) limited split on most offspring for little benefit, so only the fleet
    // limit applies there.
    const limit = this.p.flags.timeWindows ? this.maxRoutes : Math.min(this.maxRoutes, Math.max(p1.numRoutes, this.minRoutes()));
    const routes = split(this.state, child, limit);
    this.lap('split');
    this.educate(routes);
    this.iterations++;
    if (this.iterationsWithoutImprovement >= this.params.restartAfter) this.restart();
  }

  private minRoutes(): number {
    const p = this.p;
    const D = p.numDims;
    let m = 1;
    for (let k = 0; k < D; k++) {
      let total = 0;
      for (let c = p.numDepots; c < p.numDepots + p.numClients; c++) total += p.delivery[c * D + k];
      let cap = 0;
      for (let t = 0; t < p.vehicles.numTypes; t++) cap = Math.max(cap, p.vehicles.capacity[t * D + k] * p.vehicles.maxTrips[t]);
      if (cap > 0) m = Math.max(m, Math.ceil(total / cap));
    }
    return m;
  }

  private buildInitial(): void {
    const i = this.initialBuilt++;
    if (i < this.initial.length) {
      // A seed counts as found even if local search under low penalties trades its feasibility away.
      const seed = Individual.fromRoutes(this.state, this.initial[i]);
      if (seed.feasible) {
        this.pop.add(seed, false);
        this.consider(seed);
      }
      this.educate(this.initial[i]);
      return;
    }
    // With seeds, part of the population (all of it under a fleet cap, where random tours split
    // into few routes are hopelessly infeasible) starts from perturbed seed tours.
    const capped = this.maxRoutes < this.state.numRoutes;
    if (this.rx && this.initial.length > 0) {
      const seed = this.initial[i % this.initial.length];
      this.educate(this.rx.perturb(seed, Math.max(2, Math.round(this.p.numClients / 10)), this.penalties));
      return;
    }
    if (this.initial.length > 0 && (capped || i % 2 === 0)) {
      this.educate(split(this.state, this.perturbedSeed(i), this.maxRoutes));
      return;
    }
    const tour = new Int32Array(this.p.numClients);
    for (let k = 0; k < tour.length; k++) tour[k] = this.p.numDepots + k;
    this.rng.shuffle(tour as unknown as number[]);
    this.educate(split(this.state, tour, this.maxRoutes));
  }

  /** A seed's giant tour with ~10 % of its clients moved in short random chains. */
  private perturbedSeed(i: number): Int32Array {
    const seed = this.initial[i % this.initial.length];
    const lo = this.p.numDepots;
    const hi = lo + this.p.numClients;
    const tour: number[] = [];
    for (const r of seed) for (const l of r) if (l >= lo && l < hi) tour.push(l);
    const moves = Math.max(1, Math.round(tour.length / 30));
    for (let m = 0; m < moves; m++) {
      const len = 1 + this.rng.int(3);
      const from = this.rng.int(Math.max(1, tour.length - len));
      const chain = tour.splice(from, len);
      tour.splice(this.rng.int(tour.length + 1), 0, ...chain);
    }
    return Int32Array.from(tour);
  }

  /** Local search on routes, insertion into the population, optional repair (HGS-CVRP). */
  private educate(routes: Int32Array[]): void {
    const s = this.state;
    if (this.constructing) this.lap('construction');
    s.load(routes, this.penalties);
    this.ls.run(this.penalties);
    this.lap('local search');
    const ind = Individual.fromState(s);
    this.pop.add(ind, true);
    // Penalties adapt per local-search outcome, initial population included, so short runs on
    // tightly constrained instances reach feasibility early.
    if (++this.outcomes % this.params.penaltyPeriod === 0) this.pop.managePenalties(this.penalties);
    let improved = this.consider(ind);
    if (!ind.feasible && this.rng.next() < this.params.repairProbability) {
      this.ls.run(this.penalties.scaled(10));
      this.lap('repair');
      s.penalties = this.penalties;
      const rep = Individual.fromState(s);
      if (rep.feasible) {
        this.pop.add(rep, false);
        improved = this.consider(rep) || improved;
      }
    }
    // Counted over generations only (HGS-CVRP nbIterNonProd): the initial population must not use
    // up a "without improvement" budget before the genetic search starts.
    if (improved) this.iterationsWithoutImprovement = 0;
    else if (this.initialBuilt >= this.initialSize) this.iterationsWithoutImprovement++;
  }

  private consider(ind: Individual): boolean {
    if (!ind.feasible) {
      if (!this.best && (!this.bestInfeasible || ind.penalizedCost < this.bestInfeasible.penalizedCost)) this.bestInfeasible = ind;
      return false;
    }
    let improved = false;
    if (ind.objective < this.bestRestartCost) {
      this.bestRestartCost = ind.objective;
      improved = true;
    }
    if (!this.best || ind.objective < this.best.objective) {
      this.best = ind;
      this.bestInfeasible = null;
      if (this.onImprove) this.onImprove(ind);
    }
    return improved;
  }

  private restart(): void {
    this.pop.clear();
    this.initialBuilt = this.initial.length; // seeds are used once
    this.bestRestartCost = Infinity;
    this.iterationsWithoutImprovement = 0;
  }
}

/**
 * Initial weights (HGS-CVRP `Params`): load penalty = max arc / max demand, clamped to [0.1, 1000];
 * time and distance penalties put one unit of excess on par with one unit of travel.
 */
export function initialPenalties(p: ProblemData): Penalties {
  const pen = new Penalties(p.numDims);
  const n = p.numLocations;
  let maxDist = 0;
  let maxDur = 0;
  for (let i = 0; i < n * n; i++) {
    if (p.distance[i] > maxDist) maxDist = p.distance[i];
    if (p.duration[i] > maxDur) maxDur = p.duration[i];
  }
  let dc = 0;
  for (let t = 0; t < p.vehicles.numTypes; t++) dc = Math.max(dc, p.vehicles.distanceCost[t]);
  if (dc === 0) dc = 1;
  for (let k = 0; k < p.numDims; k++) {
    let maxDem = 0;
    for (let c = p.numDepots; c < p.numDepots + p.numClients; c++) maxDem = Math.max(maxDem, p.delivery[c * p.numDims + k], Math.abs(p.pickup[c * p.numDims + k]));
    pen.load[k] = quantize(dc * Math.max(0.1, Math.min(1000, maxDem > 0 ? maxDist / maxDem : 1)));
  }
  pen.time = quantize(dc * (maxDur > 0 ? Math.max(0.1, Math.min(1000, maxDist / maxDur)) : 1));
  pen.distance = quantize(dc);
  return pen;
}
