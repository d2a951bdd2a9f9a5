import { RoadClass, ROAD_CLASS_NAMES, type RoadClassName } from '../network/RoadGraph.ts';
import type { Tags } from './OsmData.ts';

/** OSM highway values a motor vehicle may use, by functional class (links join their road's class). */
const HIGHWAY_CLASS: Record<string, RoadClass> = {
  motorway: RoadClass.Motorway,
  motorway_link: RoadClass.Motorway,
  trunk: RoadClass.Trunk,
  trunk_link: RoadClass.Trunk,
  primary: RoadClass.Primary,
  primary_link: RoadClass.Primary,
  secondary: RoadClass.Secondary,
  secondary_link: RoadClass.Secondary,
  tertiary: RoadClass.Tertiary,
  tertiary_link: RoadClass.Tertiary,
  residential: RoadClass.Residential,
  service: RoadClass.Service,
  living_street: RoadClass.LivingStreet,
  unclassified: RoadClass.Unclassified,
  road: RoadClass.Unclassified,
};

/** Speed assumed where a road has no usable maxspeed, km/h, by class (urban defaults). */
export const DEFAULT_SPEED_KMH: Record<RoadClass, number> = {
  [RoadClass.Motorway]: 110,
  [RoadClass.Trunk]: 80,
  [RoadClass.Primary]: 50,
  [RoadClass.Secondary]: 50,
  [RoadClass.Tertiary]: 40,
  [RoadClass.Residential]: 30,
  [RoadClass.Service]: 20,
  [RoadClass.LivingStreet]: 10,
  [RoadClass.Unclassified]: 40,
};

/**
 * The van's operational design domain (ODD) on roads: the classes it may drive and the highest
 * posted speed it may share a road with. Default: everything but motorways and trunk roads (and
 * their links), any speed limit.
 */
export interface RoadDomain {
  readonly allowedClasses?: readonly RoadClassName[];
  readonly maxRoadSpeedKmh?: number;
}

export const DEFAULT_ALLOWED_CLASSES: readonly RoadClassName[] = ROAD_CLASS_NAMES.filter((c) => c !== 'motorway' && c !== 'trunk');

export type DropReason = 'notDrivable' | 'outsideDomainClass' | 'outsideDomainSpeed' | 'noAccess' | 'area' | 'construction' | 'reversible';

export type WayVerdict =
  | { readonly keep: false; readonly reason: DropReason }
  | {
      readonly keep: true;
      readonly roadClass: RoadClass;
      /** Drivable along the way's node order / against it. */
      readonly forward: boolean;
      readonly backward: boolean;
      readonly speedForwardKmh: number;
      readonly speedBackwardKmh: number;
      readonly roundabout: boolean;
    };

/** Access values that shut a delivery van out. `delivery`, `destination`, `customers` let it in. */
const DENY = new Set(['no', 'private', 'agricultural', 'forestry', 'emergency', 'military', 'psv', 'bus', 'permit', 'restricted']);
/** Most specific first: the van is a light goods vehicle, a motor vehicle, a vehicle. */
const ACCESS_KEYS = ['goods', 'motorcar', 'motor_vehicle', 'vehicle', 'access'];

/**
 * Decide whether a way with a `highway` tag is part of the van's network, and how: class,
 * directions (oneway yes/1/true/-1/reverse/reversible; roundabouts and motorways imply one-way),
 * speed per direction (maxspeed, maxspeed:forward/backward, implicit "XX:urban" zones, mph).
 */
export function evaluateWay(tags: Tags, allowed: ReadonlySet<RoadClass>, maxRoadSpeedKmh = Infinity): WayVerdict {
  const roadClass = HIGHWAY_CLASS[tags.highway];
  if (roadClass === undefined) return { keep: false, reason: 'notDrivable' };
  if (tags.area === 'yes') return { keep: false, reason: 'area' };
  if (tags.construction !== undefined && tags.construction !== 'no' && tags.construction !== 'minor') return { keep: false, reason: 'construction' };
  if (isDenied(tags)) return { keep: false, reason: 'noAccess' };
  if (!allowed.has(roadClass)) return { keep: false, reason: 'outsideDomainClass' };
  const dir = direction(tags);
  if (dir === 'reversible') return { keep: false, reason: 'reversible' };
  const base = parseMaxspeed(tags.maxspeed) ?? parseMaxspeed(tags['maxspeed:type']) ?? parseMaxspeed(tags['source:maxspeed']) ?? parseMaxspeed(tags['zone:maxspeed']) ?? DEFAULT_SPEED_KMH[roadClass];
  const speedForwardKmh = parseMaxspeed(tags['maxspeed:forward']) ?? base;
  const speedBackwardKmh = parseMaxspeed(tags['maxspeed:backward']) ?? base;
  const forward = dir !== 'backward';
  const backward = dir !== 'forward';
  const fastest = Math.max(forward ? speedForwardKmh : 0, backward ? speedBackwardKmh : 0);
  if (fastest > maxRoadSpeedKmh) return { keep: false, reason: 'outsideDomainSpeed' };
  const roundabout = tags.junction === 'roundabout' || tags.junction === 'circular';
  return { keep: true, roadClass, forward, backward, speedForwardKmh, speedBackwardKmh, roundabout };
}

