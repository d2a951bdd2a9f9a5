/**
 * The Lab's set-up: the shipped scenario, the strategies to compare (chips that edit the
 * `dispatch.strategy` row: the built-ins, and strategy files added with "Add strategy file…" or
 * dropped on the page, each by its file name), rows of `path = v1, v2, …` for any scenario setting
 * with what is wrong with each shown under it, the seeds, and the baseline variant.
 */
import { useRef, useState } from 'react';
import { STRATEGIES } from '../../core/dispatch/strategies.ts';
import { MAX_SEEDS, MIN_SEEDS, type LabSetup } from './labSetup.ts';
import type { StudyCheck } from './labStudy.ts';
import { isSelected, missingFiles, toggleStrategy, type LabFile } from './labFiles.ts';

interface Props {
  readonly setup: LabSetup;
  readonly scenarios: readonly { key: string; note: string }[];
  readonly check: StudyCheck;
  readonly disabled: boolean;
  readonly onChange: (s: LabSetup) => void;
  /** Whether the seed fields hold numbers the set-up can take. */
  readonly onSeedsValid: (ok: boolean) => void;
  /** Strategy files added to the Lab (loaded, or with their problem), and how many are being loaded. */
  readonly files: readonly LabFile[];
  readonly adding: number;
  readonly onAddFiles: (files: File[]) => void;
  readonly onRemoveFile: (label: string) => void;
}

