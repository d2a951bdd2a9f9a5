import type { RoadGraph } from '../network/RoadGraph.ts';
import { VanStatus } from '../sim/VanStatus.ts';
import type { Rng } from '../util/rng.ts';
import { Timeline } from './Timeline.ts';

/**
 * A made-up but plausible fleet for rendering benchmarks at sizes the dispatcher cannot run yet
 * (thousands of vans): each van drives a random walk of 10–40 road segments (no U-turns unless at
 * a dead end), stops at a "door" for 30–150 s, and goes again, for `durationS`. Recorded into
 * the same Timeline as a real run, so the view draws it through exactly the same path.
 */
export function syntheticTimeline(g: RoadGraph, vans: number, startS: number, durationS: number, rng: Rng, batteryWh = 36_800): Timeline {
  const starts = Int32Array.from({ length: vans }, () => rng.int(g.nodeCount));
  const tl = new Timeline(vans, startS, starts, new Float64Array(vans).fill(batteryWh));
  const edges: number[] = [];
  const ends: number[] = [];
  const endS = startS + durationS;
  for (let v = 0; v < vans; v++) {
    let node = starts[v];
    let t = startS + rng.range(0, 120);
    let prevEdge = -1;
    let soc = batteryWh * rng.range(0.4, 1);
    while (t < endS) {
      edges.length = 0;
      ends.length = 0;
      let ms = 0;
      const want = 10 + rng.int(30);
      for (let k = 0; k < want; k++) {
        const e = nextEdge(g, node, prevEdge, rng);
        if (e < 0) break;
        edges.push(e);
        ms += g.timeMs[e];
        ends.push(ms);
        node = g.target[e];
        prevEdge = e;
      }
      if (edges.length === 0) break;
      const status = rng.chance(0.15) ? VanStatus.LineHaul : VanStatus.Delivering;
      tl.addStatus(v, t, status, soc, 400, 8, tl.nextLeg(v), 0);
      tl.addLeg(v, t, status, edges, ends);
      t += ms / 1000;
      soc = Math.max(0, soc - ms * 0.002);
      const last = edges[edges.length - 1];
      const heading = Math.atan2(g.y(g.target[last]) - g.y(g.source[last]), g.x(g.target[last]) - g.x(g.source[last]));
      tl.addStatus(v, t, VanStatus.AtDoor, soc, 390, 7.8, node, heading);
      t += rng.range(30, 150);
    }
  }
  tl.horizonS = endS;
  tl.endS = endS;
  return tl;
}

/** A random outgoing edge that does not turn straight back, if there is another choice; -1 at a sink. */
function nextEdge(g: RoadGraph, node: number, prevEdge: number, rng: Rng): number {
  const a = g.firstEdge[node];
  const b = g.firstEdge[node + 1];
  if (b === a) return -1;
  const back = prevEdge >= 0 ? g.source[prevEdge] : -1;
  for (let tries = 0; tries < 4; tries++) {
    const e = a + rng.int(b - a);
    if (g.target[e] !== back) return e;
  }
  return a + rng.int(b - a);
}
