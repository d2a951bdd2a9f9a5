import type { RoadGraph } from '../../core/network/RoadGraph.ts';
import { RoadClass } from '../../core/network/RoadGraph.ts';
import { MeshBuilder, type MeshArrays } from './MeshArrays.ts';

/** Half-width (m), height above ground (m) and grey level per road class. Faster roads are wider and drawn on top. */
function style(c: number): [number, number, number] {
  if (c <= RoadClass.Primary) return [7, 0.06, 0.36];
  if (c === RoadClass.Secondary) return [6, 0.05, 0.34];
  if (c === RoadClass.Tertiary) return [5, 0.04, 0.32];
  return [3.5, 0.03, 0.27];
}

/**
 * Roads as flat ribbons, one quad per road segment (two-way segments once), each stretched by its
 * half-width at both ends so joints and intersections are covered. View coordinates: x east,
 * y up, z south (= -north). One merged mesh: one draw call for the whole network.
 */
export function buildRoadMesh(g: RoadGraph): MeshArrays {
  const mb = new MeshBuilder();
  for (let e = 0; e < g.edgeCount; e++) {
    const u = g.source[e];
    const v = g.target[e];
    if (v < u && g.findEdge(v, u) >= 0) continue;
    const [w, h, grey] = style(g.roadClass[e]);
    const ax = g.x(u);
    const ay = g.y(u);
    const len = Math.hypot(g.x(v) - ax, g.y(v) - ay);
    if (len === 0) continue;
    const dx = (g.x(v) - ax) / len;
    const dy = (g.y(v) - ay) / len;
    const x0 = ax - dx * w * 0.5;
    const y0 = ay - dy * w * 0.5;
    const x1 = g.x(v) + dx * w * 0.5;
    const y1 = g.y(v) + dy * w * 0.5;
    const nx = -dy * w;
    const ny = dx * w;
    const a = mb.vertex(x0 + nx, h, -(y0 + ny), 0, 1, 0, grey, grey, grey + 0.02);
    const b = mb.vertex(x0 - nx, h, -(y0 - ny), 0, 1, 0, grey, grey, grey + 0.02);
    const c = mb.vertex(x1 - nx, h, -(y1 - ny), 0, 1, 0, grey, grey, grey + 0.02);
    const d = mb.vertex(x1 + nx, h, -(y1 + ny), 0, 1, 0, grey, grey, grey + 0.02);
    mb.triangle(a, b, c);
    mb.triangle(a, c, d);
  }
  return mb.finish();
}
