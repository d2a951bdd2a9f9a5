// The Lab with strategy files: the example file added through the file input runs against a
// built-in on the same seeds with compare's numbers and bytes; the address keeps only its name; a
// file that does not compile is named with file:line:column; a hook that throws and a refused plan
// (a file dropped on the page) stop the study with the message, the page staying up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, RESULTS, serveDist, watchErrors } from './harness.ts';

let server: Awaited<ReturnType<typeof serveDist>>;
let browser: Browser;
let page: Page;
let errors: string[];
const tmp = mkdtempSync(join(tmpdir(), 'vanfleet-lab-strategy-'));
const EXAMPLE = 'examples/strategies/deadline-first.ts';
const VARY = `dispatch.strategy=insertion,./${EXAMPLE}`;

beforeAll(async () => {
  server = await serveDist();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
  errors = watchErrors(page);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** What `npm run compare -- … --out` writes for the same study. */
function cliCompare(args: string[], cwd = '.'): string {
  const out = join(tmp, 'cli.json');
  execFileSync('npx', ['tsx', resolve('src/cli/compare.ts'), ...args, '--quiet', '--workers', '1', '--out', out], { cwd, stdio: ['ignore', 'ignore', 'inherit'] });
  return readFileSync(out, 'utf8');
}

async function downloadJson(saveAs: string): Promise<string> {
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.click('[data-testid="export-json"]')]);
  await dl.saveAs(join(RESULTS, saveAs));
  return readFileSync(join(RESULTS, saveAs), 'utf8');
}

/** Add a strategy file as a planner does with "Add strategy file…". */
async function addFile(name: string, text: string): Promise<void> {
  await page.locator('[data-testid="lab-strategy-file"]').setInputFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(text) });
}

/** Drop a file on the Lab page. */
async function dropFile(name: string, text: string): Promise<void> {
  const dt = await page.evaluateHandle(({ name, text }) => {
    const d = new DataTransfer();
    d.items.add(new File([text], name, { type: 'text/plain' }));
    return d;
  }, { name, text });
  await page.dispatchEvent('[data-testid="lab-page"]', 'dragover', { dataTransfer: dt });
  await page.dispatchEvent('[data-testid="lab-page"]', 'drop', { dataTransfer: dt });
}

const chipClass = (label: string) => page.locator(`[data-testid="chip-${label}"]`).getAttribute('class');

async function runStudy(): Promise<void> {
  await page.click('[data-testid="lab-run"]');
  await page.waitForSelector('[data-testid="lab-done"], [data-testid="lab-stopped"]', { timeout: 120_000 });
}

