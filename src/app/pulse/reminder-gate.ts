import { IllegalStateError } from '../../domain/errors';
import type { AuditEntry } from '../../domain/model/audit-entry';
import { type Pulse, scopeOf } from '../../domain/model/pulse';
import type { Storage } from '../../storage/storage';
import { dayText, timeText } from '../../domain/text-format';

/**
 * Reminder rounds go at least an hour apart (rc-measurement.md section 4). Each round's reply
 * says how many were reminded, and only people who have not answered are: two rounds sent back
 * to back would tell, by difference, how many answered in between, and a facilitator watching
 * the team in that moment could tell who. So a facilitator's round is refused, kindly, while
 * another round of the same pulse went (or waits to go, in quiet hours) less than an hour ago,
 * unless that round reached nobody. Scheduled rounds count too.
 */

/** Least time between two reminder rounds of one pulse. */
export const REMINDER_GAP_MS = 60 * 60_000;
/** Longest a round asked for in quiet hours waits (a Friday evening to Monday 08:00), with room to spare. */
const LONGEST_QUIET_WAIT_MS = 4 * 24 * 60 * 60_000;
/** Audit entries read at first; more (four times as many each time) until the window is covered. */
const FIRST_READ = 100;

/** What the gate reads: the audit trail (every round is in it) and the rows of a round. */
export interface ReminderGateDeps {
  audit: Pick<Storage['audit'], 'list'>;
  reminders: Pick<Storage['reminders'], 'countByStatus'>;
}

/** A past round as the audit trail tells it. */
interface PastRound {
  /** When its cards went (or will go, when it waits for quiet hours to end), epoch ms. */
  goes: number;
  reminded: number;
  /** Its round, when the entry names it (its rows say whether it reached anyone). */
  round?: string;
}

/** A round refused because another went less than an hour ago; says when the next may go. */
export class ReminderTooSoonError extends IllegalStateError {
  constructor(
    readonly nextAt: Date,
    waiting: Date | undefined,
    now: Date,
  ) {
    const at = (d: Date) => (dayText(d.toISOString()) === dayText(now.toISOString()) ? timeText(d.toISOString()) : `${timeText(d.toISOString())} on ${dayText(d.toISOString())}`);
    const what = waiting
      ? `A reminder is already waiting to go at ${at(waiting)}, when quiet hours end.`
      : 'A reminder went to the people who have not answered less than an hour ago.';
    super(
      `${what} Reminders go at least an hour apart, so that comparing them cannot tell who answered in between. The next one can go at ${at(nextAt)}.`,
      `reminder round refused until ${nextAt.toISOString()}`,
      'remind_too_soon',
    );
    this.name = 'ReminderTooSoonError';
  }
}

/**
 * Refuses (ReminderTooSoonError) when a round of the pulse that reached someone went, or waits
 * to go, less than REMINDER_GAP_MS before `now`. Read from the audit trail, newest first, as
 * far back as a round asked for in quiet hours can wait, however many entries that is.
 */
export async function assertReminderAllowed(deps: ReminderGateDeps, pulse: Pulse, now: Date): Promise<void> {
  const rounds = (await recentRounds(deps, pulse, now)).sort((a, b) => b.goes - a.goes);
  for (const round of rounds) {
    if (round.goes + REMINDER_GAP_MS <= now.getTime()) return;
    if (await reachedNobody(deps, pulse, round)) continue;
    throw new ReminderTooSoonError(new Date(round.goes + REMINDER_GAP_MS), round.goes > now.getTime() ? new Date(round.goes) : undefined, now);
  }
}

async function recentRounds(deps: ReminderGateDeps, pulse: Pulse, now: Date): Promise<PastRound[]> {
  const since = now.getTime() - REMINDER_GAP_MS - LONGEST_QUIET_WAIT_MS;
  let entries: AuditEntry[];
  for (let limit = FIRST_READ; ; limit *= 4) {
    entries = await deps.audit.list(pulse.collaborativeId, limit);
    const oldest = entries.at(-1);
    if (entries.length < limit || !oldest || Date.parse(oldest.at) < since) break;
  }
  return entries.flatMap((e) => {
    if (e.action !== 'pulse.reminded' || e.subject !== pulse.id || Date.parse(e.at) < since) return [];
    const notBefore = Date.parse(String(e.details?.notBefore ?? '')) || 0;
    const round = typeof e.details?.round === 'string' ? e.details.round : undefined;
    return [{ goes: Math.max(Date.parse(e.at), notBefore), reminded: Number(e.details?.reminded ?? 0) || 0, ...(round ? { round } : {}) }];
  });
}

/** A round that reached nobody: nobody to remind, or every one of its cards ended unsent. */
async function reachedNobody(deps: ReminderGateDeps, pulse: Pulse, round: PastRound): Promise<boolean> {
  if (round.reminded === 0) return true;
  if (!round.round) return false;
  const counts = await deps.reminders.countByStatus(scopeOf(pulse), round.round);
  const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
  return total > 0 && counts.sent === 0 && counts.pending === 0 && counts.sending === 0;
}
