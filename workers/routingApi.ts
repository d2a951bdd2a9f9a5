/**
 * The routing service behind the routing worker: hold a road graph's contraction hierarchy and
 * answer point-to-point routes and many-to-many matrices, and turn a dropped OSM extract into a
 * city pack (import + hierarchy) off the main thread. Plain functions over core, so the same
 * object is exposed by the browser worker (routing.worker.ts) and by a Node worker_thread
 * (routing.node.ts); large arrays go back by transfer.
 */
import { transfer } from 'comlink';
import { RoadGraph } from '../src/core/network/RoadGraph.ts';
import { ContractionHierarchy } from '../src/core/routing/ch/ContractionHierarchy.ts';
import { ChQuery } from '../src/core/routing/ch/ChQuery.ts';
import { ChMatrix, type TravelMatrix } from '../src/core/routing/ch/ChMatrix.ts';
import { unpackCity, type CityPackMeta } from '../src/core/city/CityPack.ts';
import { OsmImportError, type OsmImportErrorKind } from '../src/core/network/osm/OsmImportError.ts';
import { prepareCityPack, type PrepareOptions, type PreparePhase } from '../src/core/network/osm/prepareCityPack.ts';

export interface RouteResult {
  /** Travel time (ms) and length (mm); Infinity if unreachable. */
  readonly timeMs: number;
  readonly lengthMm: number;
  /** RoadGraph edge ids in driving order (empty if no graph was loaded, or no route). */
  readonly edges: Uint32Array;
}

export type PrepareResult =
  | { readonly ok: true; readonly pack: ArrayBuffer; readonly meta: CityPackMeta }
  | { readonly ok: false; readonly kind: OsmImportErrorKind | 'internal'; readonly message: string };

export function createRoutingApi() {
  let ch: ContractionHierarchy | null = null;
  let graph: RoadGraph | null = null;
  let query: ChQuery | null = null;
  let matrix: ChMatrix | null = null;
  const need = (): ContractionHierarchy => {
    if (!ch) throw new Error('routing worker: no hierarchy loaded (call load or loadPack first)');
    return ch;
  };
  const use = (h: ContractionHierarchy, g: RoadGraph | null) => {
    if (g) h.assertMatches(g);
    ch = h;
    graph = g;
    query = new ChQuery(h);
    matrix = new ChMatrix(h);
    return { nodes: h.nodeCount, upEdges: h.upEdgeCount, downEdges: h.downEdgeCount };
  };
  return {
    /** Load a hierarchy buffer (transferred, or a SharedArrayBuffer shared by a pool) and optionally its graph. */
    load(chBuffer: ArrayBufferLike, graphBuffer?: ArrayBufferLike) {
      return use(ContractionHierarchy.from(chBuffer), graphBuffer ? RoadGraph.from(graphBuffer as ArrayBuffer) : null);
    },

    /** Load graph and hierarchy from a city pack buffer. */
    loadPack(pack: ArrayBuffer) {
      const c = unpackCity(pack);
      return { ...use(c.ch, c.graph), meta: c.meta };
    },

    /** Fastest route between graph nodes, unpacked to RoadGraph edges (for drawing and driving). */
    route(source: number, target: number): RouteResult {
      need();
      const timeMs = query!.query(source, target);
      const edges = Uint32Array.from(query!.pathEdges());
      return transfer({ timeMs, lengthMm: query!.lengthMm, edges }, [edges.buffer]);
    },

    /** The loaded graph's node count (0 if only a hierarchy was loaded). */
    graphNodes(): number {
      return graph?.nodeCount ?? 0;
    },

    /** Travel times and lengths, sources × targets, row-major (see ChMatrix). */
    matrix(sources: ArrayLike<number>, targets: ArrayLike<number>): TravelMatrix {
      need();
      const m = matrix!.compute(sources, targets);
      return transfer(m, [m.timeMs.buffer, m.lengthMm.buffer]);
    },

    /**
     * Import extract bytes (transferred) and build the city pack; progress by phase through a
     * comlink proxy. A bad extract gives { ok: false } with the importer's message: the caller's
     * current city keeps running.
     */
    prepareCity(bytes: Uint8Array, options: Omit<PrepareOptions, 'onProgress'> = {}, onProgress?: (phase: PreparePhase, fraction: number) => void): PrepareResult {
      try {
        const { pack, contents } = prepareCityPack(bytes, { ...options, onProgress });
        return transfer({ ok: true as const, pack, meta: contents.meta }, [pack]);
      } catch (e) {
        if (e instanceof OsmImportError) return { ok: false, kind: e.kind, message: e.message };
        return { ok: false, kind: 'internal', message: `${options.name ?? 'extract'}: import failed: ${(e as Error).message}` };
      }
    },
  };
}

export type RoutingApi = ReturnType<typeof createRoutingApi>;
