import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, RESULTS, serveDist, watchErrors } from './harness.ts';
import { pixelDifference } from './imageDiff.ts';

interface Perf {
  frames: number;
  vans: number;
  t: number;
}

let server: Awaited<ReturnType<typeof serveDist>>;
let browser: Browser;
/** Pages a test opened: closed after it, pass or fail, so a failure cannot starve the next test of CPU. */
const pages: Page[] = [];

async function newPage(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  pages.push(page);
  return page;
}

/** Open the app at a query string and wait until the city and its vans have been drawn a few times. */
async function open(query: string): Promise<{ page: Page; errors: string[] }> {
  const page = await newPage();
  const errors = watchErrors(page);
  await page.goto(`${server.url}${query}`);
  await page.waitForFunction(() => (window.__vanfleet?.perf().frames ?? 0) > 3 && (window.__vanfleet?.perf().vans ?? 0) > 0, undefined, { timeout: 60_000 });
  return { page, errors };
}

const perf = (page: Page) => page.evaluate(() => window.__vanfleet!.perf()) as Promise<Perf>;
const vans = (page: Page) => page.evaluate(() => window.__vanfleet!.state().vans);

/** Wait for `n` more frames to be drawn (the picture has caught up with the last change). */
async function frames(page: Page, n: number): Promise<void> {
  const f0 = (await perf(page)).frames;
  await page.waitForFunction((f) => window.__vanfleet!.perf().frames >= f, f0 + n, { timeout: 30_000 });
}

/** A van drawn well inside the canvas, away from the side panels, and its position in page pixels. */
async function vanInView(page: Page): Promise<{ v: number; x: number; y: number }> {
  const found = await page.evaluate(() => {
    const n = window.__vanfleet!.state().info!.fleetSize;
    for (let v = 0; v < n; v++) {
      const p = window.__vanfleet!.vanOnScreen(v);
      if (p && p.x > 380 && p.x < 940 && p.y > 120 && p.y < 640) return { v, ...p };
    }
    return null;
  });
  if (!found) throw new Error('no van in view');
  return found;
}

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

// A close view over the middle of the default district at 10:30, paused: vans on tours everywhere.
const CLOSE = 't=10:30:00&paused=1&cam=1500,700,-600,1500,-1300';

