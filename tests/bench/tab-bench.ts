import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium } from '../e2e/chromium';
import { ROOT, startTabStack } from '../e2e/tab-stack';
import type { BenchModule } from './bench-module';

/**
 * The results tab's benchmark: its JavaScript size gzipped (what the results page loads first,
 * and everything including the pages and the Teams sign-in loaded on demand), and the time to
 * the first complete render in headless Chromium: from navigation until the overview's
 * headline figure is on screen, on the real stack with the demo data (sign-in included).
 * Goals (issue 6): JavaScript under 400 KB gzipped, complete render under 2 s.
 */

const JS_GOAL_KB = 400;
const RENDER_GOAL_MS = 2000;
const WARM_RUNS = 5;
const ASSETS = path.join(ROOT, 'tab', 'dist', 'assets');

const kb = (bytes: number) => bytes / 1024;
const gz = (file: string) => gzipSync(fs.readFileSync(file)).length;

/** Sizes of the built JavaScript: the entry and what it preloads, then every chunk. */
function jsSizes(): { initial: number; all: number; chunks: number } {
  const html = fs.readFileSync(path.join(ROOT, 'tab', 'dist', 'index.html'), 'utf8');
  const initial = [...html.matchAll(/(?:src|href)="\/tab\/assets\/([^"]+\.js)"/g)].map((m) => m[1]!);
  const all = fs.readdirSync(ASSETS).filter((f) => f.endsWith('.js'));
  return {
    initial: initial.reduce((sum, f) => sum + gz(path.join(ASSETS, f)), 0),
    all: all.reduce((sum, f) => sum + gz(path.join(ASSETS, f)), 0),
    chunks: all.length,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const verdict = (ok: boolean) => (ok ? 'meets the goal' : 'MISSES the goal');

async function renderTimes(): Promise<{ cold: number; warm: number[] }> {
  // Chromium first: if it is missing, nothing has been started that would keep this process alive.
  const browser = await launchChromium();
  const stack = await startTabStack().catch(async (error: unknown) => {
    await browser.close();
    throw error;
  });
  try {
    const users = (await (await fetch(`${stack.baseUrl}/api/dev/users`)).json()) as { users: { upn: string; role: string }[] };
    const as = users.users.find((u) => u.role === 'facilitator')!.upn;
    const url = `${stack.baseUrl}/tab/?collaborative=yorkshire-humber-pmh&as=${encodeURIComponent(as)}`;
    const page = await browser.context.newPage();
    // Milliseconds since navigation started, read in the page when the headline figure shows.
    const once = async () => {
      await page.goto(url, { waitUntil: 'commit' });
      await page.locator('[data-figure="overall"] [data-part="mean"]').waitFor({ state: 'visible', timeout: 30_000 });
      return page.evaluate(() => performance.now());
    };
    const cold = await once(); // fresh profile: nothing cached in the browser, results computed on the server
    const warm: number[] = [];
    for (let i = 0; i < WARM_RUNS; i++) warm.push(await once());
    return { cold, warm };
  } finally {
    await browser.close();
    await stack.stop();
  }
}

export const tabBench: BenchModule = {
  name: 'results tab: JavaScript size and time to the first complete render (headless Chromium)',
  async run() {
    if (!fs.existsSync(ASSETS)) throw new Error('the tab is not built: run "npm run build" first (npm run bench does)');
    const size = jsSizes();
    console.log(`  JavaScript, results page at start  ${kb(size.initial).toFixed(1).padStart(7)} KB gzipped`);
    console.log(`  JavaScript, all ${String(size.chunks).padStart(2)} chunks         ${kb(size.all).toFixed(1).padStart(7)} KB gzipped   goal < ${JS_GOAL_KB} KB: ${verdict(kb(size.all) < JS_GOAL_KB)}`);
    const { cold, warm } = await renderTimes();
    console.log(`  complete render, cold (new profile) ${cold.toFixed(0).padStart(6)} ms          goal < ${RENDER_GOAL_MS} ms: ${verdict(cold < RENDER_GOAL_MS)}`);
    console.log(`  complete render, warm (median of ${WARM_RUNS}) ${median(warm).toFixed(0).padStart(6)} ms (max ${Math.max(...warm).toFixed(0)} ms)`);
  },
};
