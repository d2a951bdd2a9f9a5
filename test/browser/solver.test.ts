import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, RESULTS, serveDist, watchErrors } from './harness.ts';

let server: Awaited<ReturnType<typeof serveDist>>;
let browser: Browser;
let page: Page;
let errors: string[];

beforeAll(async () => {
  server = await serveDist();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  errors = watchErrors(page);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Distinct colours in a canvas: a blank one has one (white). */
const colours = (testId: string) =>
  page.evaluate((id) => {
    const c = document.querySelector(`[data-testid="${id}"]`) as HTMLCanvasElement;
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    const seen = new Set<number>();
    for (let i = 0; i < d.length; i += 16) seen.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
    return seen.size;
  }, testId);

describe('the Solver page', () => {
  it('opens a shipped instance, draws its routes as the search improves them, with the gap and the operators', async () => {
    await page.goto(`${server.url}?page=solver&instance=solomon/C101&limit=3`);
    await page.waitForSelector('[data-testid="instance-info"]', { timeout: 30_000 });
    expect(await page.locator('[data-testid="instance-info"]').innerText()).toMatch(/C101: 100 customers, distance objective, best-known .*827\.30/);
    await page.click('[data-testid="run"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="lane-A"] h3')?.textContent?.includes('done'), undefined, { timeout: 60_000 });
    const figures = await page.locator('[data-testid="figures-A"]').innerText();
    expect(figures).toMatch(/distance \d+\.\d\d, 10 routes, gap -?\d+\.\d\d % to the best-known 827\.30/);
    const gap = Number(/gap (-?\d+\.\d\d) %/.exec(figures)![1]);
    expect(gap).toBeGreaterThanOrEqual(-0.01);
    expect(gap).toBeLessThan(5);
    expect(await colours('routes-A')).toBeGreaterThan(5);
    const rows = await page.locator('[data-testid="operators-A"] tbody tr').allInnerTexts();
    expect(rows.some((r) => r.startsWith('relocate'))).toBe(true);
    expect(await page.locator('[data-testid="cost-curve"] polyline').count()).toBe(1);
    await page.screenshot({ path: join(RESULTS, 'solver-1.png') });
  });

  it('races two parameter settings side by side in two workers, and names bad parameters', async () => {
    await page.goto(`${server.url}?page=solver&instance=x/X-n101-k25&limit=3&race=1`);
    await page.waitForSelector('[data-testid="instance-info"]', { timeout: 30_000 });
    await page.fill('[data-testid="params-b"]', '{"mu": oops}');
    await page.click('[data-testid="run"]');
    expect(await page.locator('[data-testid="solver-problem"]').innerText()).toContain('B parameters: not valid JSON');
    await page.fill('[data-testid="params-b"]', '{"mu": 12, "lambda": 20}');
    await page.click('[data-testid="run"]');
    await page.waitForFunction(() => ['A', 'B'].every((l) => document.querySelector(`[data-testid="lane-${l}"] h3`)?.textContent?.includes('done')), undefined, { timeout: 60_000 });
    for (const l of ['A', 'B']) {
      expect(await page.locator(`[data-testid="figures-${l}"]`).innerText()).toMatch(/distance \d+\.00, \d+ routes, gap \d+\.\d\d % to the best-known 27591\.00 · \d+ generations/);
      expect(await colours(`routes-${l}`)).toBeGreaterThan(5);
    }
    await page.screenshot({ path: join(RESULTS, 'solver-race.png') });
    expect(errors).toEqual([]);
  });
});
