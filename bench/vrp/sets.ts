/**
 * Benchmark sets for `npm run bench -- vrp`: instance files under bench/instances, their best-known
 * solutions (bks.json), default time limits and the class/size groups the report averages over.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Objective } from '../../src/core/vrp/index.ts';

export const INSTANCES = join(dirname(fileURLToPath(import.meta.url)), '..', 'instances');

export interface BenchInstance {
  readonly name: string;
  readonly file: string;
  readonly customers: number;
  /** Group for per-class means (Solomon class, X size band, ...). */
  readonly group: string;
  readonly bksDistance: number;
  /** BKS vehicles under the hierarchical objective (null where distance only). */
  readonly bksVehicles: number | null;
}

export interface BenchSet {
  readonly name: string;
  readonly objective: Objective;
  readonly timeLimit: number;
  readonly instances: BenchInstance[];
  /** Peer figures quoted in the report (no C++ peer runs here). */
  readonly reference: string;
}

interface BksEntry {
  vehicles: number | null;
  distance: number;
  distance_only?: { distance: number };
  /** E-VRPTW large: EVRPTW-PR best-known (Erdelić et al. 2022, see bench/instances/evrptw/PROVENANCE.md). */
  partial_recharge?: { vehicles: number; distance: number };
}

const readBks = (dir: string): Record<string, BksEntry> => JSON.parse(readFileSync(join(INSTANCES, dir, 'bks.json'), 'utf8'));

const solomonClass = (name: string) => /^(RC|R|C)(\d)/i.exec(name)!.slice(1, 3).join('').toUpperCase();

function vrptw(dir: string, objective: Objective, only?: readonly string[]): BenchInstance[] {
  const bks = readBks(dir);
  return readdirSync(join(INSTANCES, dir))
    .filter((f) => f.endsWith('.txt') && f !== 'README.txt')
    .map((f) => f.slice(0, -4))
    .filter((name) => !only || only.includes(name))
    .sort()
    .map((name) => {
      const b = bks[name];
      const customers = dir === 'solomon' ? 100 : Number(/_(\d+)_/.exec(name)![1]) * 100;
      return {
        name, file: join(INSTANCES, dir, `${name}.txt`), customers, group: solomonClass(name),
        bksDistance: objective === 'distance' ? b.distance_only!.distance : b.distance,
        bksVehicles: objective === 'distance' ? null : b.vehicles,
      };
    });
}

function xSet(min: number, max: number): BenchInstance[] {
  const bks = readBks('x');
  return readdirSync(join(INSTANCES, 'x'))
    .filter((f) => f.endsWith('.vrp'))
    .map((f) => f.slice(0, -4))
    .map((name) => ({ name, customers: Number(/X-n(\d+)-/.exec(name)![1]) - 1 }))
    .filter((x) => x.customers >= min && x.customers <= max)
    .sort((a, b) => a.customers - b.customers)
    .map(({ name, customers }) => ({
      name, file: join(INSTANCES, 'x', `${name}.vrp`), customers,
      group: customers <= 250 ? '100-250' : customers <= 501 ? '251-501' : customers <= 750 ? '502-750' : '751-1000',
      bksDistance: bks[name].distance, bksVehicles: null,
    }));
}

/**
 * Partial recharge: the large instances compare with the EVRPTW-PR best-known values; the small
 * ones have none, so they compare with their full-recharge values (an upper bound: a full-recharge
 * solution stays feasible under partial recharge).
 */
function evrptw(partial: boolean): BenchInstance[] {
  const bks = readBks('evrptw');
  const out: BenchInstance[] = [];
  for (const sub of ['small', 'large']) {
    for (const f of readdirSync(join(INSTANCES, 'evrptw', sub)).filter((x) => x.endsWith('.txt')).sort()) {
      const name = f.slice(0, -4);
      const b = partial ? (bks[name].partial_recharge ?? bks[name]) : bks[name];
      const customers = sub === 'large' ? 100 : Number(/C(\d+)$/.exec(name)![1]);
      out.push({
        name, file: join(INSTANCES, 'evrptw', sub, f), customers, group: `${sub} ${solomonClass(name)}`,
        bksDistance: b.distance, bksVehicles: b.vehicles,
      });
    }
  }
  return out;
}

export const VROOM6 = ['C101', 'C201', 'R101', 'R201', 'RC101', 'RC201'];

export function benchSet(name: string, objective?: Objective, recharge: 'full' | 'partial' = 'full'): BenchSet {
  if (recharge === 'partial' && name !== 'evrptw') throw new Error(`--recharge partial applies to the evrptw set only, not "${name}"`);
  switch (name) {
    case 'solomon': {
      const obj = objective ?? 'distance';
      return {
        name, objective: obj, timeLimit: 30, instances: vrptw('solomon', obj),
        reference: 'target: distance objective mean gap <= 0.5 % at 30 s; hierarchical: BKS vehicles on >= 80 % of instances',
      };
    }
    case 'vroom6':
      return {
        name, objective: 'distance', timeLimit: 2, instances: vrptw('solomon', 'distance', VROOM6),
        reference: 'target: below VROOM\'s mean gap in the same run (--peers vroom) at seeds 1, 2 and 3',
      };
    case 'gh200': {
      const obj = objective ?? 'distance';
      return { name, objective: obj, timeLimit: 60, instances: vrptw('gh200', obj), reference: 'no target; distance-only BKS of the 200-customer set are not verified' };
    }
    case 'gh1000': {
      const obj = objective ?? 'hierarchical';
      return {
        name, objective: obj, timeLimit: 120, instances: vrptw('gh1000', obj),
        reference: 'target (hierarchical, 120 s): at most VROOM\'s fleet on every instance, fleet and distance gaps beside VROOM\'s from the same run (--peers vroom)',
      };
    }
    case 'x':
      return {
        name, objective: 'distance', timeLimit: 60, instances: xSet(0, 501),
        reference: 'target at 60 s: 251-501 customers mean gap <= 0.5 % and at most 1.5 times HGS-CVRP\'s in the same run (--peers hgs,vroom)',
      };
    case 'x1000':
      return {
        name, objective: 'distance', timeLimit: 120, instances: xSet(900, 1000),
        reference: 'target at 120 s: mean gap <= 1.8 % and below HGS-CVRP\'s in the same run (--peers hgs,vroom)',
      };
    case 'evrptw':
      return {
        name, objective: 'hierarchical', timeLimit: 30, instances: evrptw(recharge === 'partial'),
        reference: recharge === 'partial'
          ? 'partial recharge: large instances vs the EVRPTW-PR BKS of Erdelic et al. (2022, verified); small ones vs their full-recharge BKS (an upper bound). Target: mean gap <= 2 %'
          : 'Schneider et al. (2014) full-recharge BKS (unverified), hierarchical: vehicles, then distance. Target at 60 s: BKS vehicles on >= 80 % of the 100-customer instances, mean gap <= 2 %',
      };
    default:
      throw new Error(`unknown set "${name}" (solomon, vroom6, gh200, gh1000, x, x1000, evrptw)`);
  }
}
