import type { OsmRelation } from './OsmData.ts';

export interface TurnRestriction {
  readonly relationId: number;
  readonly kind: 'no' | 'only';
  readonly fromWay: number;
  readonly viaNode: number;
  readonly toWay: number;
}

export interface ViaWayRestriction {
  readonly relationId: number;
  readonly kind: 'no' | 'only';
  readonly fromWay: number;
  /** The via ways, in any order; they must form a chain from the from road to the to road. */
  readonly viaWays: readonly number[];
  readonly toWay: number;
}

export interface TurnRestrictionStats {
  /** Relations tagged type=restriction. */
  relations: number;
  /** Applied to the graph (via a node or via ways). */
  applied: number;
  /** Of those applied, how many go via ways (path duplication) rather than a node. */
  viaWay: number;
  /** Not for this vehicle (except=delivery/goods/motorcar, hgv-only, conditional) or not a turn restriction value. */
  exempt: number;
  /** Members missing or malformed. */
  invalid: number;
  /** The via node or the from/to roads are not in the van's network, or the turn is impossible anyway. */
  notApplicable: number;
  /** Junction copies created by node splitting. */
  splitNodes: number;
}

const EXEMPT = /\b(motorcar|motor_vehicle|goods|delivery)\b/;

/** Turn restrictions that bind a delivery van, from restriction relations; the rest are counted. */
export function readTurnRestrictions(relations: readonly OsmRelation[], stats: TurnRestrictionStats): { viaNode: TurnRestriction[]; viaWay: ViaWayRestriction[] } {
  const out: TurnRestriction[] = [];
  const viaWay: ViaWayRestriction[] = [];
  for (const r of relations) {
    if (r.tags.type !== 'restriction') continue;
    stats.relations++;
    const value = r.tags['restriction:goods'] ?? r.tags['restriction:motorcar'] ?? r.tags['restriction:motor_vehicle'] ?? r.tags.restriction;
    const kind = value?.startsWith('no_') ? 'no' : value?.startsWith('only_') ? 'only' : null;
    if (!kind || EXEMPT.test(r.tags.except ?? '')) {
      stats.exempt++;
      continue;
    }
    const from = r.members.filter((m) => m.role === 'from');
    const via = r.members.filter((m) => m.role === 'via');
    const to = r.members.filter((m) => m.role === 'to');
    if (via.length > 0 && via.every((m) => m.type === 'way')) {
      if (from.length !== 1 || from[0].type !== 'way' || to.length !== 1 || to[0].type !== 'way') stats.invalid++;
      else viaWay.push({ relationId: r.id, kind, fromWay: from[0].ref, viaWays: via.map((m) => m.ref), toWay: to[0].ref });
      continue;
    }
    if (from.length !== 1 || from[0].type !== 'way' || via.length !== 1 || via[0].type !== 'node' || to.length < 1 || to.some((m) => m.type !== 'way') || (kind === 'only' && to.length !== 1)) {
      stats.invalid++;
      continue;
    }
    for (const t of to) out.push({ relationId: r.id, kind, fromWay: from[0].ref, viaNode: via[0].ref, toWay: t.ref });
  }
  return { viaNode: out, viaWay };
}
