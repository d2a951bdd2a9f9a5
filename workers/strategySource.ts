/**
 * A strategy file opened in the app, run from its text inside the simulation worker: compiled by
 * sucrase (TypeScript types stripped, imports turned into require calls, line numbers kept) and
 * evaluated with a `require` that knows only the strategy API, then checked and wrapped by
 * guardStrategy like a file the CLI imports. Every failure is a StrategyError naming the file and,
 * where there is one, its line.
 */
import * as strategyApi from '../src/core/dispatch/strategyApi.ts';
import type { DispatchStrategy } from '../src/core/dispatch/DispatchStrategy.ts';
import { guardStrategy, StrategyError, whereInFile } from '../src/core/dispatch/guardStrategy.ts';

/** What a strategy file may import: any path to the strategy API (as the CLI resolves it, e.g. '../../src/core/dispatch/strategyApi.ts'). */
export function isStrategyApiSpecifier(specifier: string): boolean {
  return /(^|[\\/])strategyApi(\.[mc]?[jt]s)?$/.test(specifier);
}

/** The API module as `require` hands it out (`__esModule`, so named and namespace imports work as in ESM). */
const API_MODULE: Readonly<Record<string, unknown>> = Object.freeze({ __esModule: true, ...strategyApi });

class ImportRefused extends Error {
  constructor(readonly specifier: string) {
    super(`imports '${specifier}'`);
  }
}

/** A file name that stack frames can carry intact (whereInFile reads "name:line:col" up to white space or parentheses). */
export function strategyFileLabel(name: string): string {
  return (name.split(/[\\/]/).pop() || 'strategy.ts').replace(/[\s()]/g, '_');
}

/** A sucrase (or engine) syntax error's place and message: sucrase gives loc { line, column } (both from 1) and " (line:col)" in the message. */
function syntaxProblem(e: unknown, file: string): string | null {
  if (!(e instanceof SyntaxError)) return null;
  const loc = (e as SyntaxError & { loc?: { line: number; column: number } }).loc;
  const message = e.message.replace(/^Error transforming [^:]*: /, '').replace(/\s*\(\d+:\d+\)$/, '');
  if (loc) return `strategy file ${file}:${loc.line}:${loc.column}: syntax error: ${message}`;
  return `strategy file ${file}: syntax error: ${message}`;
}

/** The line of the first import or require of `specifier` in the source (1-based), for a stack that does not name one. */
function lineOfImport(text: string, specifier: string): number | null {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) if (lines[i].includes(`'${specifier}'`) || lines[i].includes(`"${specifier}"`)) return i + 1;
  return null;
}

/**
 * Compile a strategy file's text (TypeScript or JavaScript) to a CommonJS function body; sucrase
 * loads on first use. Imports are kept even where only types are used from them, as the project's
 * verbatimModuleSyntax keeps them for the CLI (`import type` is still dropped).
 */
async function compile(text: string, file: string): Promise<string> {
  const { transform } = await import('sucrase');
  try {
    const transforms: ('typescript' | 'imports')[] = /\.[mc]?ts$/i.test(file) ? ['typescript', 'imports'] : ['imports'];
    return transform(text, { transforms, filePath: file, disableESTransforms: true, keepUnusedImports: true }).code;
  } catch (e) {
    throw new StrategyError(syntaxProblem(e, file) ?? `strategy file ${file}: could not compile: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * Evaluate compiled code as a module. Indirect eval of a wrapper that opens on the code's own
 * first line keeps every line where the file has it (new Function would add two), and the
 * sourceURL makes stack frames read "file:line:col", which is what whereInFile looks for.
 */
function evaluate(code: string, file: string): Record<string, unknown> {
  const module = { exports: {} as Record<string, unknown> };
  const require = (specifier: string) => {
    if (isStrategyApiSpecifier(specifier)) return API_MODULE;
    throw new ImportRefused(specifier);
  };
  const indirectEval = eval;
  const factory = indirectEval(`(function (require, module, exports) {${code}\n})\n//# sourceURL=${file}`) as (r: typeof require, m: typeof module, e: unknown) => void;
  factory(require, module, module.exports);
  return module.exports;
}

/**
 * Load a strategy from a file's text. `name` is the file's name as opened (a path is cut to its
 * last part); messages and stack frames use strategyFileLabel(name).
 */
export async function loadStrategySource(text: string, name: string): Promise<DispatchStrategy> {
  const file = strategyFileLabel(name);
  const code = await compile(text, file);
  let exports: Record<string, unknown>;
  try {
    exports = evaluate(code, file);
  } catch (e) {
    if (e instanceof ImportRefused) {
      const at = whereInFile(e, file).match(/:(\d+):\d+$/)?.[1] ?? lineOfImport(text, e.specifier);
      throw new StrategyError(
        `strategy file ${file}${at ? `:${at}` : ''}: imports '${e.specifier}'; a strategy file in the app may import only the strategy API ` +
          `(a path ending in strategyApi.ts, as examples/strategies/deadline-first.ts does) and is one file`,
      );
    }
    const syntax = syntaxProblem(e, file);
    if (syntax) throw new StrategyError(syntax);
    const msg = e instanceof Error ? `${e.name === 'Error' ? '' : `${e.name}: `}${e.message.split('\n')[0]}` : String(e);
    throw new StrategyError(`strategy file ${file}: failed to load at ${whereInFile(e, file)}: ${msg}`);
  }
  return guardStrategy(exports.default ?? exports.strategy, file);
}

const HOOK_NAMES = ['vanIdle', 'orderArrived', 'lowEnergy', 'portFreed', 'linehaulArrived', 'replan'] as const;

/**
 * Where a refused plan came from: the hook a PlanRefusedError names ('dispatcher "x": orderArrived: …')
 * and the line of the file where a function of that name is defined, if the text has one. The plan
 * is checked after the hook has returned, so no stack points into the file.
 */
export function hookDefinitionLine(message: string, text: string): { hook: string; line: number | null } | null {
  const hook = HOOK_NAMES.find((h) => message.includes(`: ${h}:`) || message.includes(`: ${h} returned`));
  if (!hook) return null;
  const def = new RegExp(`\\b${hook}\\s*(\\(|:|=)`);
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) if (def.test(lines[i])) return { hook, line: i + 1 };
  return { hook, line: null };
}

/** A refused plan's message led by the strategy file and, where the file defines the hook that made the plan, its line ('x.ts:9: dispatcher "x": …'). */
export function refusedPlanProblem(message: string, label: string, text: string): string {
  const hook = hookDefinitionLine(message, text);
  return `${label}${hook?.line ? `:${hook.line}` : ''}: ${message}`;
}
