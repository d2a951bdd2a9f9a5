import { Rng } from '../util/rng.ts';
import type { City } from '../city/City.ts';
import { buildCity } from './buildCity.ts';
import { generateParcels } from '../demand/generateParcels.ts';
import type { DispatchStrategy } from '../dispatch/DispatchStrategy.ts';
import { FleetDispatcher } from '../dispatch/FleetDispatcher.ts';
import { strategyByName, STRATEGIES } from '../dispatch/strategies.ts';
import type { Dispatcher } from '../sim/Decision.ts';
import type { SimParams } from '../sim/SimParams.ts';
import { buildWorld, type World } from '../sim/World.ts';
import type { Scenario } from './scenarioSchema.ts';

export interface RunOverrides {
  readonly seed?: number;
  readonly strategy?: string;
}

export interface PreparedRun {
  readonly scenario: Scenario;
  readonly world: World;
  readonly seed: number;
  readonly strategy: DispatchStrategy;
  /** A fresh dispatcher for one simulation of this run (dispatchers keep per-run caches). */
  createDispatcher(): Dispatcher;
}

/** Thrown for a bad override (e.g. an unknown --strategy), naming the option. */
export class RunOptionError extends Error {}

export function resolveStrategy(name: string, option = 'strategy'): DispatchStrategy {
  const s = strategyByName(name);
  if (!s) throw new RunOptionError(`${option}: unknown strategy "${name}"; expected one of: ${STRATEGIES.map((x) => x.name).join(', ')}`);
  return s;
}

export function simParams(sc: Scenario, strategy: string): SimParams {
  return {
    dayStartS: sc.day.start,
    dayEndS: sc.day.end,
    fleetSize: sc.fleet.size,
    van: sc.fleet.van,
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
  const strategy = resolveStrategy(overrides.strategy ?? sc.dispatch.strategy, overrides.strategy !== undefined ? '--strategy' : 'dispatch.strategy');
  const params = simParams(sc, strategy.name);
  const demandRng = new Rng(seed).fork(1);
  const parcels = generateParcels(
    {
      parcels: sc.demand.parcels,
      waves: sc.demand.waves.map((w) => ({ atS: w.at, share: w.share })),
      windowHours: sc.demand.windowHours,
      minLeadHours: sc.demand.minLeadHours,
      weightMedianKg: sc.demand.weightMedianKg,
      weightMaxKg: Math.min(sc.demand.weightMaxKg, sc.fleet.van.payloadKg),
      densityKgM3: sc.demand.densityKgM3,
      dayEndS: sc.day.end,
    },
    city.doors.weight,
    demandRng,
  );
  return { scenario: sc, world: buildWorld(city, parcels, params), seed, strategy, createDispatcher: () => new FleetDispatcher(strategy) };
}
