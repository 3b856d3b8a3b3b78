/**
 * Quiet hours: when RC Pulse does not nudge people (reminders wait until the morning, or
 * until Monday). Pure: the time zone is read with Intl, so daylight saving time is right.
 */

/** When reminders wait: a daily range in a time zone, and weekends. */
export interface QuietHours {
  /** Start of the quiet time each day, minutes after local midnight (20:00 -> 1200). */
  fromMinute: number;
  /** End of it, minutes after local midnight (08:00 -> 480). Before `fromMinute` means overnight. */
  toMinute: number;
  /** Saturdays and Sundays are quiet all day. */
  weekends: boolean;
  /** IANA time zone the hours are in, e.g. 'Europe/London'. */
  timeZone: string;
}

/** 20:00 to 08:00 UK time, and weekends. */
export const DEFAULT_QUIET_HOURS: QuietHours = { fromMinute: 20 * 60, toMinute: 8 * 60, weekends: true, timeZone: 'Europe/London' };

/** Parses 'HH:MM-HH:MM' into minutes; undefined when it is not that shape. */
export function parseQuietRange(text: string): { fromMinute: number; toMinute: number } | undefined {
  const match = /^\s*([01]?\d|2[0-3]):([0-5]\d)\s*-\s*([01]?\d|2[0-3]):([0-5]\d)\s*$/.exec(text);
  if (!match) return undefined;
  const [, fh, fm, th, tm] = match.map(Number) as [number, number, number, number, number];
  return { fromMinute: fh * 60 + fm, toMinute: th * 60 + tm };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Local weekday (0 = Sunday) and minute of the day of an instant in a time zone. */
function localTime(instant: Date, timeZone: string): { weekday: number; minute: number } {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, p.value]));
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(parts.weekday ?? '');
  return { weekday, minute: Number(parts.hour) * 60 + Number(parts.minute) };
}

/** True when a time zone name is one Intl knows. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Whether an instant falls in quiet hours (undefined: there are none). */
export function isQuiet(instant: Date, quiet: QuietHours | undefined): boolean {
  if (!quiet) return false;
  const { weekday, minute } = localTime(instant, quiet.timeZone);
  if (quiet.weekends && (weekday === 0 || weekday === 6)) return true;
  const { fromMinute: from, toMinute: to } = quiet;
  if (from === to) return false;
  return from > to ? minute >= from || minute < to : minute >= from && minute < to;
}

const MINUTE = 60_000;
const STEP = 15 * MINUTE;

/**
 * The first instant at or after `instant` outside quiet hours: `instant` itself when it is
 * not quiet, else the start of the first minute after them (e.g. Monday 08:00 local).
 */
export function nextAllowed(instant: Date, quiet: QuietHours | undefined): Date {
  if (!isQuiet(instant, quiet)) return instant;
  // Quarter-hour steps find the end (at most a weekend plus a night: under 4 days)...
  let t = Math.ceil(instant.getTime() / MINUTE) * MINUTE;
  const limit = t + 8 * 24 * 60 * MINUTE;
  while (isQuiet(new Date(t), quiet) && t < limit) t += STEP;
  if (t >= limit) return instant; // every hour is quiet: a configuration nobody means; do not wait for ever
  // ...then minute steps back to the exact minute it ends.
  while (!isQuiet(new Date(t - MINUTE), quiet) && t - MINUTE > instant.getTime()) t -= MINUTE;
  return new Date(t);
}
