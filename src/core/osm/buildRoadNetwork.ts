import { EdgeFlag, type GeoOrigin, type RoadClass, type RoadGraph } from '../network/RoadGraph.ts';
import { RoadGraphBuilder } from '../network/RoadGraphBuilder.ts';
import type { LocalProjection } from '../geo/LocalProjection.ts';
import type { OsmData, OsmWay } from './OsmData.ts';
import { allowedClassSet, evaluateWay, type DropReason, type RoadDomain, type WayVerdict } from './roadProfile.ts';
import { applyTurnRestrictions } from './turnRestrictions.ts';
import { readTurnRestrictions, type TurnRestrictionStats } from './readTurnRestrictions.ts';
import type { RoadNet } from './RoadNet.ts';
import { stronglyConnectedComponents } from './components.ts';
import { applyViaWayRestrictions } from './viaWayRestrictions.ts';

export interface RoadImportStats {
  /** Ways with a highway tag, kept or dropped (by reason). */
  readonly highwayWays: number;
  readonly keptWays: number;
  readonly droppedWays: Record<DropReason, number>;
  /** Kept ways that reference nodes missing from the file (those segments are left out). */
  readonly waysWithMissingNodes: number;
  /** Centreline length of the kept ways, each counted once, km (before component pruning). */
  readonly roadKm: number;
  readonly turnRestrictions: TurnRestrictionStats;
  readonly components: { readonly count: number; readonly droppedNodes: number; readonly droppedEdges: number };
  readonly nodes: number;
  readonly edges: number;
}

export interface RoadNetworkOptions {
  readonly domain?: RoadDomain;
  /** Vehicle top speed for time weights, km/h (the JD VAN: 60). */
  readonly topSpeedKmh?: number;
  readonly turnRestrictions?: boolean;
}

/** The drivable road ways of an extract and their verdicts (first pass: also fixes the origin). */
export function selectRoads(data: OsmData, domain: RoadDomain = {}): { ways: OsmWay[]; verdicts: WayVerdict[]; dropped: Record<DropReason, number>; highwayWays: number } {
  const allowed = allowedClassSet(domain.allowedClasses);
  const dropped: Record<DropReason, number> = { notDrivable: 0, outsideDomainClass: 0, outsideDomainSpeed: 0, noAccess: 0, area: 0, construction: 0, reversible: 0 };
  const ways: OsmWay[] = [];
  const verdicts: WayVerdict[] = [];
  let highwayWays = 0;
  for (const w of data.ways) {
    if (w.tags.highway === undefined) continue;
    highwayWays++;
    const v = evaluateWay(w.tags, allowed, domain.maxRoadSpeedKmh);
    if (!v.keep) dropped[v.reason]++;
    else if (w.refs.length >= 2) {
      ways.push(w);
      verdicts.push(v);
    }
  }
  return { ways, verdicts, dropped, highwayWays };
}

/**
 * Build the van's road graph from the selected ways: one node per OSM node used (shape points
 * included: edges are straight segments), directed edges by the ways' one-way rules and speeds,
 * turn restrictions by junction splitting, then only the largest strongly connected component.
 */
