import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, RESULTS, serveDist, watchErrors } from './harness.ts';

let server: Awaited<ReturnType<typeof serveDist>>;
let browser: Browser;
let page: Page;
let errors: string[];

const state = () => page.evaluate(() => window.__vanfleet!.state()) as Promise<{ t: number; info: { name: string; fleetSize: number } | null; problems: string[] }>;
const manhattan = readFileSync('public/cities/lower-manhattan-2025.osm.pbf');

/** Open a file through the app's file input, as a user choosing "Open scenario or map…". */
async function open(name: string, buffer: Buffer): Promise<void> {
  await page.locator('[data-testid="scenario-file"]').setInputFiles({ name, mimeType: 'application/octet-stream', buffer });
}

/**
 * Count animation frames while `work` runs, and the longest gap between two: the page must keep
 * drawing during an import (an import on the main thread would freeze it for seconds).
 */
async function framesDuring(work: () => Promise<void>): Promise<{ frames: number; ms: number; maxGapMs: number }> {
  await page.evaluate(() => {
    const w = window as unknown as { __frames: number; __counting: boolean; __last: number; __maxGap: number };
    w.__frames = 0;
    w.__counting = true;
    w.__last = performance.now();
    w.__maxGap = 0;
    const tick = (now: number) => {
      if (!w.__counting) return;
      w.__frames++;
      w.__maxGap = Math.max(w.__maxGap, now - w.__last);
      w.__last = now;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const t0 = Date.now();
  await work();
  const ms = Date.now() - t0;
  const { frames, maxGapMs } = await page.evaluate(() => {
    const w = window as unknown as { __frames: number; __counting: boolean; __maxGap: number };
    w.__counting = false;
    return { frames: w.__frames, maxGapMs: w.__maxGap };
  });
  return { frames, ms, maxGapMs };
}

beforeAll(async () => {
  server = await serveDist();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  errors = watchErrors(page);
  await page.goto(`${server.url}?scenario=small`);
  await page.waitForFunction(() => window.__vanfleet?.state().info?.name === 'Small town', undefined, { timeout: 60_000 });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('dropping an OpenStreetMap extract on the app', () => {
  it('imports it in the worker with a progress bar while the page keeps drawing, then runs a fleet on its streets', async () => {
    const { frames, ms, maxGapMs } = await framesDuring(async () => {
      await open('lower-manhattan.osm.pbf', manhattan);
      const bar = page.locator('[data-testid="import-progress"]');
      await bar.waitFor({ timeout: 10_000 });
      await bar.waitFor({ state: 'detached', timeout: 150_000 }); // the import itself (the new city's meshes are set up after); 15 s here, once over 60 s on a loaded CI machine
    });
    await page.waitForFunction(() => window.__vanfleet!.state().info?.name === 'lower-manhattan', undefined, { timeout: 60_000 });
    // Responsive: frames kept coming all through the import. Software GL on a busy 2-core machine draws
    // only a few a second, so the check is that the page never stopped: a main-thread import would
    // give a frame or two in all (the frame rate itself is the render benchmark's business).
    expect(frames).toBeGreaterThanOrEqual(5);
    expect(frames / (ms / 1000)).toBeGreaterThan(1);
    expect(maxGapMs).toBeLessThan(ms / 2);
    const s = await state();
    expect(s.info!.fleetSize).toBeGreaterThan(1);
    expect(s.problems).toEqual([]);
    await page.waitForFunction((t0) => window.__vanfleet!.state().t > t0 + 600, s.t, { timeout: 60_000 });
    expect(await page.locator('.attribution, [data-testid="attribution"]').first().textContent()).toContain('OpenStreetMap');
    await page.screenshot({ path: join(RESULTS, 'import-manhattan.png') });
    expect(errors).toEqual([]);
  }, 300_000);

  it('opens the same extract again from the cache, faster', async () => {
    const t0 = Date.now();
    await open('lower-manhattan.osm.pbf', manhattan);
    await page.waitForFunction(() => window.__vanfleet!.state().t < 7 * 3600 && window.__vanfleet!.state().info?.name === 'lower-manhattan', undefined, { timeout: 60_000 });
    expect(Date.now() - t0).toBeLessThan(10_000);
  });

  it('rejects a truncated extract with a clear message and keeps the current city running', async () => {
    const before = await state();
    await open('broken.osm.pbf', manhattan.subarray(0, 200_000));
    await page.locator('[data-testid="problems"]').waitFor({ timeout: 30_000 });
    const text = (await page.locator('[data-testid="problems"]').textContent()) ?? '';
    expect(text).toContain('broken.osm.pbf');
    expect(text).toMatch(/truncated/);
    expect(text).toContain('the previous scenario keeps running');
    await page.waitForFunction((t0) => window.__vanfleet!.state().t > t0 + 300, before.t, { timeout: 90_000 });
    expect((await state()).info!.name).toBe(before.info!.name);
  }, 180_000);

  it('says what is wrong with a file that is not a map at all', async () => {
    await open('notes.osm', Buffer.from('these are not map data'));
    await page.waitForFunction(() => window.__vanfleet!.state().problems.length > 0 && window.__vanfleet!.state().problems[0].includes('notes.osm'), undefined, { timeout: 30_000 });
    const s = await state();
    expect(s.problems[0]).toMatch(/notes\.osm: not an OpenStreetMap extract/);
  });
});
