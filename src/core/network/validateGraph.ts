import type { RoadGraph } from './RoadGraph.ts';

/**
 * Structural invariants of a RoadGraph; returns the list of violations (empty when valid).
 * Called from tests and from import code before a graph is handed to routing.
 */
export function validateGraph(g: RoadGraph): string[] {
  const errors: string[] = [];
  const n = g.nodeCount;
  const m = g.edgeCount;
  const fail = (msg: string) => {
    if (errors.length < 20) errors.push(msg);
  };
  if (g.firstEdge[0] !== 0) fail('firstEdge[0] must be 0');
  if (g.firstEdge[n] !== m) fail(`firstEdge sentinel is ${g.firstEdge[n]}, expected edgeCount ${m}`);
  for (let u = 0; u < n; u++) {
    if (g.firstEdge[u] > g.firstEdge[u + 1]) fail(`firstEdge not monotone at node ${u}`);
    if (!Number.isFinite(g.xy[2 * u]) || !Number.isFinite(g.xy[2 * u + 1])) fail(`node ${u} has a non-finite coordinate`);
    for (let e = g.firstEdge[u]; e < g.firstEdge[u + 1]; e++) {
      if (g.source[e] !== u) fail(`edge ${e} is stored under node ${u} but has source ${g.source[e]}`);
    }
  }
  for (let e = 0; e < m; e++) {
    if (g.target[e] >= n) fail(`edge ${e} targets node ${g.target[e]} (only ${n} nodes)`);
    if (g.timeMs[e] < 1) fail(`edge ${e} has non-positive time`);
    if (g.lengthMm[e] < 1) fail(`edge ${e} has non-positive length`);
    if (g.edgeSpeedKmh(e) > g.maxSpeedKmh + 1e-9) fail(`edge ${e} is driven at ${g.edgeSpeedKmh(e).toFixed(2)} km/h, above the profile's ${g.maxSpeedKmh}`);
    if (g.edgeSpeedKmh(e) > g.speedLimitKmh[e] + 1e-9) fail(`edge ${e} is driven above its limit ${g.speedLimitKmh[e]} km/h`);
  }
  if (g.revFirstEdge[n] !== m) fail('reverse CSR sentinel mismatch');
  for (let v = 0; v < n; v++) {
    for (let i = g.revFirstEdge[v]; i < g.revFirstEdge[v + 1]; i++) {
      if (g.target[g.revEdge[i]] !== v) fail(`reverse entry ${i} lists edge ${g.revEdge[i]} under node ${v}, but it targets ${g.target[g.revEdge[i]]}`);
    }
  }
  return errors;
}
