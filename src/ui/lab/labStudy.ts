/**
 * From a Lab set-up to the runs it needs, checked before anything runs, as `npm run compare` checks
 * its --vary flags: each row is read by the core variant helpers, every variant's scenario is
 * validated, and each problem is put on the row whose setting it is about (or on the study). A
 * variant whose dispatch.strategy is a strategy file runs the file added to the Lab under that name
 * (src/ui/lab/labFiles.ts); one not added, or one that did not load, is named on its row.
 */
import { parseJsonWithLines, JsonSyntaxError } from '../../core/scenario/jsonWithLines.ts';
import { parseScenario, ScenarioError } from '../../core/scenario/loadScenario.ts';
import { isStrategyPath, resolveChargingPolicy, resolveStrategy, RunOptionError } from '../../core/scenario/buildRun.ts';
import { applyVariant, expandVariants, VariantError, type Variant } from '../../core/scenario/variants.ts';
import type { LabJob } from '../../../workers/labApi.ts';
import type { LabSetup } from './labSetup.ts';
import { namesFile, type LabFile } from './labFiles.ts';
import { strategyFileLabel } from '../../../workers/strategySource.ts';

/** At most this many (variant, seed) runs in one study, so a typo cannot start a week of work. */
export const MAX_RUNS = 2000;

export interface Study {
  readonly variants: Variant[];
  /** Per variant, its scenario as JSON text and the name its problems are reported under. */
  readonly texts: { readonly text: string; readonly source: string }[];
  readonly seeds: number[];
  /** Index of the baseline variant. */
  readonly baseline: number;
  /** The strategy files the variants run (sent to every worker before its runs). */
  readonly files: readonly { readonly label: string; readonly text: string }[];
}

export interface StudyCheck {
  readonly study: Study | null;
  /** One entry per `vary` row: what is wrong with it, or null. */
  readonly rowProblems: (string | null)[];
  /** Problems about the study as a whole (the scenario, the baseline, the size). */
  readonly problems: string[];
}

/** Which row a problem at `path` belongs to: the row setting that path, or one above or below it. */
function rowOf(rows: readonly string[], path: string): number {
  return rows.findIndex((r) => {
    const p = r.slice(0, r.indexOf('=')).trim();
    return p !== '' && (path === p || path.startsWith(`${p}.`) || path.startsWith(`${p}[`) || p.startsWith(`${path}.`));
  });
}

/** The added file a variant's strategy file value names, or a RunOptionError saying why it cannot run. */
function fileFor(name: string, files: readonly LabFile[], used: Map<string, string>): LabFile {
  const label = strategyFileLabel(name);
  const other = used.get(label);
  if (other !== undefined && other !== name) throw new RunOptionError(`dispatch.strategy: "${other}" and "${name}" are both ${label}; the Lab holds one file of each name`);
  used.set(label, name);
  const f = files.find((x) => namesFile(name, x.label));
  if (!f) {
    throw new RunOptionError(
      `dispatch.strategy: the strategy file "${name}" is not open in the Lab: add ${label} with "Add strategy file…" (a file from your disk does not travel in the address: after a reload or from a link, add it again)`,
    );
  }
  if (f.problem !== null) throw new RunOptionError(`dispatch.strategy: ${f.problem}`);
  return f;
}

export function checkStudy(setup: LabSetup, scenarioText: string, scenarioPath: string, files: readonly LabFile[] = []): StudyCheck {
  const rows = setup.vary.map((r) => r.trim());
  const rowProblems: (string | null)[] = rows.map(() => null);
  const problems: string[] = [];
  const flags = rows.map((r) => r.replace(/\s*=\s*/, '=').replace(/\s*,\s*/g, ','));
  flags.forEach((f, i) => {
    try {
      expandVariants([f]);
    } catch (e) {
      rowProblems[i] = e instanceof VariantError ? e.message.replace(/^--vary: /, '') : String(e);
    }
  });
  const paths = flags.map((f) => f.slice(0, f.indexOf('=')));
  paths.forEach((p, i) => {
    if (rowProblems[i] === null && paths.indexOf(p) !== i) rowProblems[i] = `"${p}" is already varied in row ${paths.indexOf(p) + 1}`;
  });
  if (rowProblems.some((p) => p !== null)) return { study: null, rowProblems, problems };

  let raw: unknown;
  try {
    raw = parseJsonWithLines(scenarioText).value;
  } catch (e) {
    problems.push(e instanceof JsonSyntaxError ? `${scenarioPath}:${e.line}: invalid JSON: ${e.detail}` : String(e));
    return { study: null, rowProblems, problems };
  }
  const variants = expandVariants(flags);
  const runs = variants.length * setup.seeds;
  if (runs > MAX_RUNS) {
    problems.push(`${variants.length} variants × ${setup.seeds} seeds = ${runs} runs; at most ${MAX_RUNS} in one study`);
    return { study: null, rowProblems, problems };
  }
  const texts = variants.map((v) => ({ text: JSON.stringify(applyVariant(raw, v)), source: `${scenarioPath} [${v.label}]` }));
  const used = new Map<string, string>();
  const run: LabFile[] = [];
  texts.forEach(({ text, source }) => {
    try {
      const sc = parseScenario(text, source);
      const name = sc.dispatch.strategy;
      if (isStrategyPath(name)) {
        const f = fileFor(name, files, used);
        if (!run.includes(f)) run.push(f);
      } else resolveStrategy(name, 'dispatch.strategy');
      resolveChargingPolicy(sc.charging.policy, 'charging.policy');
    } catch (e) {
      if (e instanceof RunOptionError) {
        const path = /^([\w.]+):/.exec(e.message)?.[1] ?? '';
        const r = rowOf(rows, path);
        if (r >= 0) rowProblems[r] ??= e.message;
        else if (!problems.includes(`${source}: ${e.message}`)) problems.push(`${source}: ${e.message}`);
        return;
      }
      if (!(e instanceof ScenarioError)) throw e;
      for (const p of e.problems) {
        const r = rowOf(rows, p.path);
        // Line numbers would point into the generated variant, not the file: paths only, as compare reports them.
        const text = p.path ? `${p.path}: ${p.message}` : p.message;
        if (r >= 0) rowProblems[r] ??= text;
        else if (!problems.includes(`${source}: ${text}`)) problems.push(`${source}: ${text}`);
      }
    }
  });
  const ok = rowProblems.every((p) => p === null) && problems.length === 0;
  // A baseline the study does not have is named, and the first variant is used: the study can still run.
  let baseline = 0;
  if (setup.baseline !== undefined) {
    baseline = variants.findIndex((v) => v.label === setup.baseline);
    if (baseline < 0) {
      problems.push(`baseline: no variant "${setup.baseline}"; expected one of ${variants.map((v) => `"${v.label}"`).join(', ')}`);
      baseline = 0;
    }
  }
  const seeds = Array.from({ length: setup.seeds }, (_, i) => setup.firstSeed + i);
  return { study: ok ? { variants, texts, seeds, baseline, files: run.map((f) => ({ label: f.label, text: f.text })) } : null, rowProblems, problems };
}

/** Every (variant, seed) job of a study, variant by variant (the order of compare's runs). */
export function studyJobs(study: Study, scenarioPath: string, baseUrl: string): LabJob[] {
  return study.texts.flatMap((t) => study.seeds.map((seed) => ({ text: t.text, source: t.source, scenarioPath, baseUrl, seed })));
}
