/* Pure: no DOM, so unit tests can check it. */
import type { PulseAdminItem, PulseEditBody, PulseStartBody } from '../../../src/contract/pulse-admin-contract';
import { isAppError } from '../../../src/domain/errors';
import { localDateTime } from '../../../src/domain/pulse-schedule';

/**
 * The Pulses page's form as plain data: what a facilitator filled in, the body it sends, and
 * which field a refusal from the server is about (so its words appear next to that field).
 * Dates and times are typed and shown in UK time, as the server reads them.
 */

export const UK = 'Europe/London';

export type When = 'now' | 'later';
export type Repeat = 'none' | '1-week' | '2-week' | '4-week' | '1-month' | '3-month';

export interface PulseForm {
  title: string;
  focalProcess: string;
  /** Empty: everyone is asked. */
  asking: string[];
  askEveryone: boolean;
  /** Empty with rateEvery: every group is rated. */
  rating: string[];
  rateEvery: boolean;
  closesInDays: number;
  when: When;
  /** YYYY-MM-DD and HH:MM, UK time. */
  date: string;
  time: string;
  repeat: Repeat;
  /** How many pulses the series has in all (2-24), when it repeats. */
  count: number;
}

export const NEW_PULSE_FORM: PulseForm = {
  title: '',
  focalProcess: '',
  asking: [],
  askEveryone: true,
  rating: [],
  rateEvery: true,
  closesInDays: 14,
  when: 'now',
  date: '',
  time: '09:00',
  repeat: 'none',
  count: 4,
};

export const REPEAT_LABELS: Readonly<Record<Repeat, string>> = {
  none: 'Does not repeat',
  '1-week': 'Every week',
  '2-week': 'Every 2 weeks',
  '4-week': 'Every 4 weeks',
  '1-month': 'Every month',
  '3-month': 'Every 3 months',
};

/** The fields a refusal can be shown next to; 'form' is above the buttons. */
export type FieldKey = 'title' | 'focalProcess' | 'asking' | 'rating' | 'closesInDays' | 'opensAt' | 'recurrence' | 'form';
export type FieldErrors = Partial<Record<FieldKey, string>>;

/** The day and time of an instant in UK time, for the edit form. */
export function ukDateTime(iso: string): { date: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: UK, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/** The form filled from a scheduled pulse (group ids by name from the collaborative's groups). */
export function formFromPulse(item: PulseAdminItem, groups: readonly { id: string; name: string }[]): PulseForm {
  const ids = (names: readonly string[]) => names.map((n) => groups.find((g) => g.name === n)?.id ?? n);
  const at = item.opensAt ? ukDateTime(item.opensAt) : { date: '', time: '09:00' };
  const days = item.opensAt && item.closesAt ? Math.round((Date.parse(item.closesAt) - Date.parse(item.opensAt)) / 86_400_000) : 14;
  return {
    ...NEW_PULSE_FORM,
    title: item.title ?? '',
    focalProcess: item.focalProcess,
    askEveryone: item.asking === null,
    asking: item.asking ? ids(item.asking) : [],
    rateEvery: item.rating.length === groups.length,
    rating: ids(item.rating),
    closesInDays: days,
    when: 'later',
    ...at,
  };
}

/** The opening instant the form names; a refusal in the domain's words when it names none. */
export function opensAtOf(form: PulseForm): string {
  return localDateTime(form.date, form.time, UK).toISOString();
}

function recurrenceOf(form: PulseForm): PulseStartBody['recurrence'] {
  if (form.repeat === 'none') return undefined;
  const [every, unit] = form.repeat.split('-') as [string, 'week' | 'month'];
  return { every: Number(every), unit, count: form.count };
}

/** What the scope and the rest say, shared by a new pulse and an edit. */
function fields(form: PulseForm) {
  return {
    ...(form.title.trim() ? { title: form.title.trim() } : {}),
    ...(form.focalProcess.trim() ? { focalProcess: form.focalProcess.trim() } : {}),
    ...(form.askEveryone ? {} : { asking: form.asking }),
    ...(form.rateEvery ? {} : { rating: form.rating }),
    closesInDays: form.closesInDays,
  };
}

/** The body of POST .../pulses: now, or a schedule (`confirm` saves it; without, the preview). */
export function startBody(form: PulseForm, confirm = false): PulseStartBody {
  if (form.when === 'now') return fields(form);
  const recurrence = recurrenceOf(form);
  return { ...fields(form), opensAt: opensAtOf(form), ...(recurrence ? { recurrence } : {}), ...(confirm ? { confirm: true } : {}) };
}

/**
 * The body of PATCH .../pulses/:id: the whole form. Leaving the scope out would keep the old
 * one, so "everyone" and "every group" are sent as every active group by name.
 */
export function editBody(form: PulseForm, groups: readonly { id: string }[]): PulseEditBody {
  const recurrence = recurrenceOf(form);
  const all = groups.map((g) => g.id);
  return {
    ...fields(form),
    asking: form.askEveryone ? all : form.asking,
    rating: form.rateEvery ? all : form.rating,
    opensAt: opensAtOf(form),
    recurrence: recurrence ?? null,
  };
}

const FIELD_WORDS: [RegExp, FieldKey][] = [
  [/^(The [a-z ]+ is not right: )?title:/, 'title'],
  [/focalProcess:|focal work process/i, 'focalProcess'],
  [/asking:|\(asking\)|after "asking"/, 'asking'],
  [/rating:|\(rating\)|after "rating"/, 'rating'],
  [/closesInDays:|closes in|days open/i, 'closesInDays'],
  [/recurrence|repeat/i, 'recurrence'],
  [/opensAt:|opening time|opens|quiet hours|the clocks|not a day|time of day|passed|a year/i, 'opensAt'],
];

/** Which field a refusal is about, from the server's words (the rest go above the buttons). */
export function fieldOf(message: string): FieldKey {
  return FIELD_WORDS.find(([pattern]) => pattern.test(message))?.[1] ?? 'form';
}

/** A refusal made in the browser (the domain's own rule), or undefined when it is fine. */
export function localProblem(form: PulseForm): FieldErrors | undefined {
  if (!form.askEveryone && form.asking.length === 0) return { asking: 'Choose at least one group to ask, or ask everyone.' };
  if (!form.rateEvery && form.rating.length === 0) return { rating: 'Choose at least one group to rate, or rate every group.' };
  if (form.when === 'later') {
    try {
      opensAtOf(form);
    } catch (error) {
      return { opensAt: isAppError(error) ? error.userMessage : 'Please give the day and time it opens.' };
    }
  }
  return undefined;
}
