import { parseClock } from '../util/clock.ts';
import { JD_VAN } from '../fleet/VanSpec.ts';
import { STRATEGIES } from '../dispatch/strategies.ts';
import { CHARGING_POLICIES } from '../dispatch/chargingPolicies.ts';
import { arr, bool, map, maybe, num, obj, opt, req, str, sub, tagged, constant, type Issue, type Schema } from './schema.ts';
import { ROAD_CLASS_NAMES } from '../network/RoadGraph.ts';
import { latestCutoffS, type WindowRule } from '../demand/promisedWindow.ts';
import { hourlyShares } from '../demand/sampleArrivals.ts';
import { ORDER_COLUMNS } from '../demand/orderFile.ts';
import { formatClock } from '../util/clock.ts';

const clock = (description: string) =>
  map(str({ pattern: /^\d{1,2}:[0-5]\d(:[0-5]\d)?$/, patternHint: 'a time of day "HH:MM"', description }), (text, path, issues: Issue[]) => {
    const s = parseClock(text);
    if (s === null) issues.push({ path, message: `expected a time of day "HH:MM" (hours up to 47), got "${text}"` });
    return s ?? undefined;
  });

const share = (description: string) => num({ min: 0, max: 1, description });
const tariffPeriod = obj({
  from: req(clock('start of the period (it runs until the next one; the first also covers the night before it)')),
  pricePerKWh: req(num({ min: 0, max: 100, description: 'price per kWh in the period' })),
});
const tariff = (what: string) => arr(tariffPeriod, { minItems: 1, description: `electricity tariff by time of day ${what}` });

const chargers = (ports: number, powerKW: number, what: string) =>
  sub(
    obj({
      ports: opt(num({ min: 0, max: 1000, integer: true, description: 'number of charging ports' }), ports),
      powerKW: opt(num({ above: 0, max: 1000, description: 'power per port, kW' }), powerKW),
      gridLimitKW: maybe(num({ above: 0, max: 100_000, description: 'grid connection of the site, kW, shared by its ports (default: every port at full power)' })),
      tariff: maybe(tariff(`at ${what} (default: charging.tariff)`)),
    }, `charging ports at ${what}`),
  );

const proceduralCity = obj({
  kind: req(constant('procedural')),
  widthM: opt(num({ min: 600, max: 30_000, description: 'east-west extent of the street grid, m' }), 3600),
  heightM: opt(num({ min: 600, max: 30_000, description: 'north-south extent, m' }), 2700),
  blockM: opt(num({ min: 60, max: 500, description: 'street spacing, m' }), 150),
  arterialEvery: opt(num({ min: 1, max: 20, integer: true, description: 'every n-th street is a two-way arterial' }), 4),
  oneWayShare: opt(share('share of local streets that are one-way'), 0.35),
  parkShare: opt(share('share of blocks left as parks'), 0.06),
  seed: opt(num({ min: 0, max: 2 ** 32 - 1, integer: true, description: 'seed of the city layout (same seed, same city)' }), 7),
}, 'a seeded procedural grid city', (c, path, issues) => {
  if ((c.widthM / c.blockM) * (c.heightM / c.blockM) > 40_000) issues.push({ path, message: `city too large: ${Math.round((c.widthM / c.blockM) * (c.heightM / c.blockM))} blocks (at most 40000)` });
});

const lonLat = obj({
  lon: req(num({ min: -180, max: 180, description: 'longitude, degrees' })),
  lat: req(num({ min: -90, max: 90, description: 'latitude, degrees' })),
});

const osmCity = obj({
  kind: req(constant('osm')),
  pack: maybe(str({ description: 'city pack made by `npm run import` (path relative to the scenario file)' })),
  extract: maybe(str({ description: 'OpenStreetMap extract (.osm.pbf, .osm, GeoJSON) imported when the scenario loads (path relative to the scenario file)' })),
  allowedClasses: maybe(arr(str({ oneOf: ROAD_CLASS_NAMES, what: 'road class' }), { minItems: 1, description: "road classes in the van's operational domain (default: all but motorway and trunk)" })),
  maxRoadSpeedKmh: maybe(num({ above: 0, max: 255, description: 'leave out roads with a higher posted limit, km/h' })),
  turnRestrictions: opt(bool('apply turn restriction relations'), true),
  buildings: opt(bool('import building footprints (doors and demand come from them)'), true),
  warehouse: maybe(lonLat),
  stations: maybe(arr(lonLat, { minItems: 1, description: 'station positions; default: placed by weighted k-means over demand (facilities.stations of them)' })),
  hubs: maybe(arr(lonLat, { minItems: 1, description: 'charging hub positions; default: facilities.hubs.count of them placed by weighted k-means over demand' })),
}, 'a real city from OpenStreetMap data', (c, path, issues) => {
  if ((c.pack === undefined) === (c.extract === undefined)) issues.push({ path, message: 'expected exactly one of "pack" or "extract"' });
  if (c.pack !== undefined && (c.allowedClasses || c.maxRoadSpeedKmh !== undefined)) issues.push({ path: `${path}.pack`, message: 'a pack is already imported: road options apply only with "extract"' });
});

