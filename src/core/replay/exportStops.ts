/**
 * Every curbside attempt of a run as CSV (RFC 4180: a header row, CRLF line ends, fields quoted
 * when they hold a comma, a quote or a line break): one row per parcel per attempt, with the van
 * and its tour (the `tour` of the trips export), the door and where it is, the promised window,
 * when the van reached the door and when the hand-over ended, and the outcome:
 *   delivered  collected inside the window
 *   late       collected, but after the window closed (the report's "not on time")
 *   no-show    not collected within the customer waiting time (the parcel goes back for another attempt)
 * Times are clock times of the simulated day (HH:MM:SS, hours past 23 for runs past midnight).
 */
import type { City } from '../city/City.ts';
import { LocalProjection } from '../geo/LocalProjection.ts';
import type { GeoOrigin } from '../network/RoadGraph.ts';
import type { World } from '../sim/World.ts';
import { formatClock } from '../util/clock.ts';
import { A_ARRIVAL, A_DELIVERED, A_DONE, A_PARCEL, A_VAN, ATTEMPT_STRIDE } from './exportRecorder.ts';
import type { Timeline } from './Timeline.ts';
import { vanTrips } from './exportTrips.ts';

export const STOPS_HEADER = ['van', 'tour', 'attempt', 'parcel', 'door', 'door_lon', 'door_lat', 'window_start', 'window_end', 'arrival', 'handover_end', 'outcome'] as const;

export type StopOutcome = 'delivered' | 'late' | 'no-show';

/** One field of a CSV row, quoted only when it must be (RFC 4180 §2.6–2.7). */
export function csvField(value: string | number): string {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The tour (1-based trip index) a hand-over ending at t belongs to, per van (0: none). */
function tourFinder(tl: Timeline, city: City): (v: number, t: number) => number {
  const trips = vanTrips(tl, city);
  return (v, t) => {
    for (const trip of trips[v]) if (t <= trip.untilS) return trip.tour;
    return 0;
  };
}

/**
 * The stop attempts recorded by an ExportRecorder as CSV text. `attempts` is its flat record list
 * (ATTEMPT_STRIDE per attempt, in time order); the same run gives the same bytes.
 */
export function stopsCsv(tl: Timeline, attempts: readonly number[], world: World, vanIds: readonly string[], origin: GeoOrigin = world.city.graph.origin): string {
  const P = world.parcels;
  const doors = world.city.doors;
  const proj = new LocalProjection(origin.lon, origin.lat);
  const tourOf = tourFinder(tl, world.city);
  const tries = new Uint16Array(P.count);
  const e7 = (x: number) => Math.round(x * 1e7) / 1e7;
  const rows = [STOPS_HEADER.join(',')];
  for (let i = 0; i < attempts.length; i += ATTEMPT_STRIDE) {
    const v = attempts[i + A_VAN];
    const p = attempts[i + A_PARCEL];
    const done = attempts[i + A_DONE];
    const d = P.door[p];
    const onTime = done >= P.windowStartS[p] && done <= P.windowEndS[p];
    const outcome: StopOutcome = attempts[i + A_DELIVERED] ? (onTime ? 'delivered' : 'late') : 'no-show';
    const row = [
      vanIds[v],
      tourOf(v, done),
      ++tries[p],
      P.id[p],
      d,
      e7(proj.lon(doors.x[d])),
      e7(proj.lat(doors.y[d])),
      formatClock(P.windowStartS[p], true),
      formatClock(P.windowEndS[p], true),
      formatClock(attempts[i + A_ARRIVAL], true),
      formatClock(done, true),
      outcome,
    ];
    rows.push(row.map(csvField).join(','));
  }
  return `${rows.join('\r\n')}\r\n`;
}
