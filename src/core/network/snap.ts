import RBush from 'rbush';
import type { RoadGraph } from './RoadGraph.ts';

interface EdgeBox {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  edge: number;
}

export interface Snap {
  /** Nearest edge and the projection's position along it (0 = source, 1 = target). */
  readonly edge: number;
  readonly t: number;
  /** The nearer end node of that edge: where a van stops for this point. */
  readonly node: number;
  /** Distance from the point to the edge, metres. */
  readonly distanceM: number;
  readonly x: number;
  readonly y: number;
}

/**
 * Snaps points to the road network: an R-tree (rbush, bulk-loaded) over edge bounding boxes,
 * searched in a growing window until the nearest segment is certain. Used at city build time
 * (doors, facilities), not per simulation event.
 */
export class EdgeSnapper {
  private readonly tree = new RBush<EdgeBox>();

  constructor(readonly graph: RoadGraph, accept: (edge: number) => boolean = () => true) {
    const items: EdgeBox[] = [];
    const { xy, source, target } = graph;
    for (let e = 0; e < graph.edgeCount; e++) {
      const u = source[e];
      const v = target[e];
      if (v < u && graph.findEdge(v, u) >= 0) continue; // one box per two-way segment
      if (!accept(e)) continue;
      items.push({
        minX: Math.min(xy[2 * u], xy[2 * v]),
        minY: Math.min(xy[2 * u + 1], xy[2 * v + 1]),
        maxX: Math.max(xy[2 * u], xy[2 * v]),
        maxY: Math.max(xy[2 * u + 1], xy[2 * v + 1]),
        edge: e,
      });
    }
    if (items.length === 0) throw new Error('EdgeSnapper: the graph has no edges to snap to');
    this.tree.load(items);
  }

  /** The nearest road segment to (x, y). */
  snap(x: number, y: number): Snap {
    const g = this.graph;
    for (let r = 25; ; r *= 2) {
      const hits = this.tree.search({ minX: x - r, minY: y - r, maxX: x + r, maxY: y + r });
      let best: Snap | null = null;
      for (const h of hits) {
        const s = project(g, h.edge, x, y);
        if (!best || s.distanceM < best.distanceM || (s.distanceM === best.distanceM && s.edge < best.edge)) best = s;
      }
      // A segment found within the window is the nearest once its distance is within r:
      // anything nearer would intersect the window too.
      if (best && best.distanceM <= r) return best;
      if (r > 1e7) throw new Error('EdgeSnapper: no road segment found');
    }
  }
}

function project(g: RoadGraph, e: number, x: number, y: number): Snap {
  const u = g.source[e];
  const v = g.target[e];
  const ax = g.xy[2 * u];
  const ay = g.xy[2 * u + 1];
  const dx = g.xy[2 * v] - ax;
  const dy = g.xy[2 * v + 1] - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 > 0 ? Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / len2)) : 0;
  const px = ax + t * dx;
  const py = ay + t * dy;
  return { edge: e, t, node: t <= 0.5 ? u : v, distanceM: Math.hypot(x - px, y - py), x: px, y: py };
}
