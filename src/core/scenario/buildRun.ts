import { Rng } from '../util/rng.ts';
import type { City } from '../city/City.ts';
import { buildCity, ordersFor } from './buildCity.ts';
import { generateParcels } from '../demand/generateParcels.ts';
import { generateOrders } from '../demand/generateOrders.ts';
import { orderBookParcels } from '../demand/orderBookParcels.ts';
import type { Parcels } from '../demand/Parcels.ts';
import type { DispatchStrategy } from '../dispatch/DispatchStrategy.ts';
import { FleetDispatcher } from '../dispatch/FleetDispatcher.ts';
import { CHARGING_POLICIES, chargingPolicyByName, type ChargingPolicy } from '../dispatch/chargingPolicies.ts';
import { flatTariff, tariffFrom, type Tariff } from '../charging/Tariff.ts';
import type { FleetScheduler } from '../charging/FleetScheduler.ts';
import { strategyByName, STRATEGIES } from '../dispatch/strategies.ts';
import type { Dispatcher } from '../sim/Decision.ts';
import type { SimParams } from '../sim/SimParams.ts';
import { buildWorld, type World } from '../sim/World.ts';
import { demandCutoffS, demandWindowRule, type Scenario } from './scenarioSchema.ts';

export interface RunOverrides {
  readonly seed?: number;
  readonly strategy?: string;
  /** Strategies loaded from files, by the name or path the scenario or --strategy gives (the CLI loads them). */
  readonly strategyFiles?: ReadonlyMap<string, DispatchStrategy>;
  /** Charging policy by name (the CLI's --charging, the app's picker). */
  readonly charging?: string;
}

export interface PreparedRun {
  readonly scenario: Scenario;
  readonly world: World;
  readonly seed: number;
  readonly strategy: DispatchStrategy;
  readonly charging: ChargingPolicy;
  /** A fresh dispatcher for one simulation of this run (dispatchers keep per-run caches). */
  /** A fresh dispatcher for this run; the charging policy's fleet scheduler runs where `scheduler` says (default: in this thread). */
  createDispatcher(scheduler?: FleetScheduler): Dispatcher;
}

/** Thrown for a bad override (e.g. an unknown --strategy), naming the option. */
export class RunOptionError extends Error {}

/** Is this a strategy file's path rather than a built-in name? */
export function isStrategyPath(name: string): boolean {
  return /\.(ts|mts|js|mjs)$/.test(name);
}

export function resolveStrategy(name: string, option = 'strategy', files?: ReadonlyMap<string, DispatchStrategy>): DispatchStrategy {
  const s = strategyByName(name) ?? files?.get(name);
  if (!s && isStrategyPath(name)) throw new RunOptionError(`${option}: the strategy file "${name}" was not loaded (in the app, open the file itself; on the command line: npm run simulate -- … --strategy ./file.ts)`);
  if (!s) throw new RunOptionError(`${option}: unknown strategy "${name}"; expected one of: ${STRATEGIES.map((x) => x.name).join(', ')}, or a strategy file ending .ts or .js`);
  return s;
}

export function resolveChargingPolicy(name: string, option = 'charging'): ChargingPolicy {
  const p = chargingPolicyByName(name);
  if (!p) throw new RunOptionError(`${option}: unknown charging policy "${name}"; expected one of: ${CHARGING_POLICIES.map((x) => x.name).join(', ')}`);
  return p;
}

type TariffSpec = readonly { readonly from: number; readonly pricePerKWh: number }[] | undefined;

/** Each facility's tariff: its charger group's, else the scenario's, else costs.perKWh all day. */
function siteTariffs(sc: Scenario, kinds: readonly string[]): Tariff[] {
  const make = (spec: TariffSpec): Tariff => (spec ? tariffFrom(spec.map((p) => ({ fromS: p.from, pricePerKWh: p.pricePerKWh }))) : flatTariff(sc.costs.perKWh));
  const all = make(sc.charging.tariff);
  const wh = sc.facilities.warehouseChargers.tariff ? make(sc.facilities.warehouseChargers.tariff) : all;
  const st = sc.facilities.stationChargers.tariff ? make(sc.facilities.stationChargers.tariff) : all;
  const hub = sc.facilities.hubs.tariff ? make(sc.facilities.hubs.tariff) : all;
  return kinds.map((k) => (k === 'warehouse' ? wh : k === 'hub' ? hub : st));
}

