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
