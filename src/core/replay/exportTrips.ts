/**
 * The fleet's movements as trips for kepler.gl's Trip layer and deck.gl's TripsLayer: a GeoJSON
 * FeatureCollection with one LineString per van trip, from leaving a facility to reaching the next
 * one (a delivery tour with its return, a line-haul, a drive to a charger). Every vertex is
 * `[lon, lat, 0, unixSeconds]` (kepler.gl reads the 4th coordinate as the time) and the same
 * times are in `properties.timestamps` (deck.gl's `getTimestamps`). A van waiting at a door shows
 * as the same position twice, at arrival and at departure.
 *
 * Time base: a scenario has a time of day but no date, so the export puts the day on a calendar
 * date (UTC): timestamp = that date's 00:00 UTC in Unix seconds + simulated seconds after midnight,
 * to the millisecond. Positions: the road graph's local metres around its origin (an imported
 * city's real origin; procedural cities sit at 0°, 0° unless an origin is given).
 */
import type { City } from '../city/City.ts';
import { LocalProjection } from '../geo/LocalProjection.ts';
import type { GeoOrigin } from '../network/RoadGraph.ts';
import { formatClock } from '../util/clock.ts';
import { isMoving, VanStatus } from '../sim/VanStatus.ts';
import { HANDOVER_STRIDE, L_COUNT, L_FIRST, L_STATUS, L_T, LEG_STRIDE, Outcome, S_STATUS, S_WHERE, STATUS_STRIDE, type Timeline } from './Timeline.ts';

/** The calendar date trips are put on when none is given (arbitrary, fixed so exports are reproducible). */
export const DEFAULT_TRIPS_DATE = '2025-07-01';

/** A bad export option (e.g. a date that does not exist), naming the value. */
export class ExportOptionError extends Error {}

export type TripKind = 'delivery' | 'line-haul' | 'to-charger' | 'return';

/** One van trip between facilities, as legs of the van's timeline. */
export interface VanTrip {
  readonly van: number;
  /** 1-based index among the van's trips, in time order. */
  readonly tour: number;
  /** Its legs: timeline.legs[van] indices firstLeg..lastLeg. */
  readonly firstLeg: number;
  readonly lastLeg: number;
  /** Facility indices it leaves and reaches (to = -1: the run ended before it got there). */
  readonly from: number;
  readonly to: number;
  readonly kind: TripKind;
  readonly startS: number;
  readonly endS: number;
  /**
   * When the van began work at the facility it reached (loading, charging, idling): hand-overs up
   * to then belong to this trip, even one at a door on the facility's own node after the last leg.
   */
  readonly untilS: number;
}

export interface TripsOptions {
  /** Calendar date of the simulated day, YYYY-MM-DD (default DEFAULT_TRIPS_DATE). */
  readonly date?: string;
  /** Geographic position of local (0, 0); default: the road graph's origin. */
  readonly origin?: GeoOrigin;
  /** Extra fields for the collection's `metadata` member (scenario, seed, strategy…). */
  readonly meta?: Readonly<Record<string, string | number>>;
}

/** Unix seconds of 00:00 UTC on a YYYY-MM-DD date (proleptic Gregorian, years 1970–9999). */
export function parseTripsDate(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const bad = () => new ExportOptionError(`expected a date as YYYY-MM-DD (1970 or later), got "${text}"`);
  if (!m) throw bad();
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > days[mo - 1]) throw bad();
  return daysFromCivil(y, mo, d) * 86400;
}

/** Days from 1970-01-01 to a civil date (H. Hinnant, "chrono-compatible low-level date algorithms"). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * Split each van's recorded legs into trips: a trip ends at the first leg that ends at a facility
 * and is followed by work there (loading, charging, idling), not only by a hand-over at a door
 * whose curb happens to be the facility's node.
 */
