import type { BBox, Doors } from '../city/City.ts';
import { LocalProjection } from '../geo/LocalProjection.ts';
import type { GeoOrigin } from '../network/RoadGraph.ts';
import { formatClock, parseClock } from '../util/clock.ts';
import { CsvSyntaxError, parseCsv } from './csv.ts';
import { NearestDoor } from './nearestDoor.ts';

/**
 * A real order file (demand.orders), one order per row, RFC 4180 CSV with a header row:
 *   time          required: when the order is placed (= released at the warehouse): seconds after
 *                 midnight, or HH:MM / HH:MM:SS
 *   lon, lat      the delivery point in degrees (WGS 84), mapped to the city's nearest door; or
 *   door          a door id: the index into the city's doors (0 … doors − 1)
 *   id            optional: the order's id (default O00001… by row); unique
 *   weight_kg     optional: default drawn per run seed as demand.weightMedianKg/weightMaxKg say
 *   volume_m3     optional: default weight / a density drawn around demand.densityKgM3
 *   window_start, window_end   optional (both or neither): the promised window, as `time`;
 *                 default: the rule of promisedWindow (demand.minLeadHours, windowHours, slotMinutes)
 * A row gives `door` or `lon` and `lat`, not both. Unknown columns are errors (usually typos).
 * Points must lie within the city's road network bounds plus 500 m; rows at or after the cut-off
 * are left out of the day (counted in `leftOut`).
 */
export const ORDER_COLUMNS = ['id', 'time', 'lon', 'lat', 'door', 'weight_kg', 'volume_m3', 'window_start', 'window_end'] as const;

/** How far outside the road network's bounds a delivery point may lie, m. */
export const ORDER_BOUNDS_MARGIN_M = 500;

/** The order file's rows mapped onto a city's doors, sorted by order time (then row); seed-independent. */
export interface OrderBook {
  readonly count: number;
  readonly id: readonly string[];
  readonly door: Uint32Array;
  readonly orderS: Float64Array;
  /** NaN where the file leaves it to the run's seed. */
  readonly weightKg: Float64Array;
  readonly volumeM3: Float64Array;
  readonly windowStartS: Float64Array;
  readonly windowEndS: Float64Array;
  /** Rows left out because they were placed at or after the cut-off. */
  readonly leftOut: number;
}

export interface OrderFileContext {
  readonly doors: Doors;
  readonly origin: GeoOrigin;
  /** Bounds of the city in local metres. */
  readonly bbox: BBox;
  readonly cutoffS: number;
  readonly dayEndS: number;
  readonly payloadKg: number;
  readonly cargoM3: number;
}

/** A bad order file: `file:line: column NAME: expected …, got "…"`. */
export class OrderFileError extends Error {}

interface Row {
  line: number;
  id: string;
  door: number;
  t: number;
  kg: number;
  m3: number;
  ws: number;
  we: number;
}

export function parseOrderFile(text: string, file: string, ctx: OrderFileContext): OrderBook {
  let records;
  try {
    records = parseCsv(text);
  } catch (e) {
    if (e instanceof CsvSyntaxError) throw new OrderFileError(`${file}:${e.line}: ${e.detail}`);
    throw e;
  }
  if (records.length === 0) throw new OrderFileError(`${file}:1: expected a header row naming the columns (${ORDER_COLUMNS.join(', ')}), got an empty file`);
  const header = records[0].fields.map((h) => h.trim());
  const col = columnsOf(header, file, records[0].line);
  const proj = new LocalProjection(ctx.origin.lon, ctx.origin.lat);
  const near = new NearestDoor(ctx.doors);
  const rows: Row[] = [];
  const seen = new Map<string, number>();
  let leftOut = 0;
  for (const rec of records.slice(1)) {
    const at = `${file}:${rec.line}`;
    if (rec.fields.length !== header.length) throw new OrderFileError(`${at}: expected ${header.length} fields as in the header, got ${rec.fields.length}`);
    const cell = (name: string) => (col[name] === undefined ? '' : rec.fields[col[name]!].trim());
    const bad = (name: string, what: string, value = cell(name)) => new OrderFileError(`${at}: column ${name}: expected ${what}, got "${value}"`);
    const t = timeOf(cell('time'), 'time', bad);
    if (t >= ctx.cutoffS) {
      leftOut++;
      continue;
    }
    const id = cell('id') || `O${String(rec.line - 1).padStart(5, '0')}`;
    const first = seen.get(id);
    if (first !== undefined) throw bad('id', `a unique id (also on line ${first})`);
    seen.set(id, rec.line);
    const door = doorOf(cell, bad, ctx, proj, near, at);
    const kg = optionalNumber(cell('weight_kg'), 'weight_kg', ctx.payloadKg, 'kg (the van payload)', bad);
    const m3 = optionalNumber(cell('volume_m3'), 'volume_m3', ctx.cargoM3, 'm³ (the van cargo volume)', bad);
    const [ws, we] = windowOf(cell, bad, ctx.dayEndS);
    if (we <= t) throw bad('window_end', `a time after the order (time ${cell('time')})`);
    rows.push({ line: rec.line, id, door, t, kg, m3, ws, we });
  }
  rows.sort((a, b) => a.t - b.t || a.line - b.line);
  const f = (k: keyof Row) => Float64Array.from(rows, (r) => r[k] as number);
  return { count: rows.length, id: rows.map((r) => r.id), door: Uint32Array.from(rows, (r) => r.door), orderS: f('t'), weightKg: f('kg'), volumeM3: f('m3'), windowStartS: f('ws'), windowEndS: f('we'), leftOut };
}

