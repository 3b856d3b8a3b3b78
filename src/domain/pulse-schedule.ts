import { z } from 'zod';
import { ValidationError } from './errors';
import { isQuiet, nextAllowed, type QuietHours } from './quiet-hours';

/**
 * Scheduled and repeating pulses, as pure rules: when a pulse may open (never in the past,
 * never more than a year ahead, never in quiet hours), a local date and time read in the
 * delivery time zone (daylight saving time included), and the openings of a series.
 */

/** How far ahead a pulse may be scheduled. */
export const MAX_SCHEDULE_AHEAD_DAYS = 366;
/** A time a moment in the past (the facilitator took a while to press "Schedule") still counts as now. */
const PAST_GRACE_MS = 60_000;
const DAY_MS = 24 * 60 * 60 * 1000;

const dayText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day is written YYYY-MM-DD, for example 2027-01-18');

/** How a pulse repeats: every N weeks or months, until a day (inclusive) or for a number of pulses in all. */
export const recurrenceSchema = z
  .object({
    every: z.int().min(1, 'a pulse repeats every 1 to 12 weeks or months').max(12, 'a pulse repeats every 1 to 12 weeks or months'),
    unit: z.enum(['week', 'month']),
    /** The last day a pulse of the series may open (local day, inclusive). */
    until: dayText.refine((s) => realDay(s) !== undefined, 'that day does not exist').optional(),
    /** How many pulses the series has in all, the first included. */
    count: z.int().min(2, 'a repeating pulse runs 2 to 24 times').max(24, 'a repeating pulse runs 2 to 24 times').optional(),
  })
  .strict()
  .refine((r) => (r.until === undefined) !== (r.count === undefined), { message: 'say either until when it repeats or how many times, not both', path: ['until'] });

/** How a pulse repeats (see recurrenceSchema). */
export type Recurrence = z.infer<typeof recurrenceSchema>;

/** The most openings a series may have, whichever way it ends. */
export const MAX_OCCURRENCES = 24;

function realDay(text: string): { y: number; m: number; d: number } | undefined {
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d ? { y, m, d } : undefined;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall clock of an instant in a time zone, as if it were UTC (milliseconds). */
function wallClock(instant: number, timeZone: string): number {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, format);
  }
  const p = Object.fromEntries(format.formatToParts(new Date(instant)).map((x) => [x.type, Number(x.value)]));
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
}

/**
 * The instant a local wall-clock time (given as UTC milliseconds) has in a time zone. Of a
 * time that happens twice (the clocks go back) the first; of one that never happens (the
 * clocks go forward) undefined.
 */
function instantOfWall(wall: number, timeZone: string): number | undefined {
  // Try the offsets in force a day either side: one of them is the offset at that time.
  const offsets = [wallClock(wall - DAY_MS, timeZone) - (wall - DAY_MS), wallClock(wall + DAY_MS, timeZone) - (wall + DAY_MS)];
  const fits = offsets.map((o) => wall - o).filter((t) => wallClock(t, timeZone) === wall);
  return fits.length > 0 ? Math.min(...fits) : undefined;
}

/**
 * The instant of a local date ('YYYY-MM-DD') and time ('HH:MM', 24-hour) in a time zone,
 * daylight saving time included. ValidationError, in plain words, for a day that does not
 * exist (2026-02-30), a time that does not (25:00), or one the clocks skip that night.
 */
export function localDateTime(date: string, time: string, timeZone: string): Date {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(date.trim()) ? realDay(date.trim()) : undefined;
  if (!day) throw new ValidationError(`"${date}" is not a day in the calendar. Please write the day as YYYY-MM-DD, for example 2027-01-18.`);
  const clock = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(time.trim());
  if (!clock) throw new ValidationError(`"${time}" is not a time of day. Please write it as HH:MM on the 24-hour clock, for example 09:30.`);
  const wall = Date.UTC(day.y, day.m - 1, day.d, Number(clock[1]), Number(clock[2]));
  const instant = instantOfWall(wall, timeZone);
  if (instant === undefined) {
    throw new ValidationError(`The clocks go forward that night, so ${time.trim()} does not happen on ${date.trim()}. Please choose another time, for example an hour later.`);
  }
  return new Date(instant);
}