describe('the 3D view', () => {
  it('opens a van\'s panel on click: battery, load, the decision and its stops, and follows it', async () => {
    const { page, errors } = await open(`?${CLOSE}`);
    await frames(page, 3);
    const van = await vanInView(page);
    await page.mouse.click(van.x, van.y);
    const panel = page.locator('[data-testid="van-panel"]');
    await panel.waitFor({ timeout: 10_000 });
    const id = (await page.evaluate(() => window.__vanfleet!.state().info!.vanIds))[van.v];
    expect(await panel.textContent()).toContain(`Van ${id}`);
    expect(await page.locator('[data-testid="van-battery"]').textContent()).toMatch(/\d+ % · [\d.]+ kWh · ≈\d+ km range/);
    expect(await page.locator('[data-testid="van-load"]').textContent()).toMatch(/\d+ \/ 1000 kg · [\d.]+ \/ 24 m³/);
    expect(await page.locator('[data-testid="van-decision"]').textContent()).toMatch(/tour|line-haul|charge|reposition|idle-charge/);
    await page.waitForFunction((vid) => location.search.includes(`sel=${vid}`), id, { timeout: 5_000 });
    await page.locator('[data-testid="follow"]').check();
    await frames(page, 3);
    await page.screenshot({ path: join(RESULTS, 'view-van-panel.png') });
    expect(errors).toEqual([]);
  });

  it('scrubs: the timeline jumps to another moment, backwards too, and the vans jump with it', async () => {
    const { page, errors } = await open('?t=09:00:00&paused=1');
    await frames(page, 2);
    // A depot first: click its label; the panel names its chargers, queue and stock.
    await page.locator('[data-testid="label-station-A"]').click();
    await page.locator('[data-testid="facility-panel"]').waitFor({ timeout: 10_000 });
    expect(await page.locator('[data-testid="facility-stock"]').textContent()).toMatch(/\d+ parcels/);
    expect(await page.locator('[data-testid="facility-chargers"]').textContent()).toMatch(/\d+ of \d+ × \d+ kW in use/);
    expect(await page.locator('[data-testid="facility-queue"]').count()).toBe(1);
    const before = await vans(page);
    const slider = page.locator('[data-testid="timeline-slider"]');
    const box = (await slider.boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.55, box.y + box.height / 2);
    await page.waitForFunction(() => window.__vanfleet!.perf().t > 12 * 3600, undefined, { timeout: 10_000 });
    await frames(page, 2);
    const after = await vans(page);
    let jumped = 0;
    for (let i = 0; i < before.length; i += 4) if (Math.hypot(after[i] - before[i], after[i + 1] - before[i + 1]) > 100) jumped++;
    expect(jumped).toBeGreaterThan(10);
    // And back: the same moment gives the same picture (a lookup in the recorded run, not a re-run).
    await page.evaluate(() => window.__vanfleet!.seek(9 * 3600));
    await page.waitForFunction(() => window.__vanfleet!.perf().t === 9 * 3600, undefined, { timeout: 10_000 });
    await frames(page, 2);
    expect(await vans(page)).toEqual(before);
    expect(errors).toEqual([]);
  });

  it('reopens the same view from the URL: moment, camera, selection, overlays', async () => {
    const a = await open(`?${CLOSE}&ov=states,late,chargers`);
    await frames(a.page, 2);
    await a.page.evaluate(() => window.__vanfleet!.seek(11 * 3600 + 15 * 60 + 30));
    await a.page.evaluate(() => window.__vanfleet!.select(3));
    await a.page.locator('[data-testid="van-panel"]').waitFor({ timeout: 10_000 });
    await a.page.waitForFunction(() => location.search.includes('t=11:15:30') && location.search.includes('sel='), undefined, { timeout: 10_000 });
    await a.page.locator('[data-testid="kpi-chart"][data-complete="true"]').waitFor({ timeout: 20_000 });
    const url = a.page.url();
    expect(url).toContain('cam=1500,700,-600,1500,-1300');
    await frames(a.page, 3);
    const shotA = await a.page.screenshot({ path: join(RESULTS, 'view-url-a.png') });
    const b = await open(url.slice(server.url.length));
    await b.page.locator('[data-testid="van-panel"]').waitFor({ timeout: 10_000 });
    await b.page.waitForFunction(() => window.__vanfleet!.perf().t === 11 * 3600 + 15 * 60 + 30, undefined, { timeout: 10_000 });
    await b.page.locator('[data-testid="kpi-chart"][data-complete="true"]').waitFor({ timeout: 20_000 });
    await frames(b.page, 3);
    const shotB = await b.page.screenshot({ path: join(RESULTS, 'view-from-url.png') });
    const diff = await pixelDifference(b.page, shotA, shotB);
    // Same moment and camera: only antialiasing and text rendering may differ.
    expect(diff).toBeLessThan(0.02);
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
  });

  it('opens a real city: picking Lower Manhattan fetches its OpenStreetMap extract and draws it', async () => {
    const { page, errors } = await open('?t=10:00&paused=1');
    await page.locator('[data-testid="scenario-select"]').selectOption('manhattan');
    await page.waitForFunction(() => window.__vanfleet!.state().info?.name === 'Lower Manhattan' && window.__vanfleet!.perf().buildings > 1000, undefined, { timeout: 60_000 });
    await frames(page, 3);
    expect(await page.locator('.attribution').textContent()).toContain('OpenStreetMap');
    await page.screenshot({ path: join(RESULTS, 'view-manhattan.png') });
    expect(errors).toEqual([]);
  });

  it('runs the kiosk demo: plays by itself, the camera tours, captions explain, and the day loops', async () => {
    const { page, errors } = await open('?demo=1&t=09:30');
    const caption = page.locator('[data-testid="caption"]');
    await caption.waitFor({ timeout: 10_000 });
    await page.waitForFunction(() => /\d\d:\d\d · (V\d+|.+) /.test(document.querySelector('[data-testid="caption"]')?.textContent ?? ''), undefined, { timeout: 15_000 });
    const cam0 = await page.evaluate(() => window.__vanfleet!.query());
    const t0 = (await perf(page)).t;
    await page.waitForTimeout(2500);
    expect((await perf(page)).t).toBeGreaterThan(t0 + 60);
    expect(await page.evaluate(() => window.__vanfleet!.query())).not.toBe(cam0);
    await page.screenshot({ path: join(RESULTS, 'view-demo.png') });
    // At the end of the day the kiosk loop starts it again.
    const end = await page.evaluate(() => window.__vanfleet!.state().info!.dayEndS);
    await page.evaluate((t) => window.__vanfleet!.seek(t), end + 4 * 3600);
    await page.waitForFunction(() => window.__vanfleet!.perf().t < 8 * 3600, undefined, { timeout: 20_000 });
    expect(errors).toEqual([]);
  });
});

describe('without WebGL', () => {
  it('says so, and the KPIs and the chart still run', async () => {
    const page = await newPage();
    const errors = watchErrors(page);
    await page.addInitScript(() => {
      const get = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, type: string, ...rest: unknown[]) {
        return /webgl/i.test(type) ? null : (get as (...a: unknown[]) => unknown).call(this, type, ...rest);
      } as typeof get;
    });
    await page.goto(`${server.url}?speed=3600`);
    await page.locator('[data-testid="no-webgl"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('canvas').count()).toBe(0);
    const delivered = () => page.locator('[data-kpi="delivered"]').innerText().then(Number);
    await page.waitForFunction(() => Number(document.querySelector('[data-kpi="delivered"]')?.textContent ?? 0) > 50, undefined, { timeout: 60_000 });
    const d0 = await delivered();
    await page.waitForTimeout(1500);
    expect(await delivered()).toBeGreaterThan(d0);
    await page.locator('[data-testid="kpi-chart"] svg path').first().waitFor({ timeout: 10_000 });
    await page.screenshot({ path: join(RESULTS, 'view-no-webgl.png') });
    expect(errors).toEqual([]);
  });

  it('survives a lost WebGL context: a message, live KPIs, and the view comes back on request', async () => {
    const { page, errors } = await open('?speed=1800');
    await page.evaluate(() => {
      const gl = document.querySelector('canvas')!.getContext('webgl2');
      gl?.getExtension('WEBGL_lose_context')?.loseContext();
    });
    await page.locator('[data-testid="view-error"]').waitFor({ timeout: 10_000 });
    const t0 = (await perf(page)).t;
    await page.waitForFunction((t) => window.__vanfleet!.perf().t > t + 600, t0, { timeout: 20_000 });
    await page.getByRole('button', { name: 'Restart the 3D view' }).click();
    const f0 = (await perf(page)).frames;
    await page.waitForFunction((f) => window.__vanfleet!.perf().frames > f + 3, f0, { timeout: 30_000 });
    expect(await page.locator('[data-testid="view-error"]').count()).toBe(0);
    expect(errors.filter((e) => !/context lost|CONTEXT_LOST/i.test(e))).toEqual([]);
  });
});
