/**
 * Derives public/demand/lade-jilin-orders.csv (a vanfleet order file, demand.orders) from the
 * Cainiao LaDe-D Jilin excerpt (Apache-2.0) in ../shared/demand. Reproducible: the same input
 * gives the same bytes. Run from the repository root:
 *
 *   npx tsx scripts/derive-lade-orders.ts [../shared/demand/lade-d-jilin-excerpt.csv] [public/demand/lade-jilin-orders.csv]
 *
 * The transformation (also in public/demand/NOTICE.md):
 *  - position: the excerpt's lng/lat cloud (two courier regions of Jilin City) is scaled by
 *    SCALE about its bounding-box centre and moved so that centre lies on TARGET, central Monaco
 *    (the shipped city, scenarios/lade-orders.json); longitude offsets are scaled by the ratio of
 *    metres per degree at the two latitudes, so the cloud keeps its shape in metres. The scenario
 *    maps each point to the nearest door.
 *  - order time: accept_time's time of day (the dates, 05-17 to 10-10, are folded onto one day).
 *  - window: two hours on the 30-minute grid around the real delivery time (it opens at
 *    delivery_time rounded down to 30 min, minus 60 min), but opening no earlier than an hour
 *    after the order (rounded up to 30 min).
 *  - id: "L" + order_id. Weight and volume are not in LaDe: the columns are left out, so each run
 *    draws them (demand.weightMedianKg, densityKgM3).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseCsv } from '../src/core/demand/csv.ts';
import { formatClock, parseClock } from '../src/core/util/clock.ts';

const SCALE = 0.45;
const TARGET = { lon: 7.41, lat: 43.736 };
const SLOT_S = 1800;

const [input = '../shared/demand/lade-d-jilin-excerpt.csv', output = 'public/demand/lade-jilin-orders.csv'] = process.argv.slice(2);
const [header, ...rows] = parseCsv(readFileSync(input, 'utf8'));
const col = (name: string) => {
  const i = header.fields.indexOf(name);
  if (i < 0) throw new Error(`${input}: no column ${name}`);
  return i;
};
const c = { id: col('order_id'), lng: col('lng'), lat: col('lat'), accept: col('accept_time'), delivery: col('delivery_time') };
const num = (r: (typeof rows)[number], i: number) => Number(r.fields[i]);
/** "MM-DD HH:MM:SS" → seconds after midnight. */
const timeOfDay = (r: (typeof rows)[number], i: number) => {
  const s = parseClock(r.fields[i].split(' ')[1] ?? '');
  if (s === null) throw new Error(`${input}:${r.line}: expected "MM-DD HH:MM:SS", got "${r.fields[i]}"`);
  return s;
};

const lons = rows.map((r) => num(r, c.lng));
const lats = rows.map((r) => num(r, c.lat));
const centre = { lon: (Math.min(...lons) + Math.max(...lons)) / 2, lat: (Math.min(...lats) + Math.max(...lats)) / 2 };
const cosRatio = Math.cos((centre.lat * Math.PI) / 180) / Math.cos((TARGET.lat * Math.PI) / 180);

const out = rows.map((r) => {
  const order = timeOfDay(r, c.accept);
  const delivered = timeOfDay(r, c.delivery);
  const start = Math.max(Math.floor(delivered / SLOT_S) * SLOT_S - 3600, Math.ceil((order + 3600) / SLOT_S) * SLOT_S);
  return {
    id: `L${r.fields[c.id]}`,
    order,
    lon: TARGET.lon + (num(r, c.lng) - centre.lon) * SCALE * cosRatio,
    lat: TARGET.lat + (num(r, c.lat) - centre.lat) * SCALE,
    start,
    end: start + 2 * 3600,
  };
});
out.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
const lines = ['id,time,lon,lat,window_start,window_end'];
for (const o of out) lines.push([o.id, formatClock(o.order, true), o.lon.toFixed(6), o.lat.toFixed(6), formatClock(o.start), formatClock(o.end)].join(','));
writeFileSync(output, `${lines.join('\n')}\n`);
console.log(`${output}: ${out.length} orders, ${formatClock(out[0].order)}–${formatClock(out[out.length - 1].order)}, windows up to ${formatClock(Math.max(...out.map((o) => o.end)))}`);
