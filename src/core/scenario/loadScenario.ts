import { JsonSyntaxError, parseJsonWithLines } from './jsonWithLines.ts';
import { scenarioSchema, type Scenario } from './scenarioSchema.ts';
import type { Issue } from './schema.ts';

export interface Problem extends Issue {
  /** Line in the file where the offending value starts, when known. */
  readonly line?: number;
}

/** A scenario that cannot be run, with every problem found and where it is. */
export class ScenarioError extends Error {
  constructor(
    readonly source: string,
    readonly problems: readonly Problem[],
  ) {
    super(problems.map((p) => formatProblem(source, p)).join('\n'));
  }
}

/** `file:line: path: message`, the form editors and terminals make clickable. */
export function formatProblem(source: string, p: Problem): string {
  const where = p.line !== undefined ? `${source}:${p.line}` : source;
  return p.path ? `${where}: ${p.path}: ${p.message}` : `${where}: ${p.message}`;
}

/** Parse and validate scenario JSON text. Throws ScenarioError naming every problem. */
export function parseScenario(text: string, source: string): Scenario {
  let parsed;
  try {
    parsed = parseJsonWithLines(text);
  } catch (e) {
    if (e instanceof JsonSyntaxError) throw new ScenarioError(source, [{ path: '', line: e.line, message: `column ${e.column}: invalid JSON: ${e.detail}` }]);
    throw e;
  }
  const issues: Issue[] = [];
  const scenario = scenarioSchema.parse(parsed.value, '', issues);
  if (!scenario || issues.length > 0) {
    throw new ScenarioError(source, issues.map((i) => ({ ...i, line: lineOf(parsed.lines, i.path) })));
  }
  return scenario;
}

/** Line of the value at path, or of its nearest ancestor present in the file (for missing fields). */
export function lineOf(lines: ReadonlyMap<string, number>, path: string): number | undefined {
  for (let p = path; ; ) {
    const l = lines.get(p);
    if (l !== undefined) return l;
    if (p === '') return undefined;
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    p = cut < 0 ? '' : p.slice(0, cut);
  }
}
