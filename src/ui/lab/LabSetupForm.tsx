/**
 * The Lab's set-up: the shipped scenario, the built-in strategies to compare (chips that edit the
 * `dispatch.strategy` row), rows of `path = v1, v2, …` for any scenario setting with what is wrong
 * with each shown under it, the seeds, and the baseline variant.
 */
import { useState } from 'react';
import { STRATEGIES } from '../../core/dispatch/strategies.ts';
import { MAX_SEEDS, MIN_SEEDS, type LabSetup } from './labSetup.ts';
import type { StudyCheck } from './labStudy.ts';

interface Props {
  readonly setup: LabSetup;
  readonly scenarios: readonly { key: string; note: string }[];
  readonly check: StudyCheck;
  readonly disabled: boolean;
  readonly onChange: (s: LabSetup) => void;
  /** Whether the seed fields hold numbers the set-up can take. */
  readonly onSeedsValid: (ok: boolean) => void;
}

const STRATEGY_PATH = 'dispatch.strategy';

function strategyRow(rows: readonly string[]): { index: number; names: string[] } {
  const index = rows.findIndex((r) => r.replace(/\s/g, '').startsWith(`${STRATEGY_PATH}=`));
  const names = index < 0 ? [] : rows[index].slice(rows[index].indexOf('=') + 1).split(',').map((s) => s.trim()).filter(Boolean);
  return { index, names };
}

export function LabSetupForm({ setup, scenarios, check, disabled, onChange, onSeedsValid }: Props) {
  const [seedsText, setSeedsText] = useState(String(setup.seeds));
  const [firstText, setFirstText] = useState(String(setup.firstSeed));
  const seedsBad = !/^\d+$/.test(seedsText.trim()) || Number(seedsText) < MIN_SEEDS || Number(seedsText) > MAX_SEEDS;
  const firstBad = !/^\d+$/.test(firstText.trim()) || Number(firstText) > 2 ** 31 - 1;
  const rows = setup.vary;
  const strat = strategyRow(rows);
  const setRows = (next: string[]) => onChange({ ...setup, vary: next });

  const toggleStrategy = (name: string) => {
    const names = strat.names.includes(name) ? strat.names.filter((n) => n !== name) : [...strat.names, name];
    const row = `${STRATEGY_PATH}=${names.join(',')}`;
    if (strat.index < 0) setRows([row, ...rows]);
    else if (names.length === 0) setRows(rows.filter((_, i) => i !== strat.index));
    else setRows(rows.map((r, i) => (i === strat.index ? row : r)));
  };

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
          <button key={s.name} type="button" disabled={disabled} className={`chip${strat.names.includes(s.name) ? ' on' : ''}`} title={s.description} onClick={() => toggleStrategy(s.name)} data-testid={`chip-${s.name}`}>
            {s.name}
          </button>
        ))}
      </div>
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