export function buildRoadNetwork(
  data: OsmData,
  index: Map<number, number>,
  proj: LocalProjection,
  selection: ReturnType<typeof selectRoads>,
  options: RoadNetworkOptions = {},
): { graph: RoadGraph; stats: RoadImportStats } {
  const net: RoadNet = { x: [], y: [], nodeFlags: [], nodeOrigin: [], from: [], to: [], lengthM: [], speedKmh: [], roadClass: [], flags: [], wayId: [] };
  const graphNode = new Map<number, number>(); // OSM node id → net node
  const nodeOf = (osmId: number): number | undefined => {
    let v = graphNode.get(osmId);
    if (v !== undefined) return v;
    const i = index.get(osmId);
    if (i === undefined) return undefined;
    v = net.x.length;
    net.x.push(proj.x(data.lon[i]));
    net.y.push(proj.y(data.lat[i]));
    net.nodeFlags.push(0);
    net.nodeOrigin.push(v);
    graphNode.set(osmId, v);
    return v;
  };
  let roadM = 0;
  let missing = 0;
  selection.ways.forEach((w, k) => {
    const verdict = selection.verdicts[k];
    if (!verdict.keep) return;
    let prev = -1;
    let hadMissing = false;
    for (let i = 0; i < w.refs.length; i++) {
      const v = nodeOf(w.refs[i]);
      if (v === undefined) {
        hadMissing = true;
        prev = -1;
        continue;
      }
      if (prev >= 0 && prev !== v) {
        const len = Math.hypot(net.x[v] - net.x[prev], net.y[v] - net.y[prev]);
        roadM += len;
        addSegment(net, prev, v, len, verdict, w.id);
      }
      prev = v;
    }
    if (hadMissing) missing++;
  });
  const trStats: TurnRestrictionStats = { relations: 0, applied: 0, viaWay: 0, exempt: 0, invalid: 0, notApplicable: 0, splitNodes: 0 };
  if (options.turnRestrictions !== false) {
    const restrictions = readTurnRestrictions(data.relations, trStats);
    applyTurnRestrictions(net, restrictions.viaNode, (id) => graphNode.get(id), trStats);
    const wayRefs = new Map<number, Float64Array>();
    for (const w of selection.ways) wayRefs.set(w.id, w.refs);
    applyViaWayRestrictions(net, restrictions.viaWay, (id) => wayRefs.get(id), (id) => graphNode.get(id), trStats);
  }
  const { graph, components } = largestComponentGraph(net, { lon: proj.lon0, lat: proj.lat0 }, options.topSpeedKmh ?? 60);
  return {
    graph,
    stats: {
      highwayWays: selection.highwayWays,
      keptWays: selection.ways.length,
      droppedWays: selection.dropped,
      waysWithMissingNodes: missing,
      roadKm: roadM / 1000,
      turnRestrictions: trStats,
      components,
      nodes: graph.nodeCount,
      edges: graph.edgeCount,
    },
  };
}

function addSegment(net: RoadNet, a: number, b: number, len: number, v: Extract<WayVerdict, { keep: true }>, wayId: number): void {
  const oneWay = v.forward !== v.backward;
  const flags = (oneWay ? EdgeFlag.OneWay : 0) | (v.roundabout ? EdgeFlag.Roundabout : 0);
  const push = (f: number, t: number, speed: number) => {
    net.from.push(f);
    net.to.push(t);
    net.lengthM.push(len);
    net.speedKmh.push(speed);
    net.roadClass.push(v.roadClass);
    net.flags.push(flags);
    net.wayId.push(wayId);
  };
  if (v.forward) push(a, b, v.speedForwardKmh);
  if (v.backward) push(b, a, v.speedBackwardKmh);
}

/** Keep the largest strongly connected component and lay it out as a RoadGraph. */
function largestComponentGraph(net: RoadNet, origin: GeoOrigin, topSpeedKmh: number) {
  const n = net.x.length;
  const scc = stronglyConnectedComponents(n, net.from, net.to);
  const remap = new Int32Array(n).fill(-1);
  const b = new RoadGraphBuilder(origin);
  for (let v = 0; v < n; v++) {
    if (scc.component[v] !== scc.largest) continue;
    remap[v] = b.addNode(net.x[v], net.y[v]);
    if (net.nodeFlags[v]) b.setNodeFlags(remap[v], net.nodeFlags[v]);
  }
  let droppedEdges = 0;
  for (let e = 0; e < net.from.length; e++) {
    const u = remap[net.from[e]];
    const v = remap[net.to[e]];
    if (u < 0 || v < 0) {
      droppedEdges++;
      continue;
    }
    b.addEdge(u, v, { roadClass: net.roadClass[e] as RoadClass, speedLimitKmh: net.speedKmh[e], lengthM: net.lengthM[e], flags: net.flags[e], wayId: net.wayId[e] });
  }
  return { graph: b.finish(topSpeedKmh), components: { count: scc.count, droppedNodes: n - scc.largestSize, droppedEdges } };
}
