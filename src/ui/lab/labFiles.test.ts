import { describe, expect, it } from 'vitest';
import { isSelected, missingFiles, namesFile, selectFile, strategyRow, toggleStrategy, withFile, type LabFile } from './labFiles.ts';

const file = (label: string, problem: string | null = null): LabFile => ({ label, text: `// ${label}`, problem });

describe('strategy files in the Lab set-up', () => {
  it('a file answers to its name and to any path ending in it, a built-in to its name only', () => {
    expect(namesFile('deadline-first.ts', 'deadline-first.ts')).toBe(true);
    expect(namesFile('./examples/strategies/deadline-first.ts', 'deadline-first.ts')).toBe(true);
    expect(namesFile('C:\\plans\\deadline-first.ts', 'deadline-first.ts')).toBe(true);
    expect(namesFile('./examples/strategies/deadline-first.js', 'deadline-first.ts')).toBe(false);
    expect(namesFile('insertion', 'insertion')).toBe(false);
    const rows = ['dispatch.strategy = insertion, ./examples/strategies/deadline-first.ts', 'fleet.size=6,8'];
    expect(strategyRow(rows)).toEqual({ index: 0, names: ['insertion', './examples/strategies/deadline-first.ts'] });
    expect(isSelected(rows, 'deadline-first.ts')).toBe(true);
    expect(isSelected(rows, 'insertion')).toBe(true);
    expect(isSelected(rows, 'nearest')).toBe(false);
  });

  it('toggles a file chip like a built-in: on adds its name, off removes every value that names it', () => {
    expect(toggleStrategy(['dispatch.strategy=insertion'], 'deadline-first.ts')).toEqual(['dispatch.strategy=insertion,deadline-first.ts']);
    expect(toggleStrategy(['dispatch.strategy=insertion,./x/deadline-first.ts', 'fleet.size=6'], 'deadline-first.ts')).toEqual(['dispatch.strategy=insertion', 'fleet.size=6']);
    expect(toggleStrategy(['fleet.size=6'], 'mine.ts')).toEqual(['dispatch.strategy=mine.ts', 'fleet.size=6']);
    expect(toggleStrategy(['dispatch.strategy=mine.ts', 'fleet.size=6'], 'mine.ts')).toEqual(['fleet.size=6']);
    // A file just added is selected once: a row naming it by a path keeps that path (compare's label).
    expect(selectFile(['dispatch.strategy=insertion'], 'mine.ts')).toEqual(['dispatch.strategy=insertion,mine.ts']);
    expect(selectFile(['dispatch.strategy=insertion,./plans/mine.ts'], 'mine.ts')).toEqual(['dispatch.strategy=insertion,./plans/mine.ts']);
  });

  it('lists the row files no added file answers to (after a reload; one that did not load has its problem listed instead), and a file added again replaces the earlier one', () => {
    const rows = ['dispatch.strategy=insertion,./a/one.ts,two.ts,three.ts'];
    expect(missingFiles(rows, [file('one.ts'), file('two.ts', 'strategy file two.ts:3:1: syntax error: …')])).toEqual(['three.ts']);
    const files = withFile([file('one.ts'), file('two.ts')], { label: 'one.ts', text: 'again', problem: null });
    expect(files.map((f) => [f.label, f.text])).toEqual([['one.ts', 'again'], ['two.ts', '// two.ts']]);
  });
});
