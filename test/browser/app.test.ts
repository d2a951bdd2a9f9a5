import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, RESULTS, serveDist, watchErrors } from './harness.ts';

interface HookState {
  t: number;
  finished: boolean;
  kpis: { delivered: number; vanKm: number; pending: number } | null;
  vans: number[];
  info: { name: string; fleetSize: number } | null;
  problems: string[];
}

let server: Awaited<ReturnType<typeof serveDist>>;
let browser: Browser;
let page: Page;
let errors: string[];

const state = () => page.evaluate(() => window.__vanfleet!.state()) as Promise<HookState>;

beforeAll(async () => {
  server = await serveDist();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  errors = watchErrors(page);
  await page.goto(server.url);
  await page.waitForFunction(() => (window.__vanfleet?.state().vans.length ?? 0) > 0, undefined, { timeout: 60_000 });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the app in headless Chromium', () => {
  it('opens the default scenario, draws the city and the vans move while KPIs advance', async () => {
    const s0 = await state();
    expect(s0.info?.name).toBe('Default district');
    expect(s0.info?.fleetSize).toBe(30);
    await page.evaluate(() => window.__vanfleet!.setSpeed(3600));
    await page.waitForFunction(() => window.__vanfleet!.state().t > 9 * 3600, undefined, { timeout: 60_000 });
    await page.evaluate(() => window.__vanfleet!.setSpeed(600));
    const a = await state();
    await page.screenshot({ path: join(RESULTS, 'app-1.png') });
    await page.waitForFunction((t0) => window.__vanfleet!.state().t > t0 + 1200, a.t, { timeout: 60_000 });
    const b = await state();
    await page.screenshot({ path: join(RESULTS, 'app-2.png') });

    expect(b.t).toBeGreaterThan(a.t);
    expect(b.kpis!.vanKm).toBeGreaterThan(a.kpis!.vanKm);
    expect(b.kpis!.delivered).toBeGreaterThan(a.kpis!.delivered);
    let moved = 0;
    for (let i = 0; i < a.vans.length; i += 4) if (Math.hypot(b.vans[i] - a.vans[i], b.vans[i + 1] - a.vans[i + 1]) > 5) moved++;
    expect(moved).toBeGreaterThan(3);
    // The KPI panel shows the same figures as the simulation.
    const shown = await page.locator('[data-kpi="delivered"]').innerText();
    expect(Number(shown)).toBeGreaterThan(0);
    // Something was drawn: the canvas is not a flat colour.
    const png = await page.locator('canvas').screenshot();
    expect(png.length).toBeGreaterThan(20_000);
    expect(errors).toEqual([]);
  });

  it('shows a broken scenario\'s problems and keeps the running one going', async () => {
    const before = await state();
    await page.locator('[data-testid="scenario-file"]').setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{\n  "name": "broken",\n  "city": { "kind": "procedural" },\n  "fleet": { "size": -3 },\n  "demand": { "parcels": 10 }\n}\n'),
    });
    await page.locator('[data-testid="problems"]').waitFor({ timeout: 10_000 });
    const text = (await page.locator('[data-testid="problems"]').textContent()) ?? '';
    expect(text).toContain('broken.json:4: fleet.size: expected a positive integer, got -3');
    expect(text).toContain('the previous scenario keeps running');
    await page.waitForFunction((t0) => window.__vanfleet!.state().t > t0 + 600, before.t, { timeout: 30_000 });
    const after = await state();
    expect(after.info?.name).toBe('Default district');
    await page.screenshot({ path: join(RESULTS, 'app-problems.png') });
    await page.getByRole('button', { name: 'Dismiss' }).click();
    expect(await page.locator('[data-testid="problems"]').count()).toBe(0);
  });

  it('switches to another shipped scenario from the picker', async () => {
    await page.locator('[data-testid="scenario-select"]').selectOption('small');
    await page.waitForFunction(() => window.__vanfleet!.state().info?.name === 'Small town', undefined, { timeout: 30_000 });
    await page.waitForFunction(() => (window.__vanfleet!.state().vans.length ?? 0) === 8 * 4, undefined, { timeout: 30_000 });
    await page.waitForURL(/scenario=small/, { timeout: 10_000 }); // the address bar follows the view (debounced)
  });

  it('plans with the VRP solver in the worker and shows its progress', async () => {
    await page.goto(`${server.url}?scenario=small&strategy=vrp&speed=600`);
    await page.waitForFunction(() => window.__vanfleet?.state().info?.strategy === 'vrp', undefined, { timeout: 60_000 });
    const panel = page.locator('[data-testid="optimiser"]');
    await page.waitForFunction(() => /iterations/.test(document.querySelector('[data-testid="optimiser"]')?.textContent ?? ''), undefined, { timeout: 60_000 });
    const text = (await panel.textContent()) ?? '';
    expect(text).toMatch(/station-[AB] at \d\d:\d\d: \d+ vans?, \d+ stops, \d+ iterations/);
    expect(await panel.locator('polyline').count()).toBe(1);
    await page.screenshot({ path: join(RESULTS, 'app-optimiser.png') });
  });
});

describe('the built page\'s Content-Security-Policy', () => {
  it('forbids eval and scripts from elsewhere, while the app itself runs and the sim worker still compiles strategy files', async () => {
    const p = await browser.newPage();
    const violations: string[] = [];
    p.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/.test(m.text())) violations.push(m.text());
    });
    // The app needs nothing the policy forbids: the city, the Solver page on an instance the build inlined, the Lab.
    await p.goto(`${server.url}?page=solver&instance=x/X-n101-k25&limit=1`);
    await p.waitForSelector('[data-testid="instance-info"]', { timeout: 30_000 });
    await p.goto(`${server.url}?page=lab`);
    await p.waitForSelector('text=Lab', { timeout: 30_000 });
    await p.goto(`${server.url}?scenario=small`);
    await p.waitForFunction(() => (window.__vanfleet?.state().vans.length ?? 0) > 0, undefined, { timeout: 60_000 });
    expect(violations).toEqual([]);
    // Code the page itself runs later (not the test's own evaluation, which DevTools exempts).
    const tried = await p.evaluate(async () => {
      const refused: string[] = [];
      document.addEventListener('securitypolicyviolation', (e) => refused.push(e.effectiveDirective));
      const w = window as unknown as { __evalRan?: number };
      (setTimeout as unknown as (code: string, ms: number) => void)('window.__evalRan = 1', 0);
      const s = document.createElement('script');
      s.src = 'https://example.com/x.js';
      document.head.appendChild(s);
      await new Promise((r) => setTimeout(r, 300));
      return { evalRan: w.__evalRan === 1, refused: [...new Set(refused)].sort() };
    });
    // script-src: the string handed to setTimeout (eval); script-src-elem: the script from another host.
    expect(tried).toEqual({ evalRan: false, refused: ['script-src', 'script-src-elem'] });
    await p.close();
  });
});
