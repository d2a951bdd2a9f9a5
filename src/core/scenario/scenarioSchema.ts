import { parseClock } from '../util/clock.ts';
import { JD_VAN } from '../fleet/VanSpec.ts';
import { STRATEGIES } from '../dispatch/strategies.ts';
import { CHARGING_POLICIES } from '../dispatch/chargingPolicies.ts';
import { arr, bool, map, maybe, num, obj, opt, req, str, sub, tagged, constant, type Issue } from './schema.ts';
import { ROAD_CLASS_NAMES } from '../network/RoadGraph.ts';

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
  demand: req(obj({
    parcels: req(num({ min: 0, max: 1_000_000, integer: true, description: 'parcels in the day' })),
    waves: opt(arr(wave, { minItems: 1, description: 'arrival waves at the warehouse' }), [{ at: 6 * 3600, share: 0.55 }, { at: 10 * 3600, share: 0.3 }, { at: 13.5 * 3600, share: 0.15 }]),
    windowHours: opt(num({ above: 0, max: 24, description: 'length of the promised delivery window, h' }), 3),
    minLeadHours: opt(num({ min: 0, max: 24, description: 'earliest window start after arrival at the warehouse, h' }), 1.5),
    weightMedianKg: opt(num({ above: 0, max: 1000, description: 'median parcel weight, kg (log-normal)' }), 2.5),
    weightMaxKg: opt(num({ above: 0, max: 1000, description: 'heaviest parcel, kg' }), 30),
    densityKgM3: opt(num({ above: 0, max: 5000, description: 'median parcel density, kg/m³' }), 180),
    noShowProbability: opt(share('probability that nobody collects at the curb'), 0.06),
    customerWaitS: opt(num({ min: 0, max: 3600, description: 'how long the van waits at the curb, s' }), 300),
    customerResponseMeanS: opt(num({ min: 0, max: 3600, description: 'mean time for the customer to come down, s' }), 90),
    handoverPerParcelS: opt(num({ min: 0, max: 600, description: 'locker time per parcel, s' }), 20),
    maxAttempts: opt(num({ min: 1, max: 10, integer: true, description: 'attempts before a parcel is returned' }), 2),
  }, 'the parcels of the day')),
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
}, 'A vanfleet scenario: a city, facilities, a fleet of autonomous electric vans and a day of parcels.');

export type Scenario = NonNullable<ReturnType<typeof scenarioSchema.parse>>;