const van = obj({
  model: opt(str(), JD_VAN.model),
  rangeKm: opt(num({ above: 0, max: 2000, description: 'range per charge in urban driving (30 km/h streets, 20 °C) at the reference load, km; sizes the battery' }), JD_VAN.rangeKm),
  maxSpeedKmh: opt(num({ above: 0, max: 130, description: 'top speed, km/h' }), JD_VAN.maxSpeedKmh),
  payloadKg: opt(num({ above: 0, max: 20_000, description: 'payload, kg' }), JD_VAN.payloadKg),
  cargoM3: opt(num({ above: 0, max: 100, description: 'cargo volume, m³' }), JD_VAN.cargoM3),
  referenceLoadKg: opt(num({ min: 0, max: 20_000, description: 'load at which the rated range holds, kg' }), JD_VAN.referenceLoadKg),
  emptyMassKg: opt(num({ above: 0, max: 40_000, description: 'kerb mass without cargo, kg' }), JD_VAN.emptyMassKg),
  rollingResistance: opt(num({ above: 0, max: 0.1, description: 'rolling-resistance coefficient' }), JD_VAN.rollingResistance),
  dragAreaM2: opt(num({ min: 0, max: 20, description: 'drag coefficient × frontal area, m²' }), JD_VAN.dragAreaM2),
  drivetrainEfficiency: opt(num({ above: 0, max: 1, description: 'battery-to-wheel efficiency' }), JD_VAN.drivetrainEfficiency),
  regenEfficiency: opt(num({ min: 0, max: 1, description: 'share of braking energy recovered' }), JD_VAN.regenEfficiency),
  stopsPerKmAt30: opt(num({ min: 0, max: 20, description: 'stops per km on 30 km/h streets (fewer on faster roads, as 1/speed)' }), JD_VAN.stopsPerKmAt30),
  autonomyW: opt(num({ min: 0, max: 20_000, description: 'power of the L4 sensor and compute stack, W' }), JD_VAN.autonomyW),
  thermalBaseW: opt(num({ min: 0, max: 20_000, description: 'thermal management at 20 °C, W' }), JD_VAN.thermalBaseW),
  thermalPerDegreeW: opt(num({ min: 0, max: 2000, description: 'extra thermal management per °C away from 20 °C, W' }), JD_VAN.thermalPerDegreeW),
  maxChargeKW: opt(num({ above: 0, max: 1000, description: 'highest charging power the van accepts, kW' }), JD_VAN.maxChargeKW),
}, 'the vehicle; defaults are the JD Logistics VAN (2025)');

const wave = obj({
  at: req(clock('when the wave reaches the warehouse')),
  share: req(num({ above: 0, description: "relative share of the day's parcels" })),
});

/** Relative order rate per hour of the day for demand.arrivals when no profile is given: quiet nights, a late-morning and an evening peak. */
export const DEFAULT_ORDER_PROFILE = [1, 0.5, 0.3, 0.2, 0.2, 0.4, 1, 2, 3.5, 5, 6, 6.5, 6.5, 6, 5.5, 5.5, 5, 4.5, 4, 4, 3.5, 3, 2.5, 1.5];

const hourlyProfile = map(
  arr(num({ min: 0, description: 'relative rate' }), { minItems: 24, description: 'relative order rate for each hour of the day, 24 numbers: the first holds from 00:00 to 01:00, the last from 23:00 to 24:00; only the shape matters (it is scaled to demand.parcels orders before the cut-off)' }),
  (a, path, issues: Issue[]) => {
    if (a.length === 24 && a.some((x) => x > 0)) return a;
    issues.push({ path, message: a.length !== 24 ? `expected 24 hourly rates (00:00–01:00 … 23:00–24:00), got ${a.length}` : 'expected at least one hour with orders' });
    return undefined;
  },
);

