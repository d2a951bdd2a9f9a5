/**
 * HGS population management (Vidal et al. 2012 §3.5–3.6; HGS-CVRP `Population.cpp`): feasible and
 * infeasible subpopulations sorted by penalized cost, biased fitness = cost rank + (1 − nbElite/size)
 * × diversity rank (mean broken-pairs distance to the nbClose closest), survivor selection of the
 * worst biased fitness (clones first) when a subpopulation exceeds mu + lambda, binary tournament
 * for parents, and penalty adaptation towards a target share of feasible local-search outcomes.
 */
import type { Rng } from '../../util/rng.ts';
import type { Penalties } from '../search/Penalties.ts';
import { quantize } from '../search/Penalties.ts';
import type { Individual } from './Individual.ts';
import type { HgsParams } from './params.ts';

/** Fixed-size window of booleans (HGS-CVRP keeps the last 100 outcomes). */
class Window {
  private readonly a: Uint8Array;
  private i = 0;
  private ones: number;

  constructor(size: number) {
    this.a = new Uint8Array(size).fill(1);
    this.ones = size;
  }

  push(v: boolean): void {
    this.ones += (v ? 1 : 0) - this.a[this.i];
    this.a[this.i] = v ? 1 : 0;
    this.i = (this.i + 1) % this.a.length;
  }

  fraction(): number {
    return this.ones / this.a.length;
  }
}

export class Population {
  feasible: Individual[] = [];
  infeasible: Individual[] = [];
  private readonly params: HgsParams;
  private readonly rng: Rng;
  private readonly winLoad = new Window(100);
  private readonly winTime = new Window(100);
  private readonly winDist = new Window(100);

  constructor(params: HgsParams, rng: Rng) {
    this.params = params;
    this.rng = rng;
  }

  get size(): number {
    return this.feasible.length + this.infeasible.length;
  }

  clear(): void {
    this.feasible = [];
    this.infeasible = [];
  }

  /** Insert a copy-free reference to `ind`; track constraint feasibility if `track`. */
  add(ind: Individual, track: boolean): void {
    if (track) {
      let loadOk = true;
      for (let k = 0; k < ind.loadExcess.length; k++) if (ind.loadExcess[k] > 0) loadOk = false;
      this.winLoad.push(loadOk);
      this.winTime.push(ind.timeWarp === 0);
      this.winDist.push(ind.distExcess === 0);
    }
    const sub = ind.feasible ? this.feasible : this.infeasible;
    for (const o of sub) {
      const dist = ind.brokenPairs(o);
      o.addProximity(dist, ind);
      ind.addProximity(dist, o);
    }
    let place = sub.length;
    while (place > 0 && sub[place - 1].penalizedCost > ind.penalizedCost) place--;
    sub.splice(place, 0, ind);
    if (sub.length > this.params.mu + this.params.lambda) while (sub.length > this.params.mu) this.removeWorst(sub);
  }

  private updateBiasedFitness(sub: Individual[]): void {
    const m = sub.length;
    if (m === 1) {
      sub[0].biasedFitness = 0;
      return;
    }
    const nbClose = this.params.nbClose;
    const order = sub.map((ind, i) => ({ d: -ind.avgClosest(nbClose), i }));
    order.sort((a, b) => a.d - b.d || a.i - b.i);
    const elite = this.params.nbElite;
    for (let rank = 0; rank < m; rank++) {
      const divRank = rank / (m - 1);
      const fitRank = order[rank].i / (m - 1);
      sub[order[rank].i].biasedFitness = m <= elite ? fitRank : fitRank + (1 - elite / m) * divRank;
    }
  }

  private removeWorst(sub: Individual[]): void {
    this.updateBiasedFitness(sub);
    let worst = -1;
    let worstClone = false;
    let worstFit = -Infinity;
    for (let i = 1; i < sub.length; i++) {
      const clone = sub[i].avgClosest(1) === 0;
      if ((clone && !worstClone) || (clone === worstClone && sub[i].biasedFitness > worstFit)) {
        worstFit = sub[i].biasedFitness;
        worstClone = clone;
        worst = i;
      }
    }
    const [gone] = sub.splice(worst, 1);
    for (const o of sub) o.removeProximity(gone);
  }

  /** Binary tournament on biased fitness over both subpopulations. */
  tournament(): Individual {
    this.updateBiasedFitness(this.feasible);
    this.updateBiasedFitness(this.infeasible);
    const pick = (): Individual => {
      const i = this.rng.int(this.size);
      return i < this.feasible.length ? this.feasible[i] : this.infeasible[i - this.feasible.length];
    };
    const a = pick();
    const b = pick();
    return a.biasedFitness < b.biasedFitness ? a : b;
  }

  /** Adapt each penalty towards the target feasible share (HGS-CVRP `managePenalties`). */
  managePenalties(pen: Penalties): void {
    const target = this.params.targetFeasible;
    const adapt = (w: number, frac: number, far = this.params.penaltyIncrease): number => {
      if (frac < target / 2) return quantize(w * far);
      if (frac < target - 0.05) return quantize(w * this.params.penaltyIncrease);
      if (frac > target + 0.05) return quantize(w * this.params.penaltyDecrease);
      return w;
    };
    for (let k = 0; k < pen.load.length; k++) pen.load[k] = adapt(pen.load[k], this.winLoad.fraction());
    pen.time = adapt(pen.time, this.winTime.fraction(), this.params.timePenaltyIncreaseFar);
    pen.distance = adapt(pen.distance, this.winDist.fraction(), this.params.timePenaltyIncreaseFar);
    for (const ind of this.infeasible) ind.reprice(pen);
    this.infeasible.sort((a, b) => a.penalizedCost - b.penalizedCost);
  }

  bestFeasible(): Individual | null {
    return this.feasible.length > 0 ? this.feasible[0] : null;
  }

  bestInfeasible(): Individual | null {
    return this.infeasible.length > 0 ? this.infeasible[0] : null;
  }
}