function isDenied(tags: Tags): boolean {
  for (const k of ACCESS_KEYS) {
    const v = tags[k];
    if (v === undefined) continue;
    // "no;delivery"-style lists: allowed if any entry allows.
    return v.split(';').every((x) => DENY.has(x.trim()));
  }
  return false;
}

function direction(tags: Tags): 'both' | 'forward' | 'backward' | 'reversible' {
  const v = (tags['oneway:motor_vehicle'] ?? tags['oneway:vehicle'] ?? tags.oneway)?.trim();
  if (v === 'yes' || v === '1' || v === 'true') return 'forward';
  if (v === '-1' || v === 'reverse') return 'backward';
  if (v === 'reversible' || v === 'alternating') return 'reversible';
  if (v === 'no' || v === '0' || v === 'false') return 'both';
  const roundabout = tags.junction === 'roundabout' || tags.junction === 'circular';
  if (roundabout || tags.highway === 'motorway' || tags.highway === 'motorway_link') return 'forward';
  return 'both';
}

/** Implicit limits ("FR:urban"), km/h: country overrides, then generic zone values. */
const IMPLICIT: Record<string, number> = {
  'ru:urban': 60,
  'ru:rural': 90,
  'ru:motorway': 110,
  'ua:urban': 50,
  'it:rural': 90,
  'de:rural': 100,
  'at:rural': 100,
  'gb:nsl_restricted': 48,
  'gb:nsl_single': 97,
  'gb:nsl_dual': 113,
  'gb:motorway': 113,
  'us:urban': 40,
  'us:rural': 89,
};
const ZONE: Record<string, number> = { urban: 50, rural: 90, trunk: 100, motorway: 130, living_street: 10, walk: 7, bicycle_road: 30, pedestrian_zone: 7, school: 30 };

/**
 * A maxspeed value in km/h, or undefined when it gives no number ("none", "signals",
 * "variable", unknown zones, junk). Accepts "50", "50 km/h", "30 mph", "10 knots", "walk",
 * "RU:urban", "DE:zone30", "DE:zone:30", "FR:30"; with several ";"-separated values, the lowest.
 */
export function parseMaxspeed(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  let best: number | undefined;
  for (const part of value.toLowerCase().split(';')) {
    const v = parseOne(part.trim());
    if (v !== undefined && v > 0 && (best === undefined || v < best)) best = v;
  }
  return best === undefined ? undefined : Math.min(255, Math.round(best));
}

function parseOne(s: string): number | undefined {
  const num = /^(\d+(?:\.\d+)?)\s*(km\/h|kmh|kph|mph|knots)?$/.exec(s);
  if (num) return Number(num[1]) * (num[2] === 'mph' ? 1.609344 : num[2] === 'knots' ? 1.852 : 1);
  if (s === 'walk') return 7;
  const implicit = /^([a-z]{2}(?:-[a-z0-9]+)?):(.+)$/.exec(s);
  if (!implicit) return undefined;
  const zone = implicit[2];
  if (IMPLICIT[`${implicit[1]}:${zone}`] !== undefined) return IMPLICIT[`${implicit[1]}:${zone}`];
  const z = /^(?:zone:?)?(\d+)$/.exec(zone);
  if (z) return Number(z[1]);
  return ZONE[zone];
}

/** The set of RoadClass values named in a domain's allowedClasses (validated). */
export function allowedClassSet(names: readonly string[] = DEFAULT_ALLOWED_CLASSES): Set<RoadClass> {
  const set = new Set<RoadClass>();
  for (const n of names) {
    const i = (ROAD_CLASS_NAMES as readonly string[]).indexOf(n);
    if (i < 0) throw new RangeError(`allowedClasses: unknown road class "${n}" (expected one of ${ROAD_CLASS_NAMES.join(', ')})`);
    set.add(i as RoadClass);
  }
  return set;
}
