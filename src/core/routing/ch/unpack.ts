import type { ContractionHierarchy } from './ContractionHierarchy.ts';

/**
 * Append the original RoadGraph edges that CH edge (a, b) stands for, in driving order: an
 * original edge (b < 0) is edge a; a shortcut u→w via v is the down-edge a (u→v) followed by the
 * up-edge b (v→w). Recursion depth is bounded by the hierarchy's level count (tens).
 */
export function unpackEdge(ch: ContractionHierarchy, a: number, b: number, out: number[]): void {
  if (b < 0) {
    out.push(a);
    return;
  }
  unpackEdge(ch, ch.dnA[a], ch.dnB[a], out);
  unpackEdge(ch, ch.upA[b], ch.upB[b], out);
}
