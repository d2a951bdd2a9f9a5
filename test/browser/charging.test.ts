import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, RESULTS, serveDist, watchErrors } from './harness.ts';

let server: Awaited<ReturnType<typeof serveDist>>;
let browser: Browser;
const pages: Page[] = [];

beforeAll(async () => {
  server = await serveDist();
  browser = await launchChromium();
});

afterEach(async () => {
  for (const p of pages.splice(0)) await p.close();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Open the app at a query string and wait until the city and its vans have been drawn a few times. */
async function open(query: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  pages.push(page);
  const errors = watchErrors(page);
  await page.goto(`${server.url}${query}`);
  await page.waitForFunction(() => (window.__vanfleet?.perf().frames ?? 0) > 3 && (window.__vanfleet?.perf().vans ?? 0) > 0, undefined, { timeout: 60_000 });
  return { page, errors };
}

const chartAt = (page: Page, t: number) =>
  page.waitForFunction((want) => document.querySelector('[data-testid="charger-chart"]')?.getAttribute('data-t') === String(want), t, { timeout: 15_000 });

describe('charging in the app', () => {
  it('opens the default scenario with no console errors', async () => {
    const { page, errors } = await open('?scenario=default');
    await page.waitForFunction(() => window.__vanfleet!.state().t > 6 * 3600 + 120, undefined, { timeout: 30_000 });
    expect(errors).toEqual([]);
  });

  it('runs the policy the URL names, shows a station’s vans, power against its limit and the tariff, follows scrubbing, and switches policy', async () => {
    const { page, errors } = await open('?scenario=default&charging=scheduled&t=12:00&paused=1&ov=states,chargers');
    const picker = page.locator('[data-testid="charging-select"]');
    expect(await picker.inputValue()).toBe('scheduled');
    expect(await page.evaluate(() => window.__vanfleet!.state().info!.charging)).toBe('scheduled');
    // The page is cross-origin isolated, so the fleet scheduler runs in a worker of its own.
    expect(await page.evaluate(() => window.__vanfleet!.state().info!.scheduler)).toBe('worker');
    await page.locator('[data-testid="label-station-A"]').click();
    await page.locator('[data-testid="facility-panel"]').waitFor({ timeout: 10_000 });
    await chartAt(page, 12 * 3600);
    const chart = page.locator('[data-testid="charger-chart"]');
    expect(await chart.locator('[data-testid="limit-line"]').count()).toBe(1);
    expect(await chart.locator('[data-testid="draw-line"]').getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+(H[\d.]+V[\d.]+)+$/);
    expect(await chart.locator('rect[data-price]').count()).toBeGreaterThanOrEqual(3);
    expect(await page.locator('[data-testid="charger-grid"]').textContent()).toMatch(/now [\d.]+ kW · limit 120 kW · peak [\d.]+ kW/);
    expect(await page.locator('[data-testid="charger-energy"]').textContent()).toMatch(/[\d.]+ kWh · cost [\d.]+/);
    const noon = Number(await chart.getAttribute('data-points'));
    await page.screenshot({ path: join(RESULTS, 'charging-station.png') });
    await page.locator('[data-testid="facility-panel"]').screenshot({ path: join(RESULTS, 'charging-panel.png') });

    // The warehouse, the fleet's main charging site, and its vans' states of charge.
    await page.evaluate(() => window.__vanfleet!.selectFacility(0)); // its label is under the panel
    await page.waitForFunction(() => /limit 240 kW/.test(document.querySelector('[data-testid="charger-chart"]')?.textContent ?? ''), undefined, { timeout: 15_000 });
    await page.locator('[data-testid="facility-panel"]').screenshot({ path: join(RESULTS, 'charging-warehouse.png') });

    // The charger overlay labels count ports in use.
    expect(await page.locator('[data-testid="label-station-A"]').textContent()).toMatch(/\d+\/4 charging/);

    // Scrubbing back shows the log up to that moment only.
    await page.locator('[data-testid="label-station-A"]').click();
    await page.waitForFunction(() => /limit 120 kW/.test(document.querySelector('[data-testid="charger-chart"]')?.textContent ?? ''), undefined, { timeout: 15_000 });
    await chartAt(page, 12 * 3600);
    expect(Number(await chart.getAttribute('data-points'))).toBe(noon);
    await page.evaluate(() => window.__vanfleet!.seek(8 * 3600));
    await chartAt(page, 8 * 3600);
    expect(Number(await chart.getAttribute('data-points'))).toBeLessThanOrEqual(noon);

    // The KPI panel has the charging figures.
    expect(await page.locator('[data-kpi="electricityCost"]').textContent()).toMatch(/^\d+\.\d\d$/);
    expect(await page.locator('[data-kpi="chargerWaitMeanS"]').textContent()).toMatch(/min$/);
    expect(await page.locator('[data-kpi="peakSiteKW"]').textContent()).toMatch(/kW$/);

    // Switching the policy re-runs the scenario with it, and the address bar says so.
    await picker.selectOption('threshold');
    await page.waitForFunction(() => window.__vanfleet!.state().info?.charging === 'threshold', undefined, { timeout: 30_000 });
    await page.waitForURL(/charging=threshold/, { timeout: 10_000 });
    expect(errors).toEqual([]);
  });

  it('shows a busy site of the charging-tight scenario: vans charging with their state of charge, the queue, the draw held under the limit', async () => {
    const { page, errors } = await open('?scenario=charging-tight&charging=scheduled&t=15:00&paused=1&ov=states,chargers');
    await page.locator('[data-testid="label-station-C"]').click();
    await chartAt(page, 15 * 3600);
    const chart = page.locator('[data-testid="charger-chart"]');
    expect(Number(await chart.getAttribute('data-points'))).toBeGreaterThan(10);
    expect(await page.locator('[data-testid="charger-energy"]').textContent()).toMatch(/^[1-9][\d.]* kWh/);
    await page.screenshot({ path: join(RESULTS, 'charging-tight.png') });
    await page.locator('[data-testid="facility-panel"]').screenshot({ path: join(RESULTS, 'charging-tight-panel.png') });
    expect(errors).toEqual([]);
  });
});
