/**
 * `npm run solve -- <instance file> [--format solomon|cvrplib|evrptw] [--objective distance|hierarchical]
 *  [--time-limit S] [--seed N] --out sol.json`
 *
 * Reads a benchmark instance (format detected when omitted), runs the optimiser with a wall-clock
 * limit and writes the solution file contract. Errors name the problem (file and line) on stderr
 * and exit with code 2, without a stack trace.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs, usage, UsageError } from './args.ts';
import type { FlagSpec } from './args.ts';
import type { InstanceFormat, Objective } from '../core/vrp/io/Instance.ts';
import { ParseError } from '../core/vrp/io/ParseError.ts';
import { readInstance } from '../core/vrp/io/readInstance.ts';
import { toSolutionFile } from '../core/vrp/io/solutionFile.ts';
import { createInstanceSolver } from '../core/vrp/solveInstance.ts';
import { anyOf, cancelled, timeLimit } from '../core/vrp/stop.ts';
import { ProblemError } from '../core/vrp/createProblem.ts';

const spec: Record<string, FlagSpec> = {
  format: { type: 'string', help: 'solomon | cvrplib | evrptw (default: detected from the file)' },
  objective: { type: 'string', help: 'distance | hierarchical (default: distance; hierarchical for evrptw)' },
  'time-limit': { type: 'number', help: 'seconds of search (default 10)' },
  seed: { type: 'number', help: 'random seed (default 1)' },
  out: { type: 'string', help: 'solution file to write (JSON)' },
  quiet: { type: 'boolean', help: 'no progress on stderr' },
  help: { type: 'boolean', help: 'show this help' },
};

const SYNOPSIS = '<instance file> [options] --out sol.json';

function fail(message: string): never {
  process.stderr.write(`solve: ${message}\n`);
  process.exit(2);
}

async function main(argv: string[]): Promise<void> {
  const { positional, flags } = parseArgs(argv, spec);
  if (flags.help) {
    process.stdout.write(usage('npm run solve --', SYNOPSIS, spec));
    return;
  }
  if (positional.length !== 1) throw new UsageError(`expected one instance file, got ${positional.length}`);
  const out = flags.out as string | undefined;
  if (!out) throw new UsageError('--out: expected a file name');
  const format = flags.format as string | undefined;
  if (format !== undefined && !['solomon', 'cvrplib', 'evrptw'].includes(format))
    throw new UsageError(`--format: expected solomon, cvrplib or evrptw, got "${format}"`);
  const objective = flags.objective as string | undefined;
  if (objective !== undefined && objective !== 'distance' && objective !== 'hierarchical')
    throw new UsageError(`--objective: expected distance or hierarchical, got "${objective}"`);
  const seconds = (flags['time-limit'] as number | undefined) ?? 10;
  if (!(seconds > 0)) throw new UsageError(`--time-limit: expected a positive number of seconds, got ${seconds}`);
  const seed = (flags.seed as number | undefined) ?? 1;
  if (!Number.isInteger(seed)) throw new UsageError(`--seed: expected an integer, got ${seed}`);
  const file = positional[0];
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    fail(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const inst = readInstance(text, basename(file), {
    format: format as InstanceFormat | undefined,
    objective: objective as Objective | undefined,
  });
  const now = () => performance.now();
  const t0 = now();
  let lastReport = t0;
  const quiet = flags.quiet === true;
  // Ctrl-C ends the search and writes the best solution so far (the anytime contract). Steps run
  // in slices of ~50 ms with a turn of the event loop between them so the signal is noticed.
  const interrupt = { cancelled: false };
  const onSigint = () => {
    interrupt.cancelled = true;
    if (!quiet) process.stderr.write('  interrupted: writing the best solution so far\n');
  };
  process.once('SIGINT', onSigint);
  const stop = anyOf(timeLimit(seconds, now), cancelled(interrupt));
  const solver = createInstanceSolver(inst, {
    stop,
    now,
    timeLimitSeconds: seconds,
    seed,
    onProgress: (e) => {
      const t = now();
      if (quiet || t - t0 < 1000 || t - lastReport < 1000) return;
      lastReport = t;
      process.stderr.write(`  ${((t - t0) / 1000).toFixed(1)} s  ${e.phase}  routes ${e.numRoutes}  cost ${(e.cost / inst.scale).toFixed(2)}\n`);
    },
  });
  solver.step();
  while (!stop.shouldStop(solver.progress())) {
    const sliceEnd = now() + 50;
    while (now() < sliceEnd && !stop.shouldStop(solver.progress())) solver.step();
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  process.off('SIGINT', onSigint);
  const res = solver.result();
  const solFile = toSolutionFile(inst, res.best, (now() - t0) / 1000);
  writeFileSync(out, JSON.stringify(solFile, null, 2) + '\n');
  if (!quiet)
    process.stderr.write(
      `${inst.name}: ${solFile.vehicles} vehicles, distance ${solFile.distance}${res.feasible ? '' : ' (INFEASIBLE)'}, ` +
        `${solFile.seconds} s -> ${out}\n`,
    );
  if (!res.feasible) process.exitCode = 1;
}

main(process.argv.slice(2)).catch((e: unknown) => {
  if (e instanceof UsageError) {
    process.stderr.write(`solve: ${e.message}\n${usage('npm run solve --', SYNOPSIS, spec)}`);
    process.exit(2);
  }
  if (e instanceof ParseError || e instanceof ProblemError) fail(e.message);
  throw e;
});
