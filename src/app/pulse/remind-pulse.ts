import type { Member } from '../../domain/model/member';
import { effectiveK, type Pulse, scopeOf } from '../../domain/model/pulse';
import type { Storage } from '../../storage/storage';
import { assertFacilitator } from '../access-rules';
import { recordAudit } from '../audit';
import { auditActorOf, type Actor, type CardSender, type Clock, type Logger, type MemberDirectory, type WorkgroupDirectory } from '../ports';
import { directDelivery, reachable, type DeliverPulseCards } from './deliver-pulse-cards';
import { namesPulse, NoPulseError, openPulses, pulseTargets, WhichPulseError } from './pulse-lookup';
import { shownReminderCounts, type ShownCount } from './reminder-counts';
import { assertReminderAllowed } from './reminder-gate';
import { surveyCards } from './survey-card-kinds';

export interface RemindPulseDeps {
  collaboratives: Pick<Storage['collaboratives'], 'get'>;
  pulses: Pick<Storage['pulses'], 'list'>;
  deliveries: Pick<Storage['deliveries'], 'list' | 'ensurePending' | 'modify'>;
  submissions: Pick<Storage['submissions'], 'listLedger'>;
  audit: Pick<Storage['audit'], 'record' | 'list'>;
  reminders: Pick<Storage['reminders'], 'countByStatus'>;
  respondentKey: Storage['respondentKey'];
  workgroups: WorkgroupDirectory;
  members: MemberDirectory;
  sender: CardSender;
  clock: Clock;
  log: Logger;
  deliver?: DeliverPulseCards;
}

/**
 * What a reminder round did, as the reply to the facilitator may say it: counts follow the k
 * rule and complementary suppression (reminder-counts.ts), so "invited - reminded" never gives
 * a count below k. Exact counts go to the audit trail only.
 */
export interface RemindPulseResult {
  /** Nobody could be reminded: everyone invited who can be reached has answered. */
  nobodyToRemind: boolean;
  /** People reminded (sent directly) or about to be (through the queue). */
  reminded: ShownCount;
  /** Through the queue: the reminders are on their way (the workers send them at Teams' rate). */
  queued: boolean;
  /** Reminders that could not be delivered just now (sent directly). */
  failed: ShownCount;
  /** When it is quiet hours now: the reminders wait until this instant. */
  notBefore?: string;
}

/** Who a reminder round goes to, and who it leaves out. */
export interface ReminderAudience {
  /** Everyone invited (an invitation row each). */
  invited: number;
  recipients: Member[];
  /** Invited people who have finished. */
  answered: number;
  /** Invited people the bot can no longer reach. */
  blocked: number;
}

/** What reminderAudience reads. */
export type AudienceDeps = Pick<RemindPulseDeps, 'deliveries' | 'submissions' | 'members' | 'respondentKey'>;

/**
 * Everyone invited to the pulse who has not finished it and can still be reached. Who has
 * finished is read from the ledger by each person's respondent key (rc-measurement.md
 * section 4), so nobody who answered is ever nudged, and the ledger never learns anyone's name.
 */
export async function reminderAudience(deps: AudienceDeps, pulse: Pulse): Promise<ReminderAudience> {
  const scope = scopeOf(pulse);
  const [deliveries, ledger, members] = await Promise.all([
    deps.deliveries.list(scope),
    deps.submissions.listLedger(scope),
    deps.members.list(pulse.collaborativeId),
  ]);
  const finished = new Set(ledger.filter((e) => e.status === 'finished').map((e) => e.respondentKey));
  const byId = new Map(reachable(members).map((m) => [m.aadObjectId!, m]));
  const audience: ReminderAudience = { invited: deliveries.length, recipients: [], answered: 0, blocked: 0 };
  for (const d of deliveries) {
    if (finished.has(deps.respondentKey(scope, d.aadObjectId))) audience.answered += 1;
    else if (d.status === 'blocked' || d.status === 'not_found') audience.blocked += 1;
    else {
      const member = byId.get(d.aadObjectId);
      // Someone who has since removed the app cannot be reached: count them with blocked.
      if (member) audience.recipients.push(member);
      else audience.blocked += 1;
    }
  }
  return audience;
}

const MANUAL_ROUND = 'remind-m';

/** A facilitator's reminder round, named by the minute: two presses in one minute remind once. */
export function manualReminderRound(now: Date): string {
  return `${MANUAL_ROUND}${now.toISOString().slice(0, 16).replace(/[-:T]/g, '')}`;
}

/** Whether a round is one a facilitator asked for (its own audit entry names them). */
export function isManualReminderRound(round: string): boolean {
  return round.startsWith(MANUAL_ROUND);
}

/**
 * Sends a gentle reminder to everyone invited to the open pulse who has not finished it
 * (facilitators only; `pulseId`, from a card, must be that open pulse). Refused while another
 * round went less than an hour ago (reminder-gate.ts). Through the queue, reminders wait for
 * the end of quiet hours.
 */
export async function remindPulse(
  deps: RemindPulseDeps,
  actor: Actor,
  collaborativeId: string,
  options: { pulseId?: string } = {},
): Promise<RemindPulseResult> {
  const collaborative = (await deps.collaboratives.get(collaborativeId)).value;
  await assertFacilitator(deps.members, collaborative, actor, 'send reminders');
  const open = await openPulses(deps.pulses, collaborativeId);
  if (!options.pulseId && open.length > 1) throw new WhichPulseError(open, 'pulse remind');
  // A button on an old status card must not nudge people about a different, newer pulse.
  const pulse = options.pulseId ? open.find((p) => namesPulse(p, options.pulseId!)) : open[0];
  if (!pulse) {
    throw new NoPulseError(
      options.pulseId ? 'That pulse has closed, so there is nobody to remind about it.' : 'There is no open pulse to send reminders about.',
      `no open pulse ${options.pulseId ?? ''} in ${collaborativeId}`,
    );
  }
  const now = deps.clock();
  await assertReminderAllowed(deps, pulse, now);
  const [audience, workgroups] = await Promise.all([reminderAudience(deps, pulse), deps.workgroups.list(collaborativeId)]);
  const targets = pulseTargets(pulse, workgroups);
  const k = effectiveK(pulse, collaborative.k);
  const deliver = deps.deliver ?? directDelivery(deps);
  const round = manualReminderRound(now);
  const summary = await deliver({ scope: scopeOf(pulse), recipients: audience.recipients, card: surveyCards(pulse, k, targets, true), purpose: 'remind', round });

  const reminded = summary.queued ?? summary.sent;
  // The round and when it goes: the next round waits an hour after it (reminder-gate.ts).
  await recordAudit({ storage: deps, clock: () => now, actor: auditActorOf(actor) }, collaborativeId, 'pulse.reminded', pulse.id, {
    round,
    reminded,
    blocked: audience.blocked + summary.blocked,
    failed: summary.failed,
    ...(summary.notBefore ? { notBefore: summary.notBefore } : {}),
  });
  return {
    nobodyToRemind: audience.recipients.length === 0,
    ...shownReminderCounts({ invited: audience.invited, reminded, failed: summary.failed }, k),
    queued: summary.queued !== undefined,
    ...(summary.notBefore ? { notBefore: summary.notBefore } : {}),
  };
}
