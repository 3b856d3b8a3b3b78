import { IllegalStateError, ValidationError } from './errors';
import type { Pulse } from './model/pulse';

/**
 * The rules of a pulse's life after it opens, pure so that the bot, the tab and the timed
 * work refuse the same things: how far and how often its closing date may move.
 * Figures are still published once, at the close (rc-measurement.md section 4): moving the
 * close only changes when that happens.
 */

/** A pulse's closing date moves later at most this many times. */
export const MAX_EXTENSIONS = 4;
/**
 * ...and never beyond this many days after it opened (8 weeks): the longest a pulse is open,
 * as started, scheduled or extended (a pulse started for 56 days cannot be extended).
 */
export const MAX_OPEN_DAYS = 56;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Where a facilitator wants the close moved: to a day (YYYY-MM-DD, UTC), or by whole days. */
export type ExtendTarget = { date: string } | { days: number };

/**
 * The new closing instant of an open pulse asked to close later, at `now`. A date keeps the
 * pulse's closing time of day; days are added to the current closing instant. Refuses, with
 * words a facilitator can act on: a pulse that is not open, a fifth extension, a date not
 * later than the current close (or already past), and one beyond 8 weeks after opening.
 */
export function extendedCloseAt(pulse: Pick<Pulse, 'status' | 'closesAt' | 'openedAt' | 'createdAt' | 'extensions'>, target: ExtendTarget, now: Date): string {
  if (pulse.status !== 'open' || !pulse.closesAt) {
    throw new IllegalStateError('Only an open pulse can be extended. Nothing was changed.', `extend of a ${pulse.status} pulse`, 'pulse_not_open');
  }
  const done = pulse.extensions ?? 0;
  if (done >= MAX_EXTENSIONS) {
    throw new IllegalStateError(
      `This pulse has been extended ${MAX_EXTENSIONS} times already, which is the most it can be. Nothing was changed.`,
      `extension ${done + 1} refused`,
      'too_many_extensions',
    );
  }
  const current = Date.parse(pulse.closesAt);
  const wanted = 'days' in target ? current + target.days * DAY_MS : Date.parse(`${target.date}${pulse.closesAt.slice(10)}`);
  if (!Number.isFinite(wanted)) throw new ValidationError('That date could not be read. Please write it like 2026-03-20. Nothing was changed.');
  if (wanted <= current || wanted <= now.getTime()) {
    throw new ValidationError(`The new closing date must be later than the current one, ${dayOf(pulse.closesAt)}. Nothing was changed.`);
  }
  const latest = Date.parse(pulse.openedAt ?? pulse.createdAt) + MAX_OPEN_DAYS * DAY_MS;
  if (wanted > latest) {
    throw new ValidationError(
      `A pulse stays open for at most ${MAX_OPEN_DAYS / 7} weeks, so this one can close on ${dayOf(new Date(latest).toISOString())} at the latest. Nothing was changed.`,
    );
  }
  return new Date(wanted).toISOString();
}

/**
 * Where a remaining reminder goes when the close moves from `from` to `to`: as much later,
 * so a reminder still comes the same time before the close.
 */
export function movedReminderAt(dueAt: string, from: string, to: string): string {
  return new Date(Date.parse(dueAt) + (Date.parse(to) - Date.parse(from))).toISOString();
}

/** "2026-03-20": the UTC day of an instant, as the commands take it. */
function dayOf(iso: string): string {
  return iso.slice(0, 10);
}

/** What someone answering a cancelled pulse is told: nothing was kept. */
export const PULSE_CANCELLED_MESSAGE = 'This pulse was cancelled by its facilitator, so your answers were not kept. Thank you for your time.';
