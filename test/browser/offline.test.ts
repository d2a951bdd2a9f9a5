import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium, RESULTS, serveDist, watchErrors } from './harness.ts';

let server: Awaited<ReturnType<typeof serveDist>>;
let browser: Browser;

beforeAll(async () => {
  server = await serveDist();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the static build offline', () => {
  it('reopens a shared link with no network after one visit (service worker)', async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 700 } });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.waitForFunction(() => (window.__vanfleet?.state().vans.length ?? 0) > 0, undefined, { timeout: 60_000 });
    // Installed and precached, and in control of the page.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });

    await context.setOffline(true);
    const errors = watchErrors(page);
    await page.goto(`${server.url}?t=10:00&paused=1`);
    await page.waitForFunction(() => (window.__vanfleet?.state().vans.length ?? 0) > 0, undefined, { timeout: 60_000 });
    await page.waitForFunction(() => window.__vanfleet!.state().t >= 36000, undefined, { timeout: 60_000 });
    await page.screenshot({ path: join(RESULTS, 'offline.png') });
    expect(errors.filter((e) => !/net::ERR_INTERNET_DISCONNECTED/.test(e))).toEqual([]);
    await context.close();
  });
});
