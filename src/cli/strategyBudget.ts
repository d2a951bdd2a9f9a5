/**
 * Time budgets for strategy files in the CLI: each call into a strategy (planTour, planStation,
 * createHooks, every hook) runs under a budget and is stopped when it overruns — an endless loop
 * too, since V8 interrupts the running script (node:vm's timeout) — and loading a file runs in a
 * probe worker thread first, abandoned when it does not finish in its budget (a loop at the top
 * of the file). Either way the run stops with a StrategyError naming the file and the budget.
 */
import { createContext, Script } from 'node:vm';
import { Worker } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { StrategyError, type StrategyCallRunner } from '../core/dispatch/guardStrategy.ts';
import { CliInputError } from './readInput.ts';

/** A budget from the environment (seconds, > 0), else the default. */
function budgetFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const v = Number(raw);
  if (!(v > 0 && v <= 3600)) throw new CliInputError(`${name}: expected a number of seconds from 0 to 3600, got "${raw}"`);
  return v;
}

/** Longest one call into a strategy file may take, s (VANFLEET_CALL_BUDGET_S; default 5). */
export const callBudgetS = () => budgetFromEnv('VANFLEET_CALL_BUDGET_S', 5);
/** Longest loading a strategy file may take, s (VANFLEET_LOAD_BUDGET_S; default 20). */
export const loadBudgetS = () => budgetFromEnv('VANFLEET_LOAD_BUDGET_S', 20);

const box = createContext({ fn: null as unknown, self: null as unknown, args: null as unknown });
const call = new Script('fn.apply(self, args)', { filename: 'vanfleet:strategy-budget' });
let depth = 0;

/** A StrategyCallRunner that stops a call running past `budgetS` (nested calls share the outer budget). */
export function budgetedRunner(budgetS = callBudgetS()): StrategyCallRunner {
  return (fn, self, args, where) => {
    if (depth > 0) return fn.apply(self, args);
    depth++;
    box.fn = fn;
    box.self = self;
    box.args = args;
    try {
      return call.runInContext(box, { timeout: Math.round(budgetS * 1000), breakOnSigint: true });
    } catch (e) {
      if ((e as { code?: string } | null)?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw new StrategyError(`${where} ran past its time budget of ${budgetS} s and was stopped (does it loop forever?)`);
      throw e;
    } finally {
      depth--;
      box.fn = box.self = box.args = null;
    }
  };
}

/**
 * Import the file once in a throw-away worker thread: resolves when it loaded (or failed: the real
 * import reports that), rejects with a StrategyError when it takes longer than `budgetS`.
 */
export function probeLoad(path: string, shown: string, budgetS = loadBudgetS()): Promise<void> {
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const url = JSON.stringify(pathToFileURL(path).href);
  const w = new Worker(`const { parentPort } = require('node:worker_threads'); import(${tsx}).then((m) => { m.register(); return import(${url}); }).then(() => parentPort.postMessage('ok'), () => parentPort.postMessage('failed'));`, { eval: true, stdout: true, stderr: true });
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      void w.terminate();
      reject(new StrategyError(`strategy file ${shown}: loading it took longer than its budget of ${budgetS} s and was stopped (does code at the top of the file loop forever?)`));
    }, budgetS * 1000);
    const done = () => {
      clearTimeout(timer);
      void w.terminate();
      resolve();
    };
    w.once('message', done);
    w.once('error', done);
    w.once('exit', done);
  });
}
