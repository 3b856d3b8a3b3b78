/**
 * UK calendar arithmetic for the interventions' timed work: due dates are UK calendar days,
 * the daily run is at 09:00 UK time and the week starts on Monday. Pure: Intl only, so the
 * clocks changing in March and October are handled.
 */

const UK = 'Europe/London';
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

const format = new Intl.DateTimeFormat('en-GB', {
  timeZone: UK,
  weekday: 'short',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An instant as a UK wall clock: the day ('YYYY-MM-DD'), weekday (0 = Sunday) and minute of the day. */
export function ukClock(instant: Date): { day: string; weekday: number; minute: number } {
  const parts = Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, p.value]));
  return {
    day: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(parts.weekday ?? ''),
    minute: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

/** The first instant after `after` at which the UK clock reads `minuteOfDay` (09:00 -> 540). */
export function nextUkTime(after: Date, minuteOfDay: number): Date {
  const start = Math.floor(after.getTime() / MINUTE) * MINUTE + MINUTE;
  const ahead = (minuteOfDay - ukClock(new Date(start)).minute + 1440) % 1440;
  let candidate = start + ahead * MINUTE;
  // Across a change of the clocks the wall clock is an hour off: put it right.
  const drift = minuteOfDay - ukClock(new Date(candidate)).minute;
  if (Math.abs(drift) <= 120) candidate += drift * MINUTE;
  return new Date(candidate <= after.getTime() ? candidate + DAY : candidate);
}

/** The Monday ('YYYY-MM-DD') of the UK week an instant falls in. */
export function ukMondayOf(instant: Date): string {
  const { day, weekday } = ukClock(instant);
  const back = (weekday + 6) % 7;
  return new Date(Date.parse(`${day}T00:00:00Z`) - back * DAY).toISOString().slice(0, 10);
}