function columnsOf(header: readonly string[], file: string, line: number): Partial<Record<string, number>> {
  const col: Partial<Record<string, number>> = {};
  header.forEach((h, i) => {
    if (!(ORDER_COLUMNS as readonly string[]).includes(h)) throw new OrderFileError(`${file}:${line}: unknown column "${h}"; expected: ${ORDER_COLUMNS.join(', ')}`);
    if (col[h] !== undefined) throw new OrderFileError(`${file}:${line}: column ${h} appears twice`);
    col[h] = i;
  });
  if (col.time === undefined) throw new OrderFileError(`${file}:${line}: column time is missing (when the order is placed)`);
  if ((col.lon === undefined) !== (col.lat === undefined)) throw new OrderFileError(`${file}:${line}: columns lon and lat go together; only ${col.lon === undefined ? 'lat' : 'lon'} is given`);
  if (col.lon === undefined && col.door === undefined) throw new OrderFileError(`${file}:${line}: expected columns lon and lat, or door, for where each order goes`);
  if ((col.window_start === undefined) !== (col.window_end === undefined)) throw new OrderFileError(`${file}:${line}: columns window_start and window_end go together`);
  return col;
}

type Bad = (name: string, what: string, value?: string) => OrderFileError;

const TIME_HINT = 'seconds after midnight or a time of day HH:MM[:SS]';

function timeOf(text: string, name: string, bad: Bad): number {
  if (/^\d+(\.\d+)?$/.test(text)) {
    const s = Number(text);
    if (s < 48 * 3600) return s;
  }
  const c = parseClock(text);
  if (c === null) throw bad(name, TIME_HINT);
  return c;
}

function optionalNumber(text: string, name: string, max: number, unit: string, bad: Bad): number {
  if (text === '') return NaN;
  const v = Number(text);
  if (!Number.isFinite(v) || v <= 0) throw bad(name, 'a positive number');
  if (v > max) throw bad(name, `at most ${max} ${unit}`);
  return v;
}

function doorOf(cell: (n: string) => string, bad: Bad, ctx: OrderFileContext, proj: LocalProjection, near: NearestDoor, at: string): number {
  const d = cell('door');
  const lon = cell('lon');
  const lat = cell('lat');
  if (d !== '') {
    if (lon !== '' || lat !== '') throw new OrderFileError(`${at}: give a door or lon and lat, not both`);
    if (!/^\d+$/.test(d) || Number(d) >= ctx.doors.count) throw bad('door', `a door id from 0 to ${ctx.doors.count - 1}`);
    return Number(d);
  }
  const x = Number(lon);
  const y = Number(lat);
  if (lon === '' || !Number.isFinite(x) || x < -180 || x > 180) throw bad('lon', 'a longitude in degrees (or a door id in column door)', lon);
  if (lat === '' || !Number.isFinite(y) || y < -90 || y > 90) throw bad('lat', 'a latitude in degrees', lat);
  const px = proj.x(x);
  const py = proj.y(y);
  const b = ctx.bbox;
  const m = ORDER_BOUNDS_MARGIN_M;
  if (px < b.minX - m || px > b.maxX + m || py < b.minY - m || py > b.maxY + m) {
    const box = `lon ${r5(proj.lon(b.minX - m))}…${r5(proj.lon(b.maxX + m))}, lat ${r5(proj.lat(b.minY - m))}…${r5(proj.lat(b.maxY + m))}`;
    throw new OrderFileError(`${at}: columns lon,lat: expected a point inside the city (${box}), got "${lon}, ${lat}"`);
  }
  return near.nearest(px, py);
}

const r5 = (v: number) => Math.round(v * 1e5) / 1e5;

function windowOf(cell: (n: string) => string, bad: Bad, dayEndS: number): [number, number] {
  const a = cell('window_start');
  const b = cell('window_end');
  if (a === '' && b === '') return [NaN, NaN];
  if (a === '' || b === '') throw bad(a === '' ? 'window_start' : 'window_end', `${TIME_HINT} (window_start and window_end are given together)`);
  const ws = timeOf(a, 'window_start', bad);
  const we = timeOf(b, 'window_end', bad);
  if (we <= ws) throw bad('window_end', `a time after window_start (${a})`);
  if (we > dayEndS) throw bad('window_end', `a time by the end of the day (day.end ${formatClock(dayEndS)})`);
  return [ws, we];
}
