import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, RESULTS, serveDist, watchErrors } from './harness.ts';

let server: Awaited<ReturnType<typeof serveDist>>;
let browser: Browser;
let page: Page;
let errors: string[];
const tmp = mkdtempSync(join(tmpdir(), 'vanfleet-lab-'));

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

/** What `npm run compare` writes for the same study: the Lab's JSON must be these bytes. */
function cliCompare(args: string[]): string {
  const out = join(tmp, `cli-${args.join('_').replace(/[^\w]+/g, '_')}.json`);
  execFileSync('npx', ['tsx', 'src/cli/compare.ts', ...args, '--quiet', '--workers', '1', '--out', out], { stdio: ['ignore', 'ignore', 'inherit'] });
  return readFileSync(out, 'utf8');
}

async function downloaded(testId: string, saveAs: string): Promise<{ name: string; text: string }> {
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.click(`[data-testid="${testId}"]`)]);
  const path = join(RESULTS, saveAs);
  await dl.saveAs(path);
  return { name: dl.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

const SETUP = 'page=lab&scenario=small&vary=dispatch.strategy=insertion,nearest&seeds=3';

describe('the Lab page', () => {
  it('runs two strategies × 3 seeds in workers and shows the numbers compare gives, with plots and downloads', async () => {
    const cli = cliCompare(['scenarios/small.json', '--vary', 'dispatch.strategy=insertion,nearest', '--seeds', '3']);
    const expected = JSON.parse(cli) as { variants: { label: string; metrics: Record<string, { mean: number; ci95: number }>; vsFirst: Record<string, { mean: number }> | null }[] };

    await page.goto(`${server.url}?${SETUP}`);
    await page.waitForSelector('[data-testid="lab-setup"]', { timeout: 30_000 });
    expect(await page.inputValue('[data-testid="vary-0"]')).toBe('dispatch.strategy=insertion,nearest');
    expect(await page.locator('[data-testid="chip-nearest"]').getAttribute('class')).toContain('on');
    await page.screenshot({ path: join(RESULTS, 'lab-setup.png') });

    await page.click('[data-testid="lab-run"]');
    await page.waitForSelector('[data-testid="lab-results"]', { timeout: 90_000 });
    expect(await page.locator('[data-testid="lab-done"]').innerText()).toMatch(/^6 runs in \d+\.\d s on \d workers?/);

    // Means, intervals and paired differences: the same numbers as the CLI's (bit for bit).
    for (const [v, ev] of expected.variants.entries()) {
      for (const key of ['vanKm', 'onTime', 'costPerParcel']) {
        const cell = page.locator(`[data-testid="mean-${v}-${key}"]`);
        expect(Number(await cell.getAttribute('data-mean'))).toBe(ev.metrics[key].mean);
        expect(Number(await cell.getAttribute('data-ci95'))).toBe(ev.metrics[key].ci95);
      }
    }
    expect(Number(await page.locator('[data-testid="diff-1-vanKm"]').getAttribute('data-mean'))).toBe(expected.variants[1].vsFirst!.vanKm.mean);
    expect(await page.locator('[data-testid="mean-0-vanKm"]').innerText()).toBe(`${expected.variants[0].metrics.vanKm.mean.toFixed(0)} ± ${expected.variants[0].metrics.vanKm.ci95.toFixed(0)}`);
    expect(await page.locator('[data-testid^="kpi-"] svg').count()).toBe(11);
    expect(await page.locator('[data-testid="kpi-vanKm"] circle').count()).toBeGreaterThanOrEqual(6 + 1);
    expect(await page.locator('[data-testid="day-chart"] path').count()).toBe(2);
    // The page scrolls inside its own box: a tall window shows all of it.
    await page.setViewportSize({ width: 1400, height: 2000 });
    await page.screenshot({ path: join(RESULTS, 'lab-results.png') });
    await page.setViewportSize({ width: 1400, height: 1000 });

    // Downloads: the study JSON is compare --out's bytes; the runs CSV has a row per run; one run's trips and stops.
    const json = await downloaded('export-json', 'lab-study.json');
    expect(json.name).toBe('lab-small.json');
    expect(json.text).toBe(cli);
    const csv = await downloaded('export-csv', 'lab-runs.csv');
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toMatch(/^variant,dispatch\.strategy,seed,deliveredShare,onTime,failed,vanKm,/);
    expect(lines).toHaveLength(1 + 6);
    const hourly = await downloaded('export-hourly', 'lab-hourly.csv');
    expect(hourly.text.split('\r\n')[0]).toBe('variant,hour,delivered,on_time,on_time_share,failed_attempts,vans_busy,vans_charging');
    await page.selectOption('[data-testid="day-series"]', 'onTime');
    expect(await page.locator('[data-testid="day-chart"] path').count()).toBe(2);
    await page.selectOption('[data-testid="run-variant"]', '1');
    await page.selectOption('[data-testid="run-seed"]', '2');
    const trips = await downloaded('export-trips', 'lab-trips.geojson');
    expect(trips.name).toBe('small-dispatch.strategy_nearest-seed2-trips.geojson');
    const fc = JSON.parse(trips.text) as { type: string; features: unknown[] };
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features.length).toBeGreaterThan(0);
    const stops = await downloaded('export-stops', 'lab-stops.csv');
    expect(stops.text.split('\r\n')[0]).toBe('van,tour,attempt,parcel,door,door_lon,door_lat,window_start,window_end,arrival,handover_end,outcome');
    expect(errors).toEqual([]);
  });

  it('keeps the set-up in the address: a chosen baseline survives a reload, and the differences follow it', async () => {
    await page.selectOption('[data-testid="lab-baseline"]', '1');
    const url = page.url();
    expect(url).toContain('vary=dispatch.strategy=insertion,nearest');
    expect(url).toContain('seeds=3');
    expect(url).toContain('baseline=dispatch.strategy=nearest');
    // The finished study re-reads its differences from the new baseline without running again.
    const before = Number(await page.locator('[data-testid="mean-0-vanKm"]').getAttribute('data-mean'));
    const after1 = Number(await page.locator('[data-testid="mean-1-vanKm"]').getAttribute('data-mean'));
    expect(Number(await page.locator('[data-testid="diff-0-vanKm"]').getAttribute('data-mean'))).toBeCloseTo(before - after1, 9);
    await page.goto(url);
    await page.waitForSelector('[data-testid="lab-setup"]');
    expect(await page.inputValue('[data-testid="vary-0"]')).toBe('dispatch.strategy=insertion,nearest');
    expect(await page.inputValue('[data-testid="lab-seeds"]')).toBe('3');
    expect(await page.locator('[data-testid="lab-baseline"] option:checked').innerText()).toBe('dispatch.strategy=nearest');
    expect(errors).toEqual([]);
  });

  it('names bad parameters and bad settings on the page instead of failing', async () => {
    await page.goto(`${server.url}?page=lab&scenario=atlantis&seeds=zero&vary=fleet.size=-3&vary=dispatch.strategy=insertion,zigzag&vary=nonsense&baseline=nobody`);
    await page.waitForSelector('[data-testid="lab-setup"]');
    const url = await page.locator('[data-testid="lab-url-problems"]').innerText();
    expect(url).toContain('scenario: no shipped scenario "atlantis"');
    expect(url).toContain('seeds: expected an integer from 2 to 200, got "zero"');
    expect(await page.locator('[data-testid="vary-problem-2"]').innerText()).toContain('expected path=value1,value2');
    expect(await page.isDisabled('[data-testid="lab-run"]')).toBe(true);
    await page.fill('[data-testid="vary-2"]', '');
    await page.click('[aria-label="remove setting 3"]');
    expect(await page.locator('[data-testid="vary-problem-0"]').innerText()).toMatch(/fleet\.size: .*-3/);
    expect(await page.locator('[data-testid="vary-problem-1"]').innerText()).toMatch(/dispatch\.strategy: .*"zigzag"/);
    expect(await page.locator('[data-testid="lab-url-problems"]').innerText()).toContain('atlantis'); // still shown after edits
    await page.screenshot({ path: join(RESULTS, 'lab-problems.png') });
    await page.fill('[data-testid="lab-seeds"]', '1');
    expect(await page.locator('.lab-setup .error').allInnerTexts()).toContain('seeds: expected an integer from 2 to 200');
    expect(errors).toEqual([]);
  });

  it('cancels a study under way', async () => {
    await page.goto(`${server.url}?page=lab&scenario=default&vary=dispatch.strategy=insertion,nearest&seeds=20`);
    await page.waitForSelector('[data-testid="lab-setup"]');
    await page.click('[data-testid="lab-run"]');
    await page.waitForFunction(() => /^[1-9]\d* \/ 40 runs/.test(document.querySelector('[data-testid="lab-status"]')?.textContent ?? ''), undefined, { timeout: 60_000 });
    expect(await page.locator('[data-testid="lab-status"]').innerText()).toMatch(/^\d+ \/ 40 runs · \d+ s · \d workers?$/);
    expect(Number(await page.locator('[data-testid="lab-progress"]').getAttribute('value'))).toBeGreaterThan(0);
    await page.screenshot({ path: join(RESULTS, 'lab-running.png') });
    await page.click('[data-testid="lab-cancel"]');
    expect(await page.locator('[data-testid="lab-stopped"]').innerText()).toBe('Cancelled.');
    expect(await page.isEnabled('[data-testid="lab-run"]')).toBe(true);
    expect(errors).toEqual([]);
  });
});