export function vanTrips(tl: Timeline, city: City): VanTrip[][] {
  const g = city.graph;
  const facilityAt = new Map(city.facilities.map((f, i) => [f.node, i]));
  return tl.legs.map((legs, v) => {
    const edges = tl.edges[v];
    const after = afterLegs(tl, v);
    const trips: VanTrip[] = [];
    let first = -1;
    const close = (last: number, to: number) => {
      const from = facilityAt.get(g.source[edges[legs[first * LEG_STRIDE + L_FIRST]]]) ?? -1;
      const endS = Math.min(tl.legEndS(v, last), tl.lastS);
      const untilS = to >= 0 && after.workS[last] >= endS ? after.workS[last] : endS;
      trips.push({ van: v, tour: trips.length + 1, firstLeg: first, lastLeg: last, from, to, kind: tripKind(legs, first, last), startS: legs[first * LEG_STRIDE + L_T], endS, untilS });
      first = -1;
    };
    const count = legs.length / LEG_STRIDE;
    for (let l = 0; l < count; l++) {
      if (first < 0) first = l;
      const o = l * LEG_STRIDE;
      const to = facilityAt.get(g.target[edges[legs[o + L_FIRST] + legs[o + L_COUNT] - 1]]);
      if (to !== undefined && !after.doorOnly[l] && tl.legEndS(v, l) <= tl.lastS) close(l, to);
    }
    if (first >= 0) close(count - 1, -1);
    return trips;
  });
}

/**
 * Per leg of van v, what it did after the leg until its next one: only hand-overs (doorOnly), and
 * when it first did anything else (workS; NaN if nothing).
 */
function afterLegs(tl: Timeline, v: number): { doorOnly: Uint8Array; workS: Float64Array } {
  const n = tl.legs[v].length / LEG_STRIDE;
  const doorOnly = new Uint8Array(n);
  const workS = new Float64Array(n).fill(NaN);
  const st = tl.status[v];
  let leg = -1;
  for (let i = 0; i < st.length; i += STATUS_STRIDE) {
    const s = st[i + S_STATUS];
    if (isMoving(s)) leg = st[i + S_WHERE];
    else if (leg >= 0 && Number.isNaN(workS[leg])) {
      if (s === VanStatus.AtDoor) doorOnly[leg] = 1;
      else {
        doorOnly[leg] = 0;
        workS[leg] = st[i];
      }
    }
  }
  return { doorOnly, workS };
}

/**
 * For each of van v's hand-over records (timeline.handovers[v], in time order), the index of its
 * trip in `trips`, or -1: the first trip whose untilS is not before it. A hand-over before a trip's
 * first leg (a door on the facility's node, right after loading) belongs to that trip.
 */
export function handoverTrips(tl: Timeline, trips: readonly VanTrip[], v: number): Int32Array {
  const h = tl.handovers[v];
  const out = new Int32Array(h.length / HANDOVER_STRIDE).fill(-1);
  let k = 0;
  for (let i = 0; i < out.length; i++) {
    while (k < trips.length && trips[k].untilS < h[i * HANDOVER_STRIDE]) k++;
    if (k < trips.length) out[i] = k;
  }
  return out;
}

/** What a trip was for, from the statuses of its legs (delivering wins over line-haul, then charging). */
function tripKind(legs: readonly number[], first: number, last: number): TripKind {
  let seen = 0;
  for (let l = first; l <= last; l++) seen |= 1 << legs[l * LEG_STRIDE + L_STATUS];
  if (seen & (1 << VanStatus.Delivering)) return 'delivery';
  if (seen & (1 << VanStatus.LineHaul)) return 'line-haul';
  if (seen & (1 << VanStatus.ToCharger)) return 'to-charger';
  return 'return';
}

/**
 * A trip's vertices: local x, y and time in integer milliseconds after midnight (simulated),
 * strictly increasing; cut at the end of the recording (interpolated on the edge driven then).
 */
