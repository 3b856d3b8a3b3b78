import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { issueFamilyLinks } from '../../src/app/family/issue-family-links';
import type { PulseScope } from '../../src/domain/model/pulse';
import type { Storage } from '../../src/storage/storage';
import { testStorage } from '../support/test-storage';
import { aFamiliesPulse, FakeClock, pagePath, startFamilyServer, testLinkDeps, type FamilyServer } from '../integration/family/family-kit';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';
import { ARTEFACTS, seriousAxeViolations } from './tab-page';

/**
 * The family page in Chromium on a phone-sized screen (390 x 844): done with the keyboard
 * only, done again with JavaScript turned off, checked by axe, and photographed into
 * tests/artefacts/ for a person to look at.
 */

const PHONE = { width: 390, height: 844 };
const GROUPS = [
  { id: 'mbu-nursing', name: 'Mother and baby unit' },
  { id: 'community-perinatal', name: 'Community perinatal team' },
];

jest.setTimeout(120_000);

describe('the family page in a browser', () => {
  let storage: Storage;
  let server: FamilyServer;
  let browser: Browser;
  const clock = new FakeClock();

  beforeAll(async () => {
    if (!fs.existsSync(CHROMIUM_PATH)) throw new Error(`Chromium is not installed at ${CHROMIUM_PATH}: sudo apt-get install -y chromium`);
    storage = await testStorage();
    server = await startFamilyServer(storage, clock);
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
    fs.mkdirSync(ARTEFACTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    server?.stop();
  });

  async function newLink(): Promise<{ scope: PulseScope; url: string }> {
    const scope = await aFamiliesPulse(storage, { targetWorkgroupIds: [...GROUPS.map((g) => g.id), 'families'] });
    await storage.workgroups.upsertMany([...GROUPS, { id: 'families', name: 'Families' }].map((g) => ({ ...g, collaborativeId: scope.collaborativeId })));
    const [link] = await issueFamilyLinks(testLinkDeps(storage, clock), scope, 1);
    return { scope, url: `${server.url}${pagePath(link!.url)}` };
  }

  async function phone(javaScriptEnabled: boolean): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: PHONE, locale: 'en-GB', javaScriptEnabled, reducedMotion: 'reduce' });
    return { context, page: await context.newPage() };
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTEFACTS, `family-${name}.png`), fullPage: true });
  // Run in the page (the tests compile without the DOM's types, so as text).
  const inPage = <T>(page: Page, expression: string) => page.evaluate(expression) as Promise<T>;
  const focused = (page: Page) =>
    inPage<{ tag?: string; name?: string; value?: string }>(page, '({ tag: document.activeElement?.tagName, name: document.activeElement?.name, value: document.activeElement?.value })');

  it('can be done with the keyboard only, reads at 390 px, and axe finds nothing serious', async () => {
    const { scope, url } = await newLink();
    const { context, page } = await phone(true);
    try {
      await page.goto(url);
      expect(await page.locator('h2').allTextContents()).toEqual(['Thinking about the Mother and baby unit', 'Thinking about the Community perinatal team']);
      expect(await inPage<number>(page, 'document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await shot(page, 'form');

      // Tab lands on each question's chosen answer ("I'm not sure" to begin with).
      await page.keyboard.press('Tab');
      expect(await focused(page)).toEqual({ tag: 'INPUT', name: 'r.mbu-nursing.frequent', value: 'not_sure' });
      const label = page.locator('label[for="r-mbu-nursing-frequent-not_sure"]');
      expect(await inPage<string>(page, `getComputedStyle(document.querySelector('label[for="r-mbu-nursing-frequent-not_sure"]')).outlineStyle`)).not.toBe('none');
      expect((await label.boundingBox())!.height).toBeGreaterThanOrEqual(44);
      // The arrow keys move the choice within a question: up from "I'm not sure" is "Much too often".
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('Space');
      for (let i = 1; i < GROUPS.length * 7; i++) await page.keyboard.press('Tab');
      expect(await focused(page)).toEqual({ tag: 'INPUT', name: 'r.community-perinatal.mutual_respect', value: 'not_sure' });

      // Sent without a sharing choice: the form comes back with the problem named, answers kept.
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      expect(await focused(page)).toEqual({ tag: 'BUTTON', name: '', value: '' });
      await Promise.all([page.waitForLoadState('domcontentloaded'), page.keyboard.press('Enter')]);
      await page.waitForSelector('.summary');
      expect(await page.title()).toMatch(/^Error: /);
      expect(await page.locator('input[name="r.mbu-nursing.frequent"]:checked').getAttribute('value')).toBe('2');
      expect(await seriousAxeViolations(page)).toEqual([]);
      await shot(page, 'form-error');

      // The problem's link takes focus to the sharing question; Space chooses, Enter sends.
      await page.keyboard.press('Tab');
      expect(await inPage<string>(page, "document.activeElement?.getAttribute('href')")).toBe('#sharing-shared_with_team');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Space');
      expect(await page.locator('#sharing-shared_with_team').isChecked()).toBe(true);
      await page.keyboard.press('Tab');
      expect(await focused(page)).toMatchObject({ tag: 'BUTTON' });
      await Promise.all([page.waitForLoadState('domcontentloaded'), page.keyboard.press('Enter')]);
      await page.waitForSelector('h1:text("Thank you")');
      expect(await seriousAxeViolations(page)).toEqual([]);
      await shot(page, 'thanks');
    } finally {
      await context.close();
    }
    const [stored] = await storage.submissions.listPending(scope);
    expect(stored!.value).toMatchObject({ respondentWorkgroupId: 'families', familySharing: 'shared_with_team' });
    expect(stored!.value.ratings['mbu-nursing']!.frequent).toBe(2);
    expect(stored!.value.ratings['community-perinatal']!.frequent).toBeNull();
  });

  it('works with JavaScript turned off, and shows the used page the second time', async () => {
    const { scope, url } = await newLink();
    const { context, page } = await phone(false);
    try {
      await page.goto(url);
      await page.check('#r-mbu-nursing-timely-4');
      await page.check('#r-community-perinatal-shared_goals-5');
      await page.check('#sharing-overall_only');
      await Promise.all([page.waitForLoadState('domcontentloaded'), page.click('button[type=submit]')]);
      await page.waitForSelector('h1:text("Thank you")');
      await page.goto(url);
      expect(await page.locator('h1').textContent()).toBe('These answers were sent');
      await shot(page, 'used');
    } finally {
      await context.close();
    }
    const pending = await storage.submissions.listPending(scope);
    expect(pending).toHaveLength(1);
    expect(pending[0]!.value).toMatchObject({ familySharing: 'overall_only', ratings: { 'mbu-nursing': { timely: 4 }, 'community-perinatal': { shared_goals: 5 } } });
  });
});