describe('strategy files in the Lab', () => {
  it('adds the example file as a chip, runs it against insertion × 3 seeds with the numbers and bytes compare gives', async () => {
    const cli = cliCompare(['scenarios/small.json', '--vary', VARY, '--seeds', '3']);
    const expected = JSON.parse(cli) as { variants: { label: string; metrics: Record<string, { mean: number; ci95: number }>; vsFirst: Record<string, { mean: number; ci95: number }> | null }[] };
    expect(expected.variants[1].label).toBe(`dispatch.strategy=./${EXAMPLE}`);

    await page.goto(`${server.url}?page=lab&scenario=small&vary=dispatch.strategy=insertion&seeds=3`);
    await page.waitForSelector('[data-testid="lab-setup"]', { timeout: 30_000 });
    await addFile('deadline-first.ts', readFileSync(EXAMPLE, 'utf8'));
    await page.waitForSelector('[data-testid="chip-deadline-first.ts"]', { timeout: 30_000 });
    // Added and selected: the chip is on, the strategy row names the file; the address keeps the name only.
    expect(await chipClass('deadline-first.ts')).toContain('on');
    expect(await page.inputValue('[data-testid="vary-0"]')).toBe('dispatch.strategy=insertion,deadline-first.ts');
    expect(await page.locator('[data-testid="chip-deadline-first.ts"]').getAttribute('title')).toMatch(/^strategy file: deadline-first — earliest window end first/);
    expect(page.url()).toContain('vary=dispatch.strategy=insertion,deadline-first.ts');
    // The row as compare is given it: the path ends in the file's name, so the chip stays on and the labels are compare's.
    await page.fill('[data-testid="vary-0"]', VARY);
    expect(await chipClass('deadline-first.ts')).toContain('on');
    expect(await page.locator('[data-testid="lab-baseline"] option').allInnerTexts()).toEqual(['dispatch.strategy=insertion', `dispatch.strategy=./${EXAMPLE}`]);

    await runStudy();
    await page.waitForSelector('[data-testid="lab-results"]');
    expect(await page.locator('[data-testid="lab-done"]').innerText()).toMatch(/^6 runs in \d+\.\d s on \d workers?/);
    for (const [v, ev] of expected.variants.entries()) {
      for (const key of ['vanKm', 'onTime', 'costPerParcel']) {
        const cell = page.locator(`[data-testid="mean-${v}-${key}"]`);
        expect(Number(await cell.getAttribute('data-mean'))).toBe(ev.metrics[key].mean);
        expect(Number(await cell.getAttribute('data-ci95'))).toBe(ev.metrics[key].ci95);
      }
    }
    expect(Number(await page.locator('[data-testid="diff-1-vanKm"]').getAttribute('data-mean'))).toBe(expected.variants[1].vsFirst!.vanKm.mean);
    expect(await page.locator('[data-testid="kpi-vanKm"] circle').count()).toBeGreaterThanOrEqual(6 + 1);
    expect(await page.locator('[data-testid="day-chart"] path').count()).toBe(2);
    await page.setViewportSize({ width: 1400, height: 2000 });
    await page.screenshot({ path: join(RESULTS, 'lab-strategy-file.png') });
    await page.setViewportSize({ width: 1400, height: 1000 });

    // The study JSON is compare --out's bytes; a run of the file exports its trips.
    expect(await downloadJson('lab-strategy-study.json')).toBe(cli);
    await page.selectOption('[data-testid="run-variant"]', '1');
    const [trips] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.click('[data-testid="export-trips"]')]);
    expect(trips.suggestedFilename()).toBe('small-dispatch.strategy_._examples_strategies_deadline-first.ts-seed1-trips.geojson');
    expect(errors).toEqual([]);
  });

  it('after a reload the address still names the file but not its text: the page says to add it again, and then it runs', async () => {
    await page.reload();
    await page.waitForSelector('[data-testid="lab-setup"]');
    expect(await page.inputValue('[data-testid="vary-0"]')).toBe(VARY);
    expect(await page.locator(`[data-testid="chip-missing-./${EXAMPLE}"]`).innerText()).toBe(`./${EXAMPLE} — add again`);
    expect(await page.locator('[data-testid="vary-problem-0"]').innerText()).toBe(
      `dispatch.strategy: the strategy file "./${EXAMPLE}" is not open in the Lab: add deadline-first.ts with "Add strategy file…" (a file from your disk does not travel in the address: after a reload or from a link, add it again)`,
    );
    expect(await page.isDisabled('[data-testid="lab-run"]')).toBe(true);
    await addFile('deadline-first.ts', readFileSync(EXAMPLE, 'utf8'));
    await page.waitForSelector('[data-testid="chip-deadline-first.ts"]', { timeout: 30_000 });
    expect(await page.inputValue('[data-testid="vary-0"]')).toBe(VARY); // the row keeps compare's path
    expect(await page.locator('[data-testid="vary-problem-0"]').count()).toBe(0);
    expect(await page.isEnabled('[data-testid="lab-run"]')).toBe(true);
    // The chip's own value, the bare file name: compare's bytes when compare is given the same text (run beside the file).
    await page.fill('[data-testid="vary-0"]', 'dispatch.strategy=insertion,deadline-first.ts');
    await runStudy();
    expect(await downloadJson('lab-strategy-bare.json')).toBe(cliCompare(['../../scenarios/small.json', '--vary', 'dispatch.strategy=insertion,deadline-first.ts', '--seeds', '3'], 'examples/strategies'));
    expect(errors).toEqual([]);
  });

  it('names a file that does not compile with its file, line and column; nothing of it runs', async () => {
    await addFile('typo.ts', "export default {\n  name: 'typo',\n  description: 'a missing comma'\n  planTour() { return []; },\n};\n");
    await page.waitForSelector('[data-testid="lab-file-problems"]', { timeout: 30_000 });
    expect(await page.locator('[data-testid="lab-file-problems"] li').innerText()).toContain('strategy file typo.ts:4:3: syntax error: Unexpected token, expected ","');
    expect(await page.locator('[data-testid="chip-typo.ts"]').count()).toBe(0);
    expect(await page.inputValue('[data-testid="vary-0"]')).toBe('dispatch.strategy=insertion,deadline-first.ts'); // not selected
    // Named in a row, it is that row's problem and the study cannot start.
    await page.fill('[data-testid="vary-0"]', 'dispatch.strategy=insertion,typo.ts');
    expect(await page.locator('[data-testid="vary-problem-0"]').innerText()).toBe('dispatch.strategy: strategy file typo.ts:4:3: syntax error: Unexpected token, expected ","');
    expect(await page.isDisabled('[data-testid="lab-run"]')).toBe(true);
    expect(await page.locator('[data-testid="chip-missing-typo.ts"]').count()).toBe(0); // its problem is listed, not "add again"
    await page.screenshot({ path: join(RESULTS, 'lab-strategy-broken.png') });
    await page.click('[aria-label="dismiss typo.ts"]');
    expect(await page.locator('[data-testid="lab-file-problems"]').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('a hook that throws at 10:00 stops the study with the file, line and strategy; the page stays up and runs on', async () => {
    await page.fill('[data-testid="vary-0"]', 'dispatch.strategy=insertion');
    await page.fill('[data-testid="lab-seeds"]', '2');
    await addFile('late-hook.ts', readFileSync('test/fixtures/strategies/late-hook.ts', 'utf8'));
    await page.waitForSelector('[data-testid="chip-late-hook.ts"]', { timeout: 30_000 });
    expect(await page.inputValue('[data-testid="vary-0"]')).toBe('dispatch.strategy=insertion,late-hook.ts');
    await runStudy();
    const why = await page.locator('[data-testid="lab-stopped"]').innerText();
    expect(why).toMatch(
      /^Stopped: scenarios\/small\.json \[dispatch\.strategy=late-hook\.ts\], seed [12]: the run stopped at 10:0\d:\d\d: strategy "late-hook" \(late-hook\.ts\): vanIdle threw at late-hook\.ts:12:\d+: no idea what van V01 should do after 10:00$/,
    );
    await page.screenshot({ path: join(RESULTS, 'lab-strategy-stopped.png') });
    expect(await page.isEnabled('[data-testid="lab-run"]')).toBe(true);
    expect(await page.locator('[data-testid="lab-setup"]').isVisible()).toBe(true);

    // A file dropped on the page whose plan breaks the capacity rule: refused, named by file, hook line, strategy and rule.
    await page.click('[data-testid="chip-late-hook.ts"]');
    await dropFile('overloads.ts', readFileSync('test/fixtures/strategies/overloads.ts', 'utf8'));
    await page.waitForSelector('[data-testid="chip-overloads.ts"]', { timeout: 30_000 });
    expect(await page.inputValue('[data-testid="vary-0"]')).toBe('dispatch.strategy=insertion,overloads.ts');
    await runStudy();
    expect(await page.locator('[data-testid="lab-stopped"]').innerText()).toMatch(
      /^Stopped: scenarios\/small\.json \[dispatch\.strategy=overloads\.ts\], seed [12]: the run stopped at \d\d:\d\d:\d\d: overloads\.ts:9: dispatcher "overloads": orderArrived: line-haul plan for van V01 at t=\d+ s refused: step 1 \(load\): capacity/,
    );

    // Removing the file takes it out of the row; the built-ins run on.
    await page.click('[data-testid="remove-overloads.ts"]');
    expect(await page.inputValue('[data-testid="vary-0"]')).toBe('dispatch.strategy=insertion');
    await page.click('[data-testid="chip-nearest"]');
    await runStudy();
    expect(await page.locator('[data-testid="lab-done"]').innerText()).toMatch(/^4 runs in /);
    expect(errors).toEqual([]);
  });
});
