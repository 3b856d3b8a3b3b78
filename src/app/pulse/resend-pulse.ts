import { effectiveK, type Pulse, scopeOf } from '../../domain/model/pulse';
import type { Member } from '../../domain/model/member';
import { assertFacilitator } from '../access-rules';
import { recordAudit } from '../audit';
import { auditActorOf, type Actor } from '../ports';
import { directDelivery, reachable } from './deliver-pulse-cards';
import { chosenOpenPulse, NoPulseError, pulseTargets } from './pulse-lookup';
import type { AudienceDeps, RemindPulseDeps, RemindPulseResult } from './remind-pulse';
import { shownReminderCounts } from './reminder-counts';
import { surveyCards } from './survey-card-kinds';

export type ResendPulseDeps = Omit<RemindPulseDeps, 'reminders'>;

/** Who a resend goes to: invited, reachable, and not in the ledger at all (never started). */
export async function notStartedAudience(deps: AudienceDeps, pulse: Pulse): Promise<{ invited: number; recipients: Member[] }> {
  const scope = scopeOf(pulse);
  const [deliveries, ledger, members] = await Promise.all([deps.deliveries.list(scope), deps.submissions.listLedger(scope), deps.members.list(pulse.collaborativeId)]);
  // Anyone with a ledger row has started (or finished): never sent the card again.
  const started = new Set(ledger.map((e) => e.respondentKey));
  const byId = new Map(reachable(members).map((m) => [m.aadObjectId!, m]));
  const recipients = deliveries.flatMap((d) => {
    if (started.has(deps.respondentKey(scope, d.aadObjectId)) || d.status === 'blocked' || d.status === 'not_found') return [];
    const member = byId.get(d.aadObjectId);
    return member ? [member] : [];
  });
  return { invited: deliveries.length, recipients };
}

/** Resend rounds are reminder rounds by name (a pulse's rounds are 'invite' or 'remind-...'), told apart by this. */
const RESEND_PREFIX = 'remind-resend';

/** A resend round, named by the hour: resends asked for within one hour reach each person once. */
export function resendRound(now: Date): string {
  return `${RESEND_PREFIX}${now.toISOString().slice(0, 13).replace(/[-T]/g, '')}`;
}

/** Whether a round is a resend (its timed re-run goes to those who have not started, see remind-job.ts). */
export function isResendRound(round: string): boolean {
  return round.startsWith(RESEND_PREFIX);
}

/**
 * Sends the survey card again (facilitators only) to everyone invited to the open pulse who
 * has not started it: no ledger row, so neither those who started nor those who finished.
 * The card is the pulse's own first card (a card kind, surveyCards), sent through the same
 * paced delivery as invitations and reminders, as its own round (at most one per person per
 * hour; in quiet hours it waits). Counts in the reply follow the k rule like a reminder's.
 * Audited as pulse.resent. `pulseId` (id or title) names the pulse when several are open.
 */
export async function resendPulse(deps: ResendPulseDeps, actor: Actor, collaborativeId: string, options: { pulseId?: string } = {}): Promise<RemindPulseResult> {
  const collaborative = (await deps.collaboratives.get(collaborativeId)).value;
  await assertFacilitator(deps.members, collaborative, actor, 'send the survey card again');
  const pulse = await chosenOpenPulse(deps.pulses, collaborativeId, options.pulseId, 'pulse resend');
  if (!pulse) {
    throw new NoPulseError('There is no open pulse to send again.', `no open pulse ${options.pulseId ?? ''} in ${collaborativeId}`);
  }
  const now = deps.clock();
  const [audience, workgroups] = await Promise.all([notStartedAudience(deps, pulse), deps.workgroups.list(collaborativeId)]);
  const k = effectiveK(pulse, collaborative.k);
  const deliver = deps.deliver ?? directDelivery(deps);
  const round = resendRound(now);
  const card = surveyCards(pulse, k, pulseTargets(pulse, workgroups), false);
  const summary = await deliver({ scope: scopeOf(pulse), recipients: audience.recipients, card, purpose: 'remind', round });
  const resent = summary.queued ?? summary.sent;
  await recordAudit({ storage: deps, clock: () => now, actor: auditActorOf(actor) }, collaborativeId, 'pulse.resent', pulse.id, {
    round,
    resent,
    failed: summary.failed,
    ...(summary.notBefore ? { notBefore: summary.notBefore } : {}),
  });
  return {
    nobodyToRemind: audience.recipients.length === 0,
    ...shownReminderCounts({ invited: audience.invited, reminded: resent, failed: summary.failed }, k),
    queued: summary.queued !== undefined,
    ...(summary.notBefore ? { notBefore: summary.notBefore } : {}),
  };
}
