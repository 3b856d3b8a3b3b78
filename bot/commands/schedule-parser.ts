import { z } from 'zod';
import { daySchema } from '../../src/domain/model/primitives';
import { recurrenceSchema, type Recurrence } from '../../src/domain/pulse-schedule';
import { commandInfo } from './command-list';
import { parsePulseOptions, type PulseOptionWords } from './pulse-options';

/**
 * "pulse schedule 2026-03-09 09:30 [every 4 weeks [until 2026-09-01 | for 6 times]] ..." and
 * then the same words as "pulse start" (focal process, asking, rating, closes in N days),
 * read by the same reader. Pure: the date and time are local to the delivery time zone, and
 * the bot turns them into an instant; the use-case decides whether that instant may be used.
 */

/** A scheduled pulse as typed: the local day and time it opens, how it repeats, and its options. */
export type ScheduleCommand = { name: 'pulse schedule'; date: string; time: string; recurrence?: Recurrence } & PulseOptionWords;

export type ScheduleParse = { ok: true; command: ScheduleCommand } | { ok: false; message: string };

/** How a correct command looks, shown with every mistake (help shows the same). */
export const SCHEDULE_EXAMPLE = commandInfo('pulse schedule').example!;

const example = `For example: ${SCHEDULE_EXAMPLE}.`;
const WHEN = `Please say when the pulse opens: a date (YYYY-MM-DD) and a time (HH:MM, 24-hour clock). ${example}`;
const REPEAT = `A pulse can repeat every 1 to 12 weeks or months, until a date or for 2 to 24 times in all. ${example}`;
const REPEAT_END = 'Please say how long it repeats: a number of times, such as every 4 weeks for 6 times, or a last day, such as every month until 2026-09-01.';

const scheduleSchema = z.object({
  date: daySchema,
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, `Please give the time as HH:MM on the 24-hour clock, such as 09:30 or 14:00. ${example}`),
  recurrence: recurrenceSchema.optional(),
});

/** "2026-03-09", or the UK order "9/3/2026", as YYYY-MM-DD; anything else is left as typed. */
function isoDay(word: string): string {
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(word);
  return uk ? `${uk[3]}-${uk[2]!.padStart(2, '0')}-${uk[1]!.padStart(2, '0')}` : word;
}

/** "9:30" and "9.30" read as "09:30"; anything else is left as typed. */
function hhmm(word: string): string {
  const time = word.replace('.', ':');
  return /^\d:\d\d$/.test(time) ? `0${time}` : time;
}

type Found = { ok: true; recurrence?: Record<string, unknown>; rest: string[] } | { ok: false; message: string };

/**
 * Takes "every N weeks|months [until DATE | for N times | N times]" out of the words, wherever
 * it is. "every" followed by anything but a number or a week or month word stays in the focal
 * process ("every family's discharge"); "every 3 days" is a mistake, said as one.
 */
function takeRecurrence(words: readonly string[]): Found {
  const lower = words.map((w) => w.toLowerCase());
  const unit = (w: string | undefined) => (w && /^weeks?$/.test(w) ? 'week' : w && /^months?$/.test(w) ? 'month' : undefined);
  const at = lower.findIndex((w, i) => w === 'every' && (/^\d+$/.test(lower[i + 1] ?? '') || unit(lower[i + 1]) || /^(days?|years?|fortnight)$/.test(lower[i + 1] ?? '')));
  if (at < 0) return { ok: true, rest: [...words] };
  const numbered = /^\d+$/.test(lower[at + 1]!);
  const every = numbered ? Number(lower[at + 1]) : 1;
  const u = unit(lower[numbered ? at + 2 : at + 1]);
  if (!u) return { ok: false, message: REPEAT };
  let end = numbered ? at + 3 : at + 2;
  const recurrence: Record<string, unknown> = { every, unit: u };
  if (lower[end] === 'until') {
    recurrence.until = isoDay(words[end + 1] ?? '');
    end += 2;
  } else if (lower[end] === 'for' && /^times?$/.test(lower[end + 2] ?? '')) {
    recurrence.count = /^\d+$/.test(lower[end + 1]!) ? Number(lower[end + 1]) : NaN;
    end += 3;
  } else if (/^\d+$/.test(lower[end] ?? '') && /^times?$/.test(lower[end + 1] ?? '')) {
    recurrence.count = Number(lower[end]);
    end += 2;
  } else {
    return { ok: false, message: REPEAT_END };
  }
  return { ok: true, recurrence, rest: [...words.slice(0, at), ...words.slice(end)] };
}

/** What to say about a part of the schedule that failed its check. */
function scheduleMistake(path: readonly PropertyKey[], date: string): string | undefined {
  if (path[0] === 'date') return `There is no day ${date}. ${WHEN}`;
  if (path[1] === 'until') return `Please give the last day after "until" as YYYY-MM-DD, such as every 4 weeks until 2026-09-01.`;
  if (path[1] === 'count') return 'A pulse can open 2 to 24 times in all, such as every 4 weeks for 6 times.';
  if (path[0] === 'recurrence') return REPEAT;
  return undefined;
}

/** Reads the words after "pulse schedule". Every mistake gets one message with an example. */
export function parseSchedule(words: readonly string[]): ScheduleParse {
  let rest = [...words];
  if (rest[0]?.toLowerCase() === 'on') rest = rest.slice(1);
  const date = rest[0] ? isoDay(rest[0]) : undefined;
  rest = rest.slice(1);
  if (rest[0]?.toLowerCase() === 'at') rest = rest.slice(1);
  const time = rest[0] ? hhmm(rest[0]) : undefined;
  rest = rest.slice(1);
  if (!date || !time || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return { ok: false, message: WHEN };

  const found = takeRecurrence(rest);
  if (!found.ok) return found;
  const checked = scheduleSchema.safeParse({ date, time, ...(found.recurrence ? { recurrence: found.recurrence } : {}) });
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    return { ok: false, message: scheduleMistake(issue.path, date) ?? issue.message };
  }
  const options = parsePulseOptions(found.rest, `pulse schedule ${date} ${time}`);
  if (!options.ok) return options;
  return { ok: true, command: { name: 'pulse schedule', ...checked.data, ...options.options } };
}