export function simParams(sc: Scenario, strategy: string, charging = sc.charging.policy, facilityKinds: readonly string[] = []): SimParams {
  return {
    dayStartS: sc.day.start,
    dayEndS: sc.day.end,
    fleetSize: sc.fleet.size,
    van: sc.fleet.van,
    ambientC: sc.fleet.ambientC,
    chargeBelowSoc: sc.fleet.chargeBelowSoc,
    chargeToSoc: sc.fleet.chargeToSoc,
    reserveSoc: sc.fleet.reserveSoc,
    idleCharging: sc.fleet.idleCharging,
    handover: {
      noShowProbability: sc.demand.noShowProbability,
      customerWaitS: sc.demand.customerWaitS,
      customerResponseMeanS: sc.demand.customerResponseMeanS,
      perParcelS: sc.demand.handoverPerParcelS,
    },
    loading: { baseS: sc.dispatch.loadBaseS, perParcelS: sc.dispatch.loadPerParcelS },
    maxAttempts: sc.demand.maxAttempts,
    costs: sc.costs,
    charging: { policy: charging, tariffs: siteTariffs(sc, facilityKinds) },
    dispatch: {
      strategy,
      maxTourStops: sc.dispatch.maxTourStops,
      maxTourHours: sc.dispatch.maxTourHours,
      minTourParcels: sc.dispatch.minTourParcels,
      urgentMinutes: sc.dispatch.urgentMinutes,
      lookaheadMinutes: sc.dispatch.lookaheadMinutes,
      maxLinehaulParcels: sc.dispatch.maxLinehaulParcels,
      tickS: sc.dispatch.tickS,
    },
  };
}

/** City + demand + parameters for one run. The run seed drives demand and customer behaviour. */
export function prepareRun(sc: Scenario, overrides: RunOverrides = {}, city: City = buildCity(sc)): PreparedRun {
  const seed = overrides.seed ?? sc.seed;
  const strategy = resolveStrategy(overrides.strategy ?? sc.dispatch.strategy, overrides.strategy !== undefined ? '--strategy' : 'dispatch.strategy', overrides.strategyFiles);
  const charging = resolveChargingPolicy(overrides.charging ?? sc.charging.policy, overrides.charging !== undefined ? '--charging' : 'charging.policy');
  const params = simParams(sc, strategy.name, charging.name, city.facilities.map((f) => f.kind));
  const parcels = dayParcels(sc, city, new Rng(seed).fork(1));
  const world = buildWorld(city, parcels, params);
  return { scenario: sc, world, seed, strategy, charging, createDispatcher: (scheduler) => new FleetDispatcher(strategy, charging, scheduler, { world, seed, replanEveryS: sc.dispatch.replanMinutes * 60 }) };
}

/** The run's parcels: from the order file (demand.orders), the hourly profile (demand.arrivals) or the waves. */
function dayParcels(sc: Scenario, city: City, rng: Rng): Parcels {
  const d = sc.demand;
  const size = { weightMedianKg: d.weightMedianKg, weightMaxKg: Math.min(d.weightMaxKg, sc.fleet.van.payloadKg), densityKgM3: d.densityKgM3 };
  const window = demandWindowRule(d, sc.day.start);
  if (d.orders !== undefined) return orderBookParcels(ordersFor(sc, city), size, window, rng);
  if (d.arrivals !== undefined) {
    return generateOrders({ ...size, profile: d.arrivals.profile, count: d.parcels, cutoffS: demandCutoffS(sc), exact: d.arrivals.count === 'exact', window }, city.doors.weight, rng);
  }
  return generateParcels(
    { ...size, parcels: d.parcels, waves: d.waves.map((w) => ({ atS: w.at, share: w.share })), windowHours: d.windowHours, minLeadHours: d.minLeadHours, dayEndS: sc.day.end },
    city.doors.weight,
    rng,
  );
}
