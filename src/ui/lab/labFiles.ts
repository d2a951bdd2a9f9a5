/**
 * Strategy files in the Lab: files the planner added (file input or drop), each known by its label,
 * the file's name (`deadline-first.ts`). A variant names one in its dispatch.strategy by that name or
 * by any path ending in it (`./examples/strategies/deadline-first.ts`, the text compare is given), so
 * a row copied from a compare command runs the added file and keeps compare's labels. The file's
 * text stays on this page: the address carries only the name, and after a reload or from a link the
 * file must be added again (the row says so).
 */
import { isStrategyPath } from '../../core/scenario/buildRun.ts';
import { strategyFileLabel } from '../../../workers/strategySource.ts';

export interface LabFile {
  /** The file's name as runs know it (strategyFileLabel of the name it was opened under). */
  readonly label: string;
  readonly text: string;
  /** What the lab worker said when it loaded the file: null if it loaded, else the problem (file:line). */
  readonly problem: string | null;
  /** The strategy's own name and description, when it loaded. */
  readonly name?: string;
  readonly description?: string;
}

export const STRATEGY_PATH = 'dispatch.strategy';

/** Does a dispatch.strategy value name this file (its name, or a path ending in it)? */
export function namesFile(value: string, label: string): boolean {
  return isStrategyPath(value) && strategyFileLabel(value) === label;
}

/** The dispatch.strategy row (index, or -1) and its values. */
export function strategyRow(rows: readonly string[]): { index: number; names: string[] } {
  const index = rows.findIndex((r) => r.replace(/\s/g, '').startsWith(`${STRATEGY_PATH}=`));
  const names = index < 0 ? [] : rows[index].slice(rows[index].indexOf('=') + 1).split(',').map((s) => s.trim()).filter(Boolean);
  return { index, names };
}

/** Is a built-in name or a file label among the strategy row's values? */
export function isSelected(rows: readonly string[], name: string): boolean {
  return strategyRow(rows).names.some((n) => n === name || namesFile(n, name));
}

function withNames(rows: readonly string[], index: number, names: readonly string[]): string[] {
  const row = `${STRATEGY_PATH}=${names.join(',')}`;
  if (index < 0) return names.length ? [row, ...rows] : [...rows];
  if (names.length === 0) return rows.filter((_, i) => i !== index);
  return rows.map((r, i) => (i === index ? row : r));
}

/** Toggle a built-in strategy or an added file in the strategy row (a file by every value that names it). */
export function toggleStrategy(rows: readonly string[], name: string): string[] {
  const { index, names } = strategyRow(rows);
  const on = names.some((n) => n === name || namesFile(n, name));
  return withNames(rows, index, on ? names.filter((n) => n !== name && !namesFile(n, name)) : [...names, name]);
}

/** Select a file that was just added, unless the row already names it. */
export function selectFile(rows: readonly string[], label: string): string[] {
  return isSelected(rows, label) ? [...rows] : toggleStrategy(rows, label);
}

/** The strategy row's file values that no added file answers to (a reload, a link, a file not added yet); a file that did not load is listed with its problem instead. */
export function missingFiles(rows: readonly string[], files: readonly LabFile[]): string[] {
  return strategyRow(rows).names.filter((n) => isStrategyPath(n) && !files.some((f) => namesFile(n, f.label)));
}

/** The list with `file` in it: it replaces a file of the same name (a file added again is read again). */
export function withFile(files: readonly LabFile[], file: LabFile): LabFile[] {
  const i = files.findIndex((f) => f.label === file.label);
  return i < 0 ? [...files, file] : files.map((f, j) => (j === i ? file : f));
}
