import { dayText, fewerThan, twoDecimals } from '../../../src/contract/display-format';
import type { ApiDimension, ApiFigure, Band, ChangeVerdict } from '../../../src/contract/api-contract';
import { DIMENSION_TITLES } from '../../../src/domain/dimension-words';
import { DIMENSIONS } from '../../../src/domain/instrument';

/**
 * How figures read in the tab, in the same words as the cards and the exports: two decimals
 * for display only (the shared twoDecimals of src/cards), "fewer than k responses" for a
 * suppressed figure, and the band as a word as well as a colour.
 */

export { DIMENSIONS, fewerThan, twoDecimals };

/** Plain names of the seven dimensions, in survey order (the domain's titles, shared with the server). */
export const DIMENSION_LABELS: Readonly<Record<ApiDimension, string>> = DIMENSION_TITLES;

export const BAND_LABELS: Record<Band, string> = { strong: 'Strong', moderate: 'Moderate', weak: 'Weak' };

export const VERDICT_LABELS: Record<ChangeVerdict, string> = {
  improved: 'Improved',
  declined: 'Declined',
  'no clear change': 'No clear change',
};

/** "fewer than 5 responses": all a suppressed figure ever says. */
export function suppressedText(k: number): string {
  return `${fewerThan(k)} responses`;
}

/** The mean with two decimals, or "fewer than k responses". */
export function meanText(figure: ApiFigure, k: number): string {
  return figure.suppressed || figure.mean === null ? suppressedText(k) : twoDecimals(figure.mean);
}

/** "3.80 to 4.02", or undefined when there is no interval (suppressed, or n < 2). */
export function intervalText(interval: readonly [number, number] | null): string | undefined {
  return interval ? `${twoDecimals(interval[0])} to ${twoDecimals(interval[1])}` : undefined;
}

/** "12 people", or undefined for a suppressed figure (its n is never shown). */
export function peopleText(n: number | null): string | undefined {
  return n === null ? undefined : `${n} ${n === 1 ? 'person' : 'people'}`;
}

/** One figure in a sentence, for screen readers and the map's details: "3.91, moderate, 95% interval 3.80 to 4.02, 42 people". */
export function figureSentence(figure: ApiFigure, k: number): string {
  if (figure.suppressed || figure.mean === null) return suppressedText(k);
  const parts = [twoDecimals(figure.mean)];
  if (figure.band) parts.push(BAND_LABELS[figure.band].toLowerCase());
  const interval = intervalText(figure.ci95);
  if (interval) parts.push(`95% interval ${interval}`);
  const people = peopleText(figure.n);
  if (people) parts.push(people);
  return parts.join(', ');
}

/** A signed difference with two decimals: "+0.42", "−0.10" (a true minus sign), "0.00". */
export function differenceText(difference: number): string {
  const text = twoDecimals(Math.abs(difference));
  if (text === '0.00') return text;
  return difference > 0 ? `+${text}` : `\u2212${text}`;
}

/** A whole percentage for a 0-1 rate. */
export function rateText(rate: number): string {
  return `${Math.round(rate * 100)}%`;
}

/** "Thursday 14 March 2024" for an ISO instant (UK time), or undefined. */
export function dateText(iso: string | null): string | undefined {
  return iso ? dayText(iso, true) : undefined;
}
