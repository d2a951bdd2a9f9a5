import type { SearchState } from './SearchState.ts';

/**
 * Put every delivery in its pickup's route, after the pickup, at the cheapest such position
 * (route data of the touched routes are updated). Returns the number of repaired pairs.
 */
export function repairPairs(s: SearchState): number {
  const pr = s.p;
  let repaired = 0;
  for (let l = pr.numDepots; l < pr.numDepots + pr.numClients; l++) {
    if (pr.pairRole[l] !== 1) continue;
    const p = l;
    const d = pr.pairedWith[l];
    const rP = s.routeOf[p];
    const rD = s.routeOf[d];
    if (rP < 0 || rD < 0) continue;
    if (rP === rD && s.pos[d] > s.pos[p]) continue;
    s.unlink(d);
    s.routeOf[d] = -1;
    if (rD !== rP) s.updateRoute(rD);
    s.updateRoute(rP);
    const ev = s.ev;
    let best = Infinity;
    let at = p;
    for (let w = p; w !== s.endOf(rP); w = s.next[w]) {
      const c = ev.beginPrefix(w).addNode(d).addSuffix(s.next[w]).finish();
      if (c < best) {
        best = c;
        at = w;
      }
    }
    s.linkAfter(d, at, rP);
    s.moves++;
    s.updateRoute(rP);
    repaired++;
  }
  return repaired;
}