/** An instant as people read it in a time zone, e.g. "Monday 14 December 2026 at 08:00". */
export function describeInstant(instant: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.weekday} ${parts.day} ${parts.month} ${parts.year} at ${parts.hour}:${parts.minute}`;
}

/**
 * Refuses an opening time that has passed, is more than a year ahead, or falls in quiet hours
 * (then the message suggests the first time after them). `quiet` undefined: there are none.
 */
export function checkOpensAt(opensAt: Date, now: Date, quiet: QuietHours | undefined): void {
  if (Number.isNaN(opensAt.getTime())) throw new ValidationError('Please give the opening time as a date and time, for example 2027-01-18 09:30.');
  if (opensAt.getTime() < now.getTime() - PAST_GRACE_MS) {
    throw new ValidationError('That time has already passed. Please choose a time in the future, or start the pulse now instead.');
  }
  if (opensAt.getTime() > now.getTime() + MAX_SCHEDULE_AHEAD_DAYS * DAY_MS) {
    throw new ValidationError('A pulse can be scheduled up to a year ahead. Please choose an earlier time.');
  }
  if (quiet && isQuiet(opensAt, quiet)) {
    const suggestion = describeInstant(nextAllowed(opensAt, quiet), quiet.timeZone);
    throw new ValidationError(
      `That time is in quiet hours, when RC Pulse does not send people messages. The first time after them is ${suggestion}. Would that suit you?`,
    );
  }
}

/** The local calendar day `n` steps of the recurrence after a local day (months end on their last day: 31 Jan + 1 month = 28 or 29 Feb). */
function stepDay(wall: number, recurrence: Pick<Recurrence, 'every' | 'unit'>, n: number): number {
  const d = new Date(wall);
  if (recurrence.unit === 'week') return wall + n * recurrence.every * 7 * DAY_MS;
  const months = d.getUTCMonth() + n * recurrence.every;
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), months + 1, 0)).getUTCDate();
  return Date.UTC(d.getUTCFullYear(), months, Math.min(d.getUTCDate(), lastDay), d.getUTCHours(), d.getUTCMinutes());
}

/**
 * The opening `n` (0 = the first) of a series that first opens at `first`: the same local
 * time of day, `n` steps later, moved out of quiet hours. A time the clocks skip that night
 * opens an hour later. Undefined when the series has ended by then (its count or its until day).
 */
export function nthOpening(first: Date, recurrence: Recurrence, n: number, quiet: QuietHours | undefined, timeZone: string): Date | undefined {
  if (n < 0 || n >= (recurrence.count ?? MAX_OCCURRENCES)) return undefined;
  const wall = stepDay(wallClock(first.getTime(), timeZone), recurrence, n);
  if (recurrence.until !== undefined && new Date(wall).toISOString().slice(0, 10) > recurrence.until) return undefined;
  const instant = instantOfWall(wall, timeZone) ?? instantOfWall(wall + 60 * 60_000, timeZone) ?? wall;
  return nextAllowed(new Date(instant), quiet);
}

/** Every opening of a series (the first included), each moved out of quiet hours. */
export function occurrencesOf(firstOpensAt: Date, recurrence: Recurrence, quiet: QuietHours | undefined, timeZone: string): Date[] {
  const openings: Date[] = [];
  for (let n = 0; ; n++) {
    const at = nthOpening(firstOpensAt, recurrence, n, quiet, timeZone);
    if (!at) return openings;
    openings.push(at);
  }
}

/**
 * Refuses a recurrence whose pulses would overlap one another (each stays open
 * `closesInDays`, so the next must not open before it closes) or that ends before it repeats.
 */
export function checkRecurrence(firstOpensAt: Date, recurrence: Recurrence, closesInDays: number, timeZone: string): void {
  const shortest = recurrence.unit === 'week' ? recurrence.every * 7 : recurrence.every * 28;
  if (closesInDays > shortest) {
    const each = recurrence.every === 1 ? `every ${recurrence.unit}` : `every ${recurrence.every} ${recurrence.unit}s`;
    throw new ValidationError(
      `Each pulse stays open ${closesInDays} days, but a new one would open ${each}, so people would be asked twice at once. Please make each close sooner or repeat less often.`,
    );
  }
  if (recurrence.until !== undefined && occurrencesOf(firstOpensAt, recurrence, undefined, timeZone).length < 2) {
    throw new ValidationError(`The series would end on ${recurrence.until}, before the pulse repeats. Please choose a later day, or schedule a single pulse.`);
  }
}
