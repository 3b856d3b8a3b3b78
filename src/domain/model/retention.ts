import { z } from 'zod';
import type { Pulse } from './pulse';

/**
 * How long a collaborative keeps what its pulses leave behind (UK GDPR storage limitation).
 * Two kinds of data, two clocks, both counted from the day a pulse closed:
 * - who was asked and who answered (invitation and reminder rows, the ledger): needed only
 *   while the pulse runs and for a short while after (questions about the response rate),
 *   so deleted `sendingDays` after the close (default 90);
 * - the anonymous answers and the published figures, which the collaborative compares
 *   across years: kept `responsesMonths` (default 60, five years), then the pulse is deleted
 *   with everything scoped to it (a transition check's staff answers too; its published
 *   figures stay on the check for the Transitions view).
 * A transition check's family answers and family links are about one family's care: they are
 * deleted `transitionMonths` after it closes (default 12), by the check's own timed job
 * (app/transitions/transition-retention.ts).
 */
export const sendingDaysSchema = z.int('days are a whole number').min(30, 'sending rows are kept at least 30 days after a close').max(730, 'sending rows are kept at most 730 days after a close');
export const responsesMonthsSchema = z.int('months are a whole number').min(12, 'answers and figures are kept at least 12 months').max(120, 'answers and figures are kept at most 120 months');
export const transitionMonthsSchema = z.int('months are a whole number').min(1, "a transition check's family answers are kept at least 1 month").max(60, "a transition check's family answers are kept at most 60 months");

export const retentionSchema = z.object({
  sendingDays: sendingDaysSchema.default(90),
  responsesMonths: responsesMonthsSchema.default(60),
  transitionMonths: transitionMonthsSchema.default(12),
});

/** A change of retention: only the periods given change. */
export const retentionChangeSchema = z.object({
  sendingDays: sendingDaysSchema.optional(),
  responsesMonths: responsesMonthsSchema.optional(),
  transitionMonths: transitionMonthsSchema.optional(),
});
export type Retention = z.infer<typeof retentionSchema>;
export type RetentionInput = z.input<typeof retentionSchema>;

/** The defaults: 90 days, 5 years, 12 months. */
export const DEFAULT_RETENTION: Retention = retentionSchema.parse({});

/** The instant `months` calendar months after `from` (UTC). */
function addMonths(from: Date, months: number): Date {
  const d = new Date(from.getTime());
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
}

/** What retention asks of one pulse now: nothing, its sending rows and ledger, or all of it. */
export type RetentionDue = 'nothing' | 'sending' | 'everything';

/**
 * What is past retention for a pulse at `now`. Only a closed pulse whose figures are final
 * ever is: an open or closing pulse needs all its rows.
 */
export function retentionDue(pulse: Pick<Pulse, 'status' | 'closedAt' | 'figuresFinalAt'>, retention: Retention, now: Date): RetentionDue {
  if (pulse.status !== 'closed' || !pulse.closedAt || !pulse.figuresFinalAt) return 'nothing';
  const closed = new Date(pulse.closedAt);
  if (now >= addMonths(closed, retention.responsesMonths)) return 'everything';
  if (now.getTime() >= closed.getTime() + retention.sendingDays * 86_400_000) return 'sending';
  return 'nothing';
}