const arrivals = obj({
  profile: opt(hourlyProfile, DEFAULT_ORDER_PROFILE),
  count: opt(str({ oneOf: ['exact', 'poisson'], what: 'count rule', description: 'exact: exactly demand.parcels orders, at the times of a non-homogeneous Poisson process given its count (friendlier for comparing variants); poisson: the count is Poisson with mean demand.parcels' }), 'exact'),
}, 'orders placed during the day: a non-homogeneous Poisson process with this hour-of-day profile (seeded, by inversion). Each parcel reaches the warehouse when ordered; its window opens demand.minLeadHours later (after day.start for orders placed before it), rounded up to demand.slotMinutes, and lasts demand.windowHours');

const DEMAND_SOURCES = ['waves', 'arrivals', 'orders'] as const;

const demandObject = obj({
  parcels: maybe(num({ min: 0, max: 1_000_000, integer: true, description: 'parcels in the day: with waves, split between them; with arrivals, the orders before the cut-off (exactly, or the Poisson mean); required unless demand.orders gives the parcels, and left out then' })),
  waves: opt(arr(wave, { minItems: 1, description: 'arrival waves at the warehouse (the default; give at most one of waves, arrivals, orders)' }), [{ at: 6 * 3600, share: 0.55 }, { at: 10 * 3600, share: 0.3 }, { at: 13.5 * 3600, share: 0.15 }]),
  arrivals: maybe(arrivals),
  orders: maybe(str({ description: `a real order file, CSV with a header row (path relative to the scenario file), one parcel per row; columns ${ORDER_COLUMNS.join(', ')}: time is required (seconds after midnight or HH:MM[:SS]); lon and lat (degrees, mapped to the nearest door, within 500 m of the road network's bounds) or door (index into the city's doors); id, weight_kg, volume_m3 (sizes drawn per seed when left out), window_start and window_end (as for arrivals when left out) are optional. Rows placed at or after the cut-off are left out of the day` })),
  cutoff: maybe(clock('same-day cut-off for arrivals and orders: orders placed at or after it are not part of the day (default: the latest whose window closes by day.end, i.e. day.end − windowHours rounded down to the slot grid, − minLeadHours)')),
  slotMinutes: opt(num({ min: 1, max: 240, integer: true, description: 'with arrivals and orders: promised windows start on multiples of this, min' }), 30),
  windowHours: opt(num({ above: 0, max: 24, description: 'length of the promised delivery window, h' }), 3),
  minLeadHours: opt(num({ min: 0, max: 24, description: 'earliest window start after arrival at the warehouse, h (with arrivals and orders: the window opens this long after the order)' }), 1.5),
  weightMedianKg: opt(num({ above: 0, max: 1000, description: 'median parcel weight, kg (log-normal)' }), 2.5),
  weightMaxKg: opt(num({ above: 0, max: 1000, description: 'heaviest parcel, kg' }), 30),
  densityKgM3: opt(num({ above: 0, max: 5000, description: 'median parcel density, kg/m³' }), 180),
  noShowProbability: opt(share('probability that nobody collects at the curb'), 0.06),
  customerWaitS: opt(num({ min: 0, max: 3600, description: 'how long the van waits at the curb, s' }), 300),
  customerResponseMeanS: opt(num({ min: 0, max: 3600, description: 'mean time for the customer to come down, s' }), 90),
  handoverPerParcelS: opt(num({ min: 0, max: 600, description: 'locker time per parcel, s' }), 20),
  maxAttempts: opt(num({ min: 1, max: 10, integer: true, description: 'attempts before a parcel is returned' }), 2),
}, 'the parcels of the day: in waves (the default), ordered during the day (arrivals), or from an order file (orders)');

/**
 * The demand section: the parsed fields plus the rules that need to see what the file wrote (a
 * default is not a choice): at most one of waves, arrivals, orders; parcels with waves or
 * arrivals, not with orders (0 then, the file's rows are the parcels); a cut-off only with arrivals or orders.
 */
