import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { ROOT } from './tab-stack';

/**
 * Reading the results tab the way a person does (visible text, keyboard focus) and checking
 * it the way an auditor does (axe). Screenshots go to tests/artefacts/ (ignored by git).
 */

export const ARTEFACTS = path.join(ROOT, 'tests', 'artefacts');

/** Saves a full-page screenshot as tests/artefacts/tab-<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTEFACTS, { recursive: true });
  const file = path.join(ARTEFACTS, `tab-${name}.png`);
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  return file;
}

/**
 * Fluent UI's keyboard helper (Tabster) puts focusable, aria-hidden "dummy" elements at the
 * edges of arrow-key groups such as the view tabs; they only pass focus on. axe reports them
 * as aria-hidden-focus, a false positive Fluent calls by design (microsoft/fluentui#27517) and
 * Accessibility Insights suppresses. Only those exact nodes are left out; anything else
 * aria-hidden and focusable is still reported.
 */
function isTabsterDummy(ruleId: string, html: string): boolean {
  return ruleId === 'aria-hidden-focus' && /^<i [^>]*data-tabster-dummy/.test(html);
}

/** Serious and critical accessibility problems axe finds on the page, as readable lines. */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ ...v, nodes: v.nodes.filter((n) => !isTabsterDummy(v.id, n.html)) }))
    .filter((v) => v.nodes.length > 0)
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')})`);
}

/** The visible text of an element, trimmed; throws when it is not there. */
export async function text(page: Page, selector: string): Promise<string> {
  const found = page.locator(selector).first();
  await found.waitFor({ state: 'visible', timeout: 15_000 });
  return (await found.innerText()).trim();
}

export interface MatrixCell {
  from: string;
  to: string;
  text: string;
  mean?: string;
  suppressed: boolean;
}

/** Every cell of the tie matrix with its row and column names, as shown. */
export async function readMatrix(page: Page): Promise<MatrixCell[]> {
  await page.locator('table[data-measure] tbody tr').first().waitFor();
  return page.$$eval('table[data-measure]', (tables) => {
    const table = tables[0]!;
    const columns = [...table.querySelectorAll('thead th')].slice(1).map((th) => th.textContent!.trim());
    return [...table.querySelectorAll('tbody tr')].flatMap((row) => {
      const from = row.querySelector('th')!.textContent!.trim();
      return [...row.querySelectorAll('td')].map((td, i) => ({
        from,
        to: columns[i]!,
        text: td.textContent!.trim(),
        mean: td.querySelector('[data-part="mean"]')?.textContent?.trim(),
        suppressed: td.getAttribute('data-suppressed') === 'true',
      }));
    });
  });
}

/** Presses Tab until `check` holds for the focused element (at most `limit` presses). */
export async function tabUntil(page: Page, check: string, limit = 60): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await page.locator(':focus').evaluate((el, selector) => el.matches(selector), check).catch(() => false)) return;
  }
  throw new Error(`keyboard focus never reached ${check} in ${limit} presses of Tab`);
}