export function tripPath(tl: Timeline, city: City, trip: VanTrip): { xy: number[]; ms: number[] } {
  const g = city.graph;
  const legs = tl.legs[trip.van];
  const edges = tl.edges[trip.van];
  const ends = tl.endsMs[trip.van];
  const endMs = Math.round(tl.lastS * 1000);
  const xy: number[] = [];
  const ms: number[] = [];
  const add = (node: number, t: number): boolean => {
    const n = ms.length;
    if (n > 0 && t <= ms[n - 1]) return true; // the same place at the same instant (legs meet at nodes)
    if (t > endMs) {
      const f = (endMs - ms[n - 1]) / (t - ms[n - 1]);
      if (f > 0) {
        xy.push(xy[2 * n - 2] + f * (g.x(node) - xy[2 * n - 2]), xy[2 * n - 1] + f * (g.y(node) - xy[2 * n - 1]));
        ms.push(endMs);
      }
      return false;
    }
    xy.push(g.x(node), g.y(node));
    ms.push(t);
    return true;
  };
  for (let l = trip.firstLeg; l <= trip.lastLeg; l++) {
    const o = l * LEG_STRIDE;
    const t0 = Math.round(legs[o + L_T] * 1000);
    const e0 = legs[o + L_FIRST];
    if (!add(g.source[edges[e0]], t0)) break;
    let going = true;
    for (let i = 0; i < legs[o + L_COUNT] && going; i++) going = add(g.target[edges[e0 + i]], t0 + ends[e0 + i]);
    if (!going) break;
  }
  return { xy, ms };
}

const e7 = (x: number) => Math.round(x * 1e7) / 1e7;

/** Door visits and parcels handed over or not collected, per trip of van v (from the timeline's hand-over records). */
function tripStops(tl: Timeline, trips: readonly VanTrip[], v: number): { stops: number; delivered: number; notCollected: number }[] {
  const out = trips.map(() => ({ stops: 0, delivered: 0, notCollected: 0 }));
  const h = tl.handovers[v];
  handoverTrips(tl, trips, v).forEach((k, i) => {
    if (k < 0) return;
    const o = i * HANDOVER_STRIDE;
    out[k].stops++;
    if (h[o + 2] === Outcome.Failed) out[k].notCollected += h[o + 3];
    else out[k].delivered += h[o + 3];
  });
  return out;
}

/** The trips of a recorded run as GeoJSON text: one feature per line, the same bytes for the same run. */
export function tripsGeoJson(tl: Timeline, city: City, vanIds: readonly string[], opts: TripsOptions = {}): string {
  const date = opts.date ?? DEFAULT_TRIPS_DATE;
  const epochMs = parseTripsDate(date) * 1000;
  const origin = opts.origin ?? city.graph.origin;
  const proj = new LocalProjection(origin.lon, origin.lat);
  const lengthOf = (trip: VanTrip) => {
    let mm = 0;
    const legs = tl.legs[trip.van];
    for (let l = trip.firstLeg; l <= trip.lastLeg; l++) {
      const o = l * LEG_STRIDE;
      for (let i = 0; i < legs[o + L_COUNT]; i++) mm += city.graph.lengthMm[tl.edges[trip.van][legs[o + L_FIRST] + i]];
    }
    return Math.round(mm / 1000) / 1000;
  };
  const features: string[] = [];
  for (const trips of vanTrips(tl, city)) {
    const stops = trips.length ? tripStops(tl, trips, trips[0].van) : [];
    for (const trip of trips) {
      const { xy, ms } = tripPath(tl, city, trip);
      if (ms.length < 2) continue; // a leg begun at the very instant the run was cut off: no line to draw
      const timestamps = ms.map((t) => (epochMs + t) / 1000);
      const coordinates = timestamps.map((ts, i) => [e7(proj.lon(xy[2 * i])), e7(proj.lat(xy[2 * i + 1])), 0, ts]);
      const properties = {
        van: vanIds[trip.van],
        tour: trip.tour,
        kind: trip.kind,
        from: city.facilities[trip.from]?.id ?? null,
        to: city.facilities[trip.to]?.id ?? null,
        complete: trip.to >= 0,
        departure: formatClock(ms[0] / 1000, true),
        arrival: formatClock(ms[ms.length - 1] / 1000, true),
        distanceKm: lengthOf(trip),
        ...stops[trip.tour - 1],
        timestamps,
      };
      features.push(JSON.stringify({ type: 'Feature', geometry: { type: 'LineString', coordinates }, properties }));
    }
  }
  const metadata = { ...opts.meta, date, timeBase: `Unix seconds: ${date} 00:00 UTC + simulated seconds after midnight`, origin: { lon: origin.lon, lat: origin.lat } };
  const body = features.length ? `\n${features.join(',\n')}\n` : '';
  return `{"type":"FeatureCollection","metadata":${JSON.stringify(metadata)},"features":[${body}]}\n`;
}