const demand: Schema<Omit<ReturnType<typeof demandObject.parse> & object, 'parcels'> & { parcels: number }> = {
  parse(v, path, issues) {
    const raw = typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
    const given = DEMAND_SOURCES.filter((k) => raw[k] !== undefined);
    const before = issues.length;
    if (given.length > 1) issues.push({ path: `${path}.${given[1]}`, message: `give one of ${DEMAND_SOURCES.join(', ')}; got ${given.join(' and ')}` });
    if (raw.orders !== undefined && raw.parcels !== undefined) issues.push({ path: `${path}.parcels`, message: 'leave out with demand.orders: the order file\'s rows are the parcels' });
    if (raw.orders === undefined && raw.parcels === undefined) issues.push({ path: `${path}.parcels`, message: 'required field is missing' });
    if (raw.cutoff !== undefined && raw.arrivals === undefined && raw.orders === undefined) issues.push({ path: `${path}.cutoff`, message: 'applies to demand.arrivals or demand.orders, not to waves' });
    const d = demandObject.parse(v, path, issues);
    return d && issues.length === before ? { ...d, parcels: d.parcels ?? 0 } : undefined;
  },
  jsonSchema: () => demandObject.jsonSchema(),
};

/** The rule for windows promised at order time (demand.arrivals and order-file rows without a window). */
export function demandWindowRule(d: { minLeadHours: number; windowHours: number; slotMinutes: number }, dayStartS: number): WindowRule {
  return { leadS: d.minLeadHours * 3600, windowS: d.windowHours * 3600, slotS: d.slotMinutes * 60, dayStartS };
}

/** The same-day cut-off of a scenario with arrivals or orders: demand.cutoff, or the latest whose windows close by day.end. */
export function demandCutoffS(sc: { day: { start: number; end: number }; demand: { cutoff?: number; minLeadHours: number; windowHours: number; slotMinutes: number } }): number {
  return sc.demand.cutoff ?? latestCutoffS(demandWindowRule(sc.demand, sc.day.start), sc.day.end);
}

/** Demand rules that need the working day: the cut-off lets windows close by day.end, and some orders fall before it. */
function checkDemandDay(sc: { day: { start: number; end: number }; demand: ReturnType<typeof demand.parse> & object }, issues: Issue[]): void {
  const d = sc.demand;
  if (d.arrivals === undefined && d.orders === undefined) return;
  const latest = latestCutoffS(demandWindowRule(d, sc.day.start), sc.day.end);
  if (d.cutoff !== undefined && d.cutoff > latest) {
    issues.push({ path: 'demand.cutoff', message: `expected at most ${formatClock(latest)} (day.end ${formatClock(sc.day.end)} − windowHours on the ${d.slotMinutes}-minute slot grid − minLeadHours), so every promised window closes by day.end; got ${formatClock(d.cutoff)}` });
    return;
  }
  if (d.arrivals !== undefined && !hourlyShares(d.arrivals.profile, demandCutoffS(sc)).some((x) => x > 0)) {
    issues.push({ path: 'demand.arrivals.profile', message: `expected some orders before the cut-off ${formatClock(demandCutoffS(sc))}` });
  }
}

