import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { pulseStatusCard } from '../../src/cards/pulse-status-card';
import { resultsCard } from '../../src/cards/results-card';
import type { AdaptiveCard } from '../../src/cards/card-types';
import { launchChromium, type RunningBrowser } from './chromium';

/**
 * The cards a channel sees while a pulse is open, rendered by Microsoft's own Adaptive Cards
 * renderer in Chromium at a phone's width and a desktop's: they must say in plain words when
 * the figures will appear, and show no figure (no mean, no band, no interval) before then.
 * Screenshots go to tests/artefacts/ for a person to look at.
 */

jest.setTimeout(60_000);

const ROOT = path.resolve(__dirname, '..', '..');
const RENDERER = path.join(ROOT, 'node_modules', 'adaptivecards', 'dist', 'adaptivecards.js');
const ARTEFACTS = path.join(ROOT, 'tests', 'artefacts');
const CLOSES_AT = '2026-12-21T17:00:00.000Z';
const FOCAL = 'discharge from the mother and baby unit to community care';

const CARDS: Record<string, AdaptiveCard> = {
  'status-card-open': pulseStatusCard({
    collaborativeId: 'yorkshire-humber-pmh',
    pulseId: 'winter-2026',
    focalProcess: FOCAL,
    status: 'open',
    k: 5,
    invited: 61,
    answered: 23,
    workgroups: [
      { name: 'Mother and baby unit clinical team', invited: 14, answered: 10 },
      { name: 'Community perinatal mental health teams', invited: 16, answered: 5 },
      { name: 'Commissioners', invited: 6, answered: 2 },
    ],
    closesAt: CLOSES_AT,
    asOf: '2026-12-10T09:30:00.000Z',
    canManage: true,
  }),
  'results-card-open': resultsCard({ status: 'open', focalProcess: FOCAL, k: 5, respondents: 23, invited: 61, closesAt: CLOSES_AT, tabUrl: 'https://teams.microsoft.com/l/entity/app/results' }),
};

const WIDTHS = { phone: 390, desktop: 1280 } as const;

let browser: RunningBrowser;
let page: Page;

beforeAll(async () => {
  fs.mkdirSync(ARTEFACTS, { recursive: true });
  browser = await launchChromium({ width: WIDTHS.desktop, height: 900 });
  page = await browser.context.newPage();
  await page.setContent('<!doctype html><html lang="en-GB"><head><meta charset="utf-8"></head><body style="margin:0;background:#f5f5f5"><div id="host"></div></body></html>');
  await page.addScriptTag({ path: RENDERER });
});
afterAll(async () => browser?.close());

/**
 * Runs in the page (as text: the tests are type-checked without the DOM's types): renders a
 * card with the renderer's default host config into #host, `width` wide, and returns what it shows.
 */
const RENDER_IN_PAGE = `({ json, width }) => {
  const host = document.getElementById('host');
  host.innerHTML = '';
  host.style.width = Math.min(width, 600) + 'px';
  host.style.padding = '8px';
  const adaptive = new AdaptiveCards.AdaptiveCard();
  adaptive.parse(json);
  const element = adaptive.render();
  if (!element) throw new Error('the renderer gave nothing');
  host.appendChild(element);
  return { text: host.innerText, overflow: host.scrollWidth - host.clientWidth };
}`;

/** Renders a card at `width`; returns its visible text and how far it runs past its box. */
async function render(card: AdaptiveCard, width: number): Promise<{ text: string; overflow: number }> {
  await page.setViewportSize({ width, height: 900 });
  return page.evaluate(`(${RENDER_IN_PAGE})(${JSON.stringify({ json: card, width })})`);
}

describe('the cards while a pulse is open, rendered as Teams renders them', () => {
  for (const [name, card] of Object.entries(CARDS)) {
    for (const [device, width] of Object.entries(WIDTHS)) {
      it(`${name} at ${device} width says when figures appear and shows no figure`, async () => {
        const { text: shown, overflow } = await render(card, width);
        expect(shown).toContain('Figures appear when the pulse closes on Monday 21 December.');
        // No mean (a number with a decimal point), no band, no interval, anywhere on the card.
        expect(shown).not.toMatch(/\d\.\d/);
        expect(shown).not.toMatch(/\b(weak|moderate|strong)\b|95%|interval/i);
        // Nothing runs off the side: the card fits the width it was given.
        expect(overflow).toBeLessThanOrEqual(0);
        const file = path.join(ARTEFACTS, `${name}-${device}.png`);
        await page.locator('#host').screenshot({ path: file });
        expect(fs.statSync(file).size).toBeGreaterThan(1000);
      });
    }
  }

  it('the status card keeps small groups under the k rule while open', async () => {
    const { text: shown } = await render(CARDS['status-card-open']!, WIDTHS.phone);
    expect(shown).toContain('Commissioners: fewer than 5 of 6');
    expect(shown).not.toMatch(/Commissioners: 2/);
  });
});
