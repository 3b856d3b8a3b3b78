import type { Page } from 'playwright-core';
import { twoDecimals } from '../../src/contract/display-format';
import type { Figure, ScoreReport } from '../../src/domain/scoring';
import { text } from './tab-page';

/**
 * What the tab should show for a figure of `rc-pulse score`: the same mean, interval and n,
 * rounded to two decimals; a suppressed figure reads "fewer than k responses" and no number.
 */

export type ScoreJson = ScoreReport;

export interface CompareJson {
  overall: { difference: number | null; verdict: string | null };
  overallBetween: { difference: number | null; verdict: string | null };
  ties: { from: string; to: string; difference: number | null; verdict: string | null; suppressed: boolean }[];
}

/** The interval as the tab writes it. */
export const intervalOf = (f: Figure) => (f.ci95 ? `95% interval ${twoDecimals(f.ci95[0])} to ${twoDecimals(f.ci95[1])}` : undefined);

/** What the screen says for one figure: the card or table cell with data-figure=`id`. */
export async function shownFigure(page: Page, id: string): Promise<{ mean: string; interval?: string; n?: string; whole: string }> {
  const root = `[data-figure="${id}"]`;
  const whole = await text(page, root);
  const part = async (name: string) => {
    const el = page.locator(`${root} [data-part="${name}"]`).first();
    return (await el.count()) ? (await el.innerText()).trim() : undefined;
  };
  return { mean: (await part('mean')) ?? whole, interval: await part('interval'), n: await part('n'), whole };
}

/** The expectation for a figure, in the tab's words. */
export function expectedFigure(f: Figure, k: number): { mean: string; interval?: string; n?: string } {
  if (f.suppressed || f.mean === null) return { mean: `fewer than ${k} responses` };
  return { mean: twoDecimals(f.mean), interval: intervalOf(f), n: f.n === null ? undefined : `${f.n} ${f.n === 1 ? 'person' : 'people'}` };
}

/** "How people in A experience working with B", as the map names a tie. */
export function tieMeaning(from: string, to: string): string {
  return from === to ? `How people in ${from} experience working with each other` : `How people in ${from} experience working with ${to}`;
}

/** "+0.42" / "−0.10": a difference as the change view writes it. */
export function differenceOf(d: number): string {
  const t = twoDecimals(Math.abs(d));
  return t === '0.00' ? t : d > 0 ? `+${t}` : `\u2212${t}`;
}
