/**
 * How dates, times and counts of things read in every message RC Pulse writes (cards, replies,
 * the tab, refusals from the use-cases). Dates are shown in UK time. Pure: Intl only.
 */

const UK_TIME_ZONE = 'Europe/London';

/**
 * "Friday 14 March" (UK time) for an ISO instant; "Friday 14 March 2026" when asked. Built
 * from parts because ICU versions differ on commas between them.
 */
export function dayText(iso: string, withYear = false): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: UK_TIME_ZONE,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const day = `${part('weekday')} ${part('day')} ${part('month')}`;
  return withYear ? `${day} ${part('year')}` : day;
}

/** "14:05" (UK time) for an ISO instant. */
export function timeText(iso: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: UK_TIME_ZONE, hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

/** "1 group", "8 groups". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * A mean for display: two decimals, halves rounded up as people do on paper. toFixed alone
 * shows 2.985 as "2.98", because 2.985 is stored as 2.98499999...; shifting the decimal
 * point in the number's own text avoids that. The value is first settled to 9 decimals: the
 * same mean summed in another order (the server's stored order, an export's shuffled one)
 * can land a hair either side of a half, 3.6249999999999996 or 3.625, and must read the same.
 */
export function twoDecimals(value: number): string {
  const settled = Number.isFinite(value) ? Number(value.toFixed(9)) : value;
  const rounded = Math.round(Number(`${settled}e2`)) / 100;
  return (Number.isFinite(rounded) ? rounded : value).toFixed(2);
}