export function LabSetupForm({ setup, scenarios, check, disabled, onChange, onSeedsValid, files, adding, onAddFiles, onRemoveFile }: Props) {
  const fileInput = useRef<HTMLInputElement>(null);
  const [seedsText, setSeedsText] = useState(String(setup.seeds));
  const [firstText, setFirstText] = useState(String(setup.firstSeed));
  const seedsBad = !/^\d+$/.test(seedsText.trim()) || Number(seedsText) < MIN_SEEDS || Number(seedsText) > MAX_SEEDS;
  const firstBad = !/^\d+$/.test(firstText.trim()) || Number(firstText) > 2 ** 31 - 1;
  const rows = setup.vary;
  const setRows = (next: string[]) => onChange({ ...setup, vary: next });
  const toggle = (name: string) => setRows(toggleStrategy(rows, name));
  const loaded = files.filter((f) => f.problem === null);
  const broken = files.filter((f) => f.problem !== null);
  const missing = missingFiles(rows, files);

  const seeds = (text: string, first: string) => {
    setSeedsText(text);
    setFirstText(first);
    const n = Number(text);
    const f = Number(first);
    const ok = /^\d+$/.test(text.trim()) && n >= MIN_SEEDS && n <= MAX_SEEDS && /^\d+$/.test(first.trim()) && f <= 2 ** 31 - 1;
    onSeedsValid(ok);
    if (ok) onChange({ ...setup, seeds: n, firstSeed: f });
  };

  const labels = check.study?.variants.map((v) => v.label) ?? [];
  return (
    <section className="lab-setup" data-testid="lab-setup">
      <div className="lab-line">
        <label>
          scenario{' '}
          <select value={setup.scenario} disabled={disabled} onChange={(e) => onChange({ ...setup, scenario: e.target.value, baseline: undefined })} data-testid="lab-scenario">
            {scenarios.map((s) => (
              <option key={s.key} value={s.key} title={s.note}>{s.key}</option>
            ))}
          </select>
        </label>
        <span className="sub">{scenarios.find((s) => s.key === setup.scenario)?.note}</span>
      </div>
      <div className="lab-line">
        <span>strategies</span>
        {STRATEGIES.map((s) => (
          <button key={s.name} type="button" disabled={disabled} className={`chip${isSelected(rows, s.name) ? ' on' : ''}`} title={s.description} onClick={() => toggle(s.name)} data-testid={`chip-${s.name}`}>
            {s.name}
          </button>
        ))}
        {loaded.map((f) => (
          <span key={f.label} className="chip-file">
            <button type="button" disabled={disabled} className={`chip file${isSelected(rows, f.label) ? ' on' : ''}`} title={`strategy file: ${f.name} — ${f.description}`} onClick={() => toggle(f.label)} data-testid={`chip-${f.label}`}>
              {f.label}
            </button>
            <button type="button" className="chip-x" disabled={disabled} onClick={() => onRemoveFile(f.label)} title={`remove ${f.label} from the Lab`} aria-label={`remove ${f.label}`} data-testid={`remove-${f.label}`}>
              ×
            </button>
          </span>
        ))}
        {missing.map((m) => (
          <button key={m} type="button" disabled={disabled} className="chip missing" title="this file is not open in the Lab (a file from your disk does not travel in the address): add it again" onClick={() => fileInput.current?.click()} data-testid={`chip-missing-${m}`}>
            {m} — add again
          </button>
        ))}
        <button type="button" disabled={disabled} onClick={() => fileInput.current?.click()} data-testid="lab-add-strategy">
          Add strategy file…
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".ts,.mts,.js,.mjs"
          multiple
          hidden
          disabled={disabled}
          onChange={(e) => {
            const list = [...(e.target.files ?? [])];
            e.target.value = ''; // the same file can be added again after an edit
            if (list.length) onAddFiles(list);
          }}
          data-testid="lab-strategy-file"
        />
        <span className="sub">{adding > 0 ? `loading ${adding} file${adding > 1 ? 's' : ''}…` : 'or drop .ts / .js files on the page; they stay on this page, the address keeps only their names'}</span>
      </div>
      {broken.length ? (
        <ul className="error lab-file-problems" data-testid="lab-file-problems">
          {broken.map((f) => (
            <li key={f.label}>
              {f.problem}{' '}
              <button type="button" onClick={() => onRemoveFile(f.label)} aria-label={`dismiss ${f.label}`}>
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="lab-rows">
        <span className="sub">variants: every combination of these settings (any scenario field path, as <code>npm run compare -- --vary</code>)</span>
        {rows.map((r, i) => (
          <div key={i} className="lab-row">
            <input value={r} disabled={disabled} spellCheck={false} onChange={(e) => setRows(rows.map((x, j) => (j === i ? e.target.value : x)))} placeholder="fleet.size = 6, 8, 10" aria-label={`setting ${i + 1}`} data-testid={`vary-${i}`} className={check.rowProblems[i] ? 'bad' : ''} />
            <button type="button" disabled={disabled} onClick={() => setRows(rows.filter((_, j) => j !== i))} title="remove this setting" aria-label={`remove setting ${i + 1}`}>
              ×
            </button>
            {check.rowProblems[i] ? <span className="error" data-testid={`vary-problem-${i}`}>{check.rowProblems[i]}</span> : null}
          </div>
        ))}
        <button type="button" disabled={disabled} onClick={() => setRows([...rows, ''])} data-testid="add-row">
          + setting
        </button>
      </div>
      <div className="lab-line">
        <label>
          seeds{' '}
          <input value={seedsText} disabled={disabled} onChange={(e) => seeds(e.target.value, firstText)} className={seedsBad ? 'bad' : ''} style={{ width: 52 }} data-testid="lab-seeds" />
        </label>
        <label>
          first seed <input value={firstText} disabled={disabled} onChange={(e) => seeds(seedsText, e.target.value)} className={firstBad ? 'bad' : ''} style={{ width: 64 }} data-testid="lab-first-seed" />
        </label>
        {seedsBad ? <span className="error">seeds: expected an integer from {MIN_SEEDS} to {MAX_SEEDS}</span> : null}
        {firstBad ? <span className="error">first seed: expected a non-negative integer</span> : null}
        <label>
          baseline{' '}
          <select value={check.study ? check.study.baseline : 0} disabled={disabled || labels.length < 2} onChange={(e) => onChange({ ...setup, baseline: Number(e.target.value) === 0 ? undefined : labels[Number(e.target.value)] })} data-testid="lab-baseline">
            {labels.map((l, i) => (
              <option key={i} value={i}>{l}</option>
            ))}
          </select>
        </label>
        {check.study ? <span className="sub">{check.study.variants.length} variant(s) × {check.study.seeds.length} seeds = {check.study.variants.length * check.study.seeds.length} runs</span> : null}
      </div>
      {check.problems.length ? (
        <ul className="error" data-testid="lab-problems">
          {check.problems.map((p, i) => (
            <li key={i}>{p}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