export const scenarioSchema = obj({
  name: req(str({ description: 'shown in the app and the run report' })),
  description: opt(str(), ''),
  seed: opt(num({ min: 0, max: 2 ** 32 - 1, integer: true, description: 'default run seed (demand and customer behaviour)' }), 1),
  day: sub(obj({
    start: opt(clock('when vans start work (default 06:00)'), 6 * 3600),
    end: opt(clock('no new tours after this; windows close by then (default 21:00)'), 21 * 3600),
  }, 'the working day', (d, path, issues) => {
    if (d.end <= d.start) issues.push({ path: `${path}.end`, message: 'expected the day to end after it starts' });
  })),
  city: req(tagged('kind', { procedural: proceduralCity, osm: osmCity }, 'the city the fleet works in')),
  facilities: sub(obj({
    stations: opt(num({ min: 1, max: 200, integer: true, description: 'number of transfer stations' }), 4),
    warehouseChargers: chargers(6, 60, 'the warehouse'),
    stationChargers: chargers(4, 40, 'each transfer station'),
    hubs: sub(obj({
      count: opt(num({ min: 0, max: 200, integer: true, description: 'standalone charging hubs (chargers only), placed by weighted k-means over demand unless city.hubs pins them' }), 0),
      ports: opt(num({ min: 1, max: 1000, integer: true, description: 'charging ports per hub' }), 4),
      powerKW: opt(num({ above: 0, max: 1000, description: 'power per port, kW' }), 60),
      gridLimitKW: maybe(num({ above: 0, max: 100_000, description: 'grid connection of each hub, kW, shared by its ports (default: every port at full power)' })),
      tariff: maybe(tariff('at the hubs (default: charging.tariff)')),
    }, 'standalone charging hubs')),
  }, 'the warehouse, transfer stations, charging hubs and chargers')),
  fleet: req(obj({
    size: req(num({ min: 1, max: 10_000, integer: true, description: 'number of vans' })),
    van: sub(van),
    chargeBelowSoc: opt(share('go and charge below this state of charge'), 0.3),
    chargeToSoc: opt(share('charge up to this state of charge'), 0.9),
    reserveSoc: opt(share('never plan below this state of charge'), 0.08),
    idleCharging: opt(bool('plug in while idle at a charger'), true),
    ambientC: opt(num({ min: -40, max: 50, description: 'outside temperature, °C (thermal management draws more away from 20 °C)' }), 20),
  }, 'the vans', (f, path, issues) => {
    if (f.chargeToSoc <= f.chargeBelowSoc) issues.push({ path: `${path}.chargeToSoc`, message: `expected more than chargeBelowSoc (${f.chargeBelowSoc}), got ${f.chargeToSoc}` });
    if (f.reserveSoc >= f.chargeBelowSoc) issues.push({ path: `${path}.reserveSoc`, message: `expected less than chargeBelowSoc (${f.chargeBelowSoc}), got ${f.reserveSoc}` });
  })),
  demand: req(demand),
  dispatch: sub(obj({
    strategy: opt(str({ pattern: new RegExp(`^(${STRATEGIES.map((s) => s.name).join('|')})$|\\.(ts|mts|js|mjs)$`), patternHint: `a built-in strategy (${STRATEGIES.map((s) => s.name).join(', ')}) or a strategy file ending .ts or .js`, description: `a built-in strategy or a strategy file (path relative to the scenario). ${STRATEGIES.map((s) => `${s.name}: ${s.description}`).join('; ')}` }), 'insertion'),
    replanMinutes: opt(num({ min: 1, max: 1440, description: 'period of the re-plan hook (the rolling strategy re-optimises all open work this often), min' }), 10),
    maxTourStops: opt(num({ min: 1, max: 500, integer: true, description: 'doors per last-mile tour' }), 40),
    maxTourHours: opt(num({ above: 0, max: 24, description: 'longest tour, h' }), 4),
    minTourParcels: opt(num({ min: 1, max: 1000, integer: true, description: 'a van waits until it can take this many parcels (unless some are urgent)' }), 15),
    urgentMinutes: opt(num({ min: 0, max: 1440, description: 'parcels whose window closes within this are urgent' }), 90),
    lookaheadMinutes: opt(num({ min: 0, max: 1440, description: 'tours take parcels whose window opens within this many minutes' }), 60),
    maxLinehaulParcels: opt(num({ min: 1, max: 100_000, integer: true, description: 'parcels per line-haul load' }), 160),
    tickS: opt(num({ min: 10, max: 3600, description: 'dispatcher re-check period, s' }), 300),
    loadBaseS: opt(num({ min: 0, max: 7200, description: 'fixed time to load or unload, s' }), 180),
    loadPerParcelS: opt(num({ min: 0, max: 600, description: 'loading time per parcel, s' }), 6),
  }, 'how vans are dispatched')),
  charging: sub(obj({
    policy: opt(str({ oneOf: CHARGING_POLICIES.map((p) => p.name), what: 'charging policy', description: CHARGING_POLICIES.map((p) => `${p.name}: ${p.description}`).join('; ') }), 'threshold'),
    tariff: maybe(tariff('at every site (default: costs.perKWh all day)')),
  }, 'how vans charge and what electricity costs')),
  costs: sub(obj({
    perVanDay: opt(num({ min: 0, description: 'fixed cost of each van used in the day (lease, insurance, remote operations)' }), 90),
    perKm: opt(num({ min: 0, description: 'cost per van-km (maintenance, tyres)' }), 0.12),
    perKWh: opt(num({ min: 0, description: 'price per kWh where no charging tariff is given' }), 0.25),
    perFailedParcel: opt(num({ min: 0, description: 'cost of a parcel not delivered (return, re-delivery, goodwill)' }), 4),
    perLateParcel: opt(num({ min: 0, description: 'cost of a parcel delivered outside its window' }), 1),
  }, 'the cost model, in any currency unit, for comparing strategies')),
}, 'A vanfleet scenario: a city, facilities, a fleet of autonomous electric vans and a day of parcels.', (sc, _path, issues) => checkDemandDay(sc, issues));

export type Scenario = NonNullable<ReturnType<typeof scenarioSchema.parse>>;
