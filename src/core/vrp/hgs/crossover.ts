/**
 * Ordered crossover (OX; Oliver, Smith & Holland 1987) on giant tours, as in HGS-CVRP
 * `Genetic::crossoverOX` (Vidal 2022, §3): copy a random cyclic slice of parent 1, fill the rest in
 * the order of parent 2 starting after the slice. Allocation-free given a scratch.
 */
import type { Rng } from '../../util/rng.ts';

export class OxCrossover {
  private readonly seenStamp: Int32Array;
  private stamp = 0;
  readonly child: Int32Array;

  constructor(numLocations: number, numClients: number) {
    this.seenStamp = new Int32Array(numLocations);
    this.child = new Int32Array(numClients);
  }

  run(rng: Rng, p1: Int32Array, p2: Int32Array): Int32Array {
    const n = p1.length;
    const child = this.child;
    this.stamp++;
    const st = this.stamp;
    if (n < 2) {
      child.set(p1);
      return child;
    }
    const start = rng.int(n);
    let end = rng.int(n);
    while (end === start) end = rng.int(n);
    let j = start;
    while (j % n !== (end + 1) % n) {
      const c = p1[j % n];
      child[j % n] = c;
      this.seenStamp[c] = st;
      j++;
    }
    for (let i = 1; i <= n; i++) {
      const c = p2[(end + i) % n];
      if (this.seenStamp[c] !== st) {
        child[j % n] = c;
        j++;
      }
    }
    return child;
  }
}
