import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, RESULTS, serveDist, watchErrors } from './harness.ts';

interface HookState {
  t: number;
  kpis: { delivered: number; vanKm: number } | null;
  vans: number[];
  info: { name: string; strategy: string; seed: number; runId: number } | null;
  problems: string[];
}

let server: Awaited<ReturnType<typeof serveDist>>;
let browser: Browser;
let page: Page;
let errors: string[];

const state = () => page.evaluate(() => window.__vanfleet!.state()) as Promise<HookState>;

/** Open a strategy file through the app's file input, as a user choosing "Open scenario, map or strategy…". */
async function openFile(name: string, text: string): Promise<void> {
  await page.locator('[data-testid="scenario-file"]').setInputFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(text) });
}

const selectedStrategy = () => page.locator('[data-testid="strategy-select"] option:checked').innerText();

beforeAll(async () => {
  server = await serveDist();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  errors = watchErrors(page);
  await page.goto(`${server.url}?scenario=small&strategy=nearest&speed=600`);
  await page.waitForFunction(() => (window.__vanfleet?.state().vans.length ?? 0) === 8 * 4, undefined, { timeout: 60_000 });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a strategy file opened in the app', () => {
  it('runs the example file on the scenario on screen (same city and seed); the picker and the run info name it', async () => {
    const before = await state();
    expect(before.info?.strategy).toBe('nearest');
    await openFile('deadline-first.ts', readFileSync('examples/strategies/deadline-first.ts', 'utf8'));
    await page.waitForFunction(() => window.__vanfleet!.state().info?.strategy === 'deadline-first.ts', undefined, { timeout: 30_000 });
    const s0 = await state();
    expect(s0.info?.name).toBe('Small town');
    expect(s0.info?.seed).toBe(before.info?.seed);
    expect(s0.info!.runId).toBeGreaterThan(before.info!.runId);
    expect(await selectedStrategy()).toBe('deadline-first (deadline-first.ts)');
    const note = await page.locator('[data-testid="run-info"]').innerText();
    expect(note).toContain('strategy deadline-first (deadline-first.ts)');
    expect(note).toContain('a reload or shared link runs the scenario');

    // The vans move and deliver under the file's strategy.
    await page.evaluate(() => window.__vanfleet!.setSpeed(3600));
    await page.waitForFunction(() => window.__vanfleet!.state().t > 9 * 3600, undefined, { timeout: 60_000 });
    await page.evaluate(() => window.__vanfleet!.setSpeed(600));
    const a = await state();
    await page.waitForFunction((t0) => window.__vanfleet!.state().t > t0 + 1200, a.t, { timeout: 60_000 });
    const b = await state();
    expect(b.kpis!.delivered).toBeGreaterThan(a.kpis!.delivered);
    let moved = 0;
    for (let i = 0; i < a.vans.length; i += 4) if (Math.hypot(b.vans[i] - a.vans[i], b.vans[i + 1] - a.vans[i + 1]) > 5) moved++;
    expect(moved).toBeGreaterThan(1);
    await page.screenshot({ path: join(RESULTS, 'strategy-file-run.png') });
    // A local file cannot travel in a link: the address drops the strategy (a reload runs the scenario's own).
    const query = await page.evaluate(() => window.__vanfleet!.query());
    expect(query).toContain('scenario=small');
    expect(query).not.toContain('strategy=');
    expect(b.problems).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('a file that does not compile is named with its line and column, and the running strategy keeps going', async () => {
    const before = await state();
    await openFile('typo.ts', "export default {\n  name: 'typo',\n  description: 'a missing comma'\n  planTour() { return []; },\n};\n");
    await page.locator('[data-testid="problems"]').waitFor({ timeout: 30_000 });
    const text = (await page.locator('[data-testid="problems"]').textContent()) ?? '';
    expect(text).toContain('Could not run the strategy file typo.ts — the previous run keeps going');
    expect(text).toContain('strategy file typo.ts:4:3: syntax error: Unexpected token, expected ","');
    await page.waitForFunction((t0) => window.__vanfleet!.state().t > t0 + 600, before.t, { timeout: 30_000 });
    const after = await state();
    expect(after.info?.runId).toBe(before.info?.runId);
    expect(after.info?.strategy).toBe('deadline-first.ts');
    await page.getByRole('button', { name: 'Dismiss' }).click();
  });

  it('a hook that throws stops the run at that moment with its file and line, the view intact and the page working', async () => {
    await openFile('late-hook.ts', readFileSync('test/fixtures/strategies/late-hook.ts', 'utf8'));
    await page.waitForFunction(() => window.__vanfleet!.state().info?.strategy === 'late-hook.ts', undefined, { timeout: 30_000 });
    await page.evaluate(() => window.__vanfleet!.setSpeed(3600));
    const panel = page.locator('[data-testid="problems"]');
    await panel.waitFor({ timeout: 60_000 });
    const text = (await panel.textContent()) ?? '';
    expect(text).toMatch(/The run stopped at 10:0\d:\d\d; the view holds at (09:59|10:0\d):\d\d, the last moment recorded/);
    expect(text).toMatch(/strategy "late-hook" \(late-hook\.ts\): vanIdle threw at late-hook\.ts:12:\d+: no idea what van V01 should do after 10:00/);
    // The view plays up to the failure and holds there; vans are still drawn.
    await page.waitForFunction(() => window.__vanfleet!.state().t >= 10 * 3600 - 60, undefined, { timeout: 60_000 });
    await page.waitForTimeout(1500);
    const held = await state();
    expect(held.t).toBeLessThanOrEqual(10 * 3600 + 60);
    expect(held.vans.length).toBe(8 * 4);
    expect(await page.locator('[data-testid="kpis"] .done').innerText()).toBe('run stopped');
    expect(await selectedStrategy()).toBe('late-hook (late-hook.ts)');
    await page.screenshot({ path: join(RESULTS, 'strategy-file.png') });

    // The page still works: a built-in strategy runs past 10:00, and the message goes.
    await page.locator('[data-testid="strategy-select"]').selectOption('insertion');
    await page.waitForFunction(() => window.__vanfleet!.state().info?.strategy === 'insertion', undefined, { timeout: 30_000 });
    await page.evaluate(() => window.__vanfleet!.seek(10.5 * 3600));
    await page.waitForFunction(() => window.__vanfleet!.state().t > 10.5 * 3600 + 300, undefined, { timeout: 60_000 });
    expect(await panel.count()).toBe(0);
    // Both files stay in the picker for this page.
    const options = await page.locator('[data-testid="strategy-select"] option').allInnerTexts();
    expect(options).toEqual(expect.arrayContaining(['insertion', 'deadline-first (deadline-first.ts)', 'late-hook (late-hook.ts)']));
    expect(errors).toEqual([]);
  });
});
