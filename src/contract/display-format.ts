import type { Figure } from '../domain/figures';
import { twoDecimals } from '../domain/text-format';

// Dates, times, plurals and rounded means read the same in every message; they live with the domain, so the
// use-cases word their own refusals with them too.
export { dayText, plural, timeText, twoDecimals } from '../domain/text-format';

/**
 * How numbers, figures and dates read on cards. Figures are stored at full precision and
 * rounded only here (measurement contract, section 3). Dates are shown in UK time.
 */

/** "fewer than 5": how any count or figure below k reads, so the real number never shows. */
export function fewerThan(k: number): string {
  return `fewer than ${k}`;
}

/** A count of people, or "fewer than k" when it is below k. */
export function countOrFewer(n: number, k: number): string {
  return n < k ? fewerThan(k) : String(n);
}

/** A whole percentage, or undefined when there is nothing to divide by. */
export function percent(part: number, whole: number): string | undefined {
  return whole > 0 ? `${Math.round((100 * part) / whole)}%` : undefined;
}

export interface FigureText {
  /** e.g. "3.91 (moderate)" or "fewer than 5 responses". */
  value: string;
  /** e.g. "95% interval 3.80 to 4.02", when there is one. */
  interval?: string;
}

/** A published figure in words; a suppressed one reads "fewer than k responses" and nothing else. */
export function figureText(figure: Figure, k: number): FigureText {
  if (figure.suppressed || figure.mean === null) return { value: `${fewerThan(k)} responses` };
  const value = figure.band ? `${twoDecimals(figure.mean)} (${figure.band})` : twoDecimals(figure.mean);
  const [low, high] = figure.ci95 ?? [];
  return low === undefined || high === undefined ? { value } : { value, interval: `95% interval ${twoDecimals(low)} to ${twoDecimals(high)}` };
}

