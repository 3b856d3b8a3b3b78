import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import restify from 'restify';
import { LEGAL_PAGE_PATHS, mountLegalPages } from '../../src/http/legal-pages-route';
import { launchChromium, type RunningBrowser } from './chromium';

/**
 * The privacy notice and terms of use read on a phone (390 px wide) in Chromium: the page's
 * own stylesheet is applied under its strict policy (the browser refuses nothing), nothing is
 * wider than the screen, the text is at least the reader's default size, and axe finds no
 * accessibility problem. Screenshots go to tests/artefacts/ for a person to look at.
 */

jest.setTimeout(60_000);

const ARTEFACTS = path.resolve(__dirname, '..', 'artefacts');

interface Layout {
  scrollWidth: number;
  clientWidth: number;
  smallestText: number;
  lineHeight: string;
  maxWidth: string;
}

// Only the page's stylesheet sets the body's line height and width; the browser's defaults differ.
const MEASURE_IN_PAGE = `(() => {
  const body = getComputedStyle(document.body);
  const sizes = [...document.querySelectorAll('p, li')].map((el) => parseFloat(getComputedStyle(el).fontSize));
  return {
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
    smallestText: Math.min(...sizes),
    lineHeight: body.lineHeight,
    maxWidth: body.maxWidth,
  };
})()`;

let browser: RunningBrowser;
let server: restify.Server;
let base: string;

beforeAll(async () => {
  server = restify.createServer();
  mountLegalPages(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium({ width: 390, height: 844 });
});

afterAll(async () => {
  await browser?.close();
  server?.close();
});

describe('the privacy notice and the terms of use on a phone', () => {
  it.each(Object.entries(LEGAL_PAGE_PATHS))('%s reads at 390 px with its own styles and nothing refused', async (name, route) => {
    const page = await browser.context.newPage();
    const refused: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) refused.push(message.text());
    });
    const response = await page.goto(`${base}${route}`);
    expect(response?.status()).toBe(200);

    // A string, run in the page: the project's TypeScript has no DOM types outside the tab.
    const layout = (await page.evaluate(MEASURE_IN_PAGE)) as Layout;
    expect(refused).toEqual([]);
    expect(layout.maxWidth).toBe('672px');
    expect(layout.lineHeight).not.toBe('normal');
    expect(layout.scrollWidth).toBeLessThanOrEqual(layout.clientWidth);
    expect(layout.smallestText).toBeGreaterThanOrEqual(16);

    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

    fs.mkdirSync(ARTEFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTEFACTS, `legal-${name}-390.png`), fullPage: true });
    await page.close();
  });
});
