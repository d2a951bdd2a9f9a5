/**
 * `npm run bench -- render [--vans N] [--seconds S] [--build]`
 *
 * The 3D view at fleet scale in headless Chromium (Debian's, the browser tests' flags: software
 * WebGL through SwiftShader). Builds the app if dist/ is missing or older than the sources, serves
 * it, and opens a fixed scene: `?bench=5000` — an 8 × 6 km procedural city (~37,000 buildings)
 * with 5,000 synthetic vans driving random routes (the dispatcher cannot run thousands of vans
 * yet; the view draws them through exactly the same path as a real run), at 10:30, 10× speed,
 * trails on, the default overview camera, 1280 × 720. Records for S seconds (default 60):
 *
 *  - frame times (requestAnimationFrame timestamps) → p50 / p95;
 *  - main-thread script time per frame (Chrome's ScriptDuration via the DevTools protocol);
 *  - JS heap growth across the run, after forced garbage collections at both ends.
 *
 * Software rendering makes absolute frame times meaningless for a laptop GPU, so the same page
 * size with nothing drawn (`&empty=1`) is measured too, for the ratio. Then the default scenario
 * is loaded three times and the median time to its first meaningful frame (city and vans drawn,
 * the app's `vanfleet:first-frame` mark) is printed. Writes bench/results/render.json.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { parseArgs, type FlagSpec } from '../src/cli/args.ts';
import { launchChromium, serveDist } from '../test/browser/harness.ts';

const spec = {
  vans: { type: 'number', help: 'synthetic vans in the scene (default 5000)' },
  seconds: { type: 'number', help: 'seconds of animation to record (default 60)' },
  build: { type: 'boolean', help: 'rebuild dist/ even if it looks current' },
} satisfies Record<string, FlagSpec>;

const VIEWPORT = { width: 1280, height: 720 };

/** Newest modification time under the given paths (files only). */
function newest(paths: string[]): number {
  let t = 0;
  const walk = (p: string) => {
    const s = statSync(p);
    if (s.isDirectory()) for (const f of readdirSync(p)) walk(join(p, f));
    else t = Math.max(t, s.mtimeMs);
  };
  for (const p of paths) if (existsSync(p)) walk(p);
  return t;
}

function buildIfNeeded(force: boolean): void {
  const built = existsSync('dist/index.html') ? statSync('dist/index.html').mtimeMs : 0;
  if (!force && built > newest(['src', 'workers', 'index.html', 'scenarios', 'vite.config.ts'])) return;
  process.stderr.write('render bench: building the app (vite build)…\n');
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
}

const quantile = (sorted: number[], q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1)))] : NaN);
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

/** Open a page, wait until the scene draws, warm up. */
async function openScene(browser: Browser, url: string): Promise<{ page: Page; cdp: CDPSession }> {
  const page = await browser.newPage({ viewport: VIEWPORT });
  page.on('pageerror', (e) => process.stderr.write(`page error: ${e.message}\n`));
  await page.goto(url);
  await page.waitForFunction(() => (window.__vanfleet?.perf().frames ?? 0) > 2, undefined, { timeout: 120_000 });
  await page.waitForTimeout(3000);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  return { page, cdp };
}

async function metric(cdp: CDPSession, name: string): Promise<number> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  return metrics.find((m) => m.name === name)?.value ?? NaN;
}

/** Collect garbage, then the live JS heap in bytes. */
async function heapAfterGc(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  return metric(cdp, 'JSHeapUsedSize');
}

/** Record frame intervals (ms) for `seconds`, with a preallocated in-page buffer (the recorder must not allocate either). */
async function recordFrames(page: Page, seconds: number): Promise<number[]> {
  // A string, not a function: tsx would wrap the named inner function in a helper the page lacks.
  await page.evaluate(`(() => {
    const rec = { times: new Float64Array(200000), n: 0, on: true };
    window.__rec = rec;
    function loop(t) {
      if (!rec.on) return;
      if (rec.n < rec.times.length) rec.times[rec.n++] = t;
      requestAnimationFrame(loop);
    }
    requestAnimationFrame(loop);
  })()`);
  await page.waitForTimeout(seconds * 1000);
  const stamps = await page.evaluate(() => {
    const r = (window as unknown as { __rec: { times: Float64Array; n: number; on: boolean } }).__rec;
    r.on = false;
    return Array.from(r.times.subarray(0, r.n));
  });
  const dts: number[] = [];
  for (let i = 1; i < stamps.length; i++) dts.push(stamps[i] - stamps[i - 1]);
  return dts;
}

async function measureScene(browser: Browser, url: string, seconds: number) {
  const { page, cdp } = await openScene(browser, url);
  const heap0 = await heapAfterGc(cdp);
  const script0 = await metric(cdp, 'ScriptDuration');
  const frames0 = await page.evaluate(() => window.__vanfleet!.perf().frames);
  const dts = await recordFrames(page, seconds);
  const script1 = await metric(cdp, 'ScriptDuration');
  const perf = await page.evaluate(() => window.__vanfleet!.perf());
  const heap1 = await heapAfterGc(cdp);
  await page.close();
  const frames = perf.frames - frames0;
  const sorted = [...dts].sort((a, b) => a - b);
  return { frames, vans: perf.vans, buildings: perf.buildings, scriptMsPerFrame: ((script1 - script0) * 1000) / Math.max(1, frames), p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), heapGrowthMB: (heap1 - heap0) / 2 ** 20 };
}

async function firstFrame(browser: Browser, url: string): Promise<number> {
  const page = await browser.newPage({ viewport: VIEWPORT });
  await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByName('vanfleet:first-frame').length > 0, undefined, { timeout: 60_000 });
  const ms = await page.evaluate(() => performance.getEntriesByName('vanfleet:first-frame')[0].startTime);
  await page.close();
  return ms;
}

export async function main(argv: string[]): Promise<void> {
  const { flags } = parseArgs(argv, spec);
  const vans = (flags.vans as number | undefined) ?? 5000;
  const seconds = (flags.seconds as number | undefined) ?? 60;
  buildIfNeeded(flags.build === true);
  const server = await serveDist();
  const browser = await launchChromium();
  try {
    const scene = `${server.url}?bench=${vans}&t=10:30&speed=10`;
    process.stderr.write(`render bench: ${vans} vans for ${seconds} s…\n`);
    const full = await measureScene(browser, scene, seconds);
    process.stderr.write('render bench: empty scene…\n');
    const empty = await measureScene(browser, `${scene}&empty=1`, Math.min(20, seconds));
    const starts: number[] = [];
    for (let i = 0; i < 3; i++) starts.push(await firstFrame(browser, server.url));
    starts.sort((a, b) => a - b);
    const result = {
      vans: full.vans,
      buildings: full.buildings,
      frames: full.frames,
      scriptMsPerFrame: round(full.scriptMsPerFrame),
      frameMsP50: round(full.p50),
      frameMsP95: round(full.p95),
      emptySceneFrameMsP50: round(empty.p50),
      heapGrowthMB: round(full.heapGrowthMB, 3),
    };
    mkdirSync('bench/results', { recursive: true });
    writeFileSync('bench/results/render.json', `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(
      `frame time vs empty scene: ${round(full.p50 / empty.p50, 1)}× at p50 (software WebGL)\n` +
        `first meaningful frame, default scenario (median of 3): ${starts[1].toFixed(0)} ms (runs: ${starts.map((s) => s.toFixed(0)).join(', ')})\n`,
    );
  } finally {
    await browser.close();
    await server.close();
  }
}
