/**
 * A member of the HGS population (Vidal et al. 2012 §3; HGS-CVRP `Individual`): routes per fleet
 * slot, the giant tour (clients in route order, the chromosome for OX crossover), and the cost
 * split into objective and constraint excesses so its penalized cost can be recomputed when the
 * penalty weights move. Successor and predecessor arrays serve the broken-pairs distance.
 */
import type { ProblemData } from '../ProblemData.ts';
import type { Penalties } from '../search/Penalties.ts';
import type { SearchState } from '../search/SearchState.ts';
import { schedulePorts } from './chargerPorts.ts';

export class Individual {
  readonly routes: Int32Array[];
  readonly tour: Int32Array;
  /** Next/previous client on the route (0 = route start/end), indexed by client location. */
  readonly succ: Int32Array;
  readonly pred: Int32Array;
  /** Distance, duration and fixed costs (no penalties). */
  objective = 0;
  distance = 0;
  readonly loadExcess: Float64Array;
  timeWarp = 0;
  distExcess = 0;
  numRoutes = 0;
  feasible = false;
  penalizedCost = 0;
  biasedFitness = 0;
  /** Other individuals of the same subpopulation sorted by broken-pairs distance. */
  proximity: { dist: number; other: Individual }[] = [];

  private constructor(p: ProblemData, routes: Int32Array[]) {
    this.routes = routes;
    this.tour = new Int32Array(p.numClients);
    this.succ = new Int32Array(p.numLocations);
    this.pred = new Int32Array(p.numLocations);
    this.loadExcess = new Float64Array(p.numDims);
  }

  /** Snapshot the routes of a search state and evaluate them. */
  static fromState(s: SearchState): Individual {
    const ind = new Individual(s.p, s.exportRoutes());
    ind.evaluate(s);
    return ind;
  }

  /** Build from routes (location lists per slot) and evaluate them with the state's evaluator. */
  static fromRoutes(s: SearchState, routes: Int32Array[]): Individual {
    const ind = new Individual(s.p, routes);
    ind.evaluate(s);
    return ind;
  }

  private evaluate(s: SearchState): void {
    const p = s.p;
    const ev = s.ev;
    const lo = p.numDepots;
    const hi = p.numDepots + p.numClients;
    let t = 0;
    this.objective = this.distance = this.timeWarp = this.distExcess = 0;
    this.loadExcess.fill(0);
    this.numRoutes = 0;
    this.succ.fill(0);
    this.pred.fill(0);
    for (let r = 0; r < this.routes.length; r++) {
      const route = this.routes[r];
      if (route.length === 0) continue;
      let prevClient = 0;
      for (let i = 0; i < route.length; i++) {
        const l = route[i];
        if (l < lo || l >= hi) continue;
        this.tour[t++] = l;
        this.pred[l] = prevClient;
        if (prevClient) this.succ[prevClient] = l;
        prevClient = l;
      }
      const type = s.rType[r];
      evalRoute(s, type, route);
      this.numRoutes++;
      this.distance += ev.resDist;
      const v = p.vehicles;
      this.objective += v.distanceCost[type] * ev.resDist + v.durationCost[type] * ev.resDur + v.fixedCost[type];
      for (let k = 0; k < p.numDims; k++) this.loadExcess[k] += ev.resLoadExcessK[k];
      this.timeWarp += ev.resTimeWarp;
      this.distExcess += ev.resRangeExcess + ev.resDistExcess;
    }
    // Charger ports across routes (chargerPorts.ts): what the greedy repair leaves counts as time warp.
    if (p.flags.stationPorts && this.feasibleRoutesOnly()) {
      const ps = schedulePorts(p, this.routes.map((visits, r) => ({ type: s.rType[r], visits })).filter((r) => r.visits.length > 0));
      this.timeWarp += ps.overlap + ps.timeWarp;
    }
    let feasible = this.timeWarp === 0 && this.distExcess === 0;
    for (let k = 0; k < p.numDims; k++) if (this.loadExcess[k] > 0) feasible = false;
    this.feasible = feasible;
    this.reprice(s.penalties);
  }

  /** No excess of any kind so far (the port repair only runs on otherwise feasible routes). */
  private feasibleRoutesOnly(): boolean {
    for (let k = 0; k < this.loadExcess.length; k++) if (this.loadExcess[k] > 0) return false;
    return this.timeWarp === 0 && this.distExcess === 0;
  }

  /** Recompute the penalized cost under new weights. */
  reprice(pen: Penalties): void {
    let c = this.objective + pen.time * this.timeWarp + pen.distance * this.distExcess;
    for (let k = 0; k < this.loadExcess.length; k++) c += pen.load[k] * this.loadExcess[k];
    this.penalizedCost = c;
  }

  /**
   * Broken-pairs distance (Prins 2004; HGS-CVRP `brokenPairsDistance`): share of clients whose
   * neighbours differ between the two solutions, in [0, 1].
   */
  brokenPairs(o: Individual): number {
    let diff = 0;
    const t = this.tour;
    for (let i = 0; i < t.length; i++) {
      const j = t[i];
      if (this.succ[j] !== o.succ[j] && this.succ[j] !== o.pred[j]) diff++;
      if (this.pred[j] === 0 && o.pred[j] !== 0 && o.pred[j] !== o.succ[j]) diff++;
    }
    return diff / Math.max(1, t.length);
  }

  /** Mean distance to the k closest individuals of the subpopulation. */
  avgClosest(k: number): number {
    const m = Math.min(k, this.proximity.length);
    if (m === 0) return 0;
    let sum = 0;
    for (let i = 0; i < m; i++) sum += this.proximity[i].dist;
    return sum / m;
  }

  addProximity(dist: number, other: Individual): void {
    const a = this.proximity;
    let i = a.length;
    a.push({ dist, other });
    while (i > 0 && a[i - 1].dist > dist) {
      a[i] = a[i - 1];
      i--;
    }
    a[i] = { dist, other };
  }

  removeProximity(other: Individual): void {
    const i = this.proximity.findIndex((e) => e.other === other);
    if (i >= 0) this.proximity.splice(i, 1);
  }
}

/** Forward evaluation of a whole route (location list) for vehicle type t, via a scratch node. */
export function evalRoute(s: SearchState, t: number, route: Int32Array): number {
  const ev = s.ev.beginRoute(t);
  const p = s.p;
  const hi = p.numDepots + p.numClients;
  for (let i = 0; i < route.length; i++) {
    const l = route[i];
    if (l >= p.numDepots && l < hi) ev.addNode(l);
    else ev.addVisit(l, l < p.numDepots ? 1 : 2);
  }
  return ev.finish();
}
