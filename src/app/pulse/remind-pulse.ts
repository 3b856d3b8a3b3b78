import type { Member } from '../../domain/model/member';
import { effectiveK, type Pulse } from '../../domain/model/pulse';
import type { Storage } from '../../storage/storage';
import { assertFacilitator } from '../access-rules';
import type { Actor, CardSender, Clock, Logger, MemberDirectory, WorkgroupDirectory } from '../ports';
import { directDelivery, reachable, type DeliverPulseCards } from './deliver-pulse-cards';
import { findOpenPulse, NoPulseError, pulseTargets, scopeOf } from './pulse-lookup';
import { surveyCards } from './survey-card-kinds';

export interface RemindPulseDeps {
  collaboratives: Pick<Storage['collaboratives'], 'get'>;
  pulses: Pick<Storage['pulses'], 'list'>;
  deliveries: Pick<Storage['deliveries'], 'list' | 'ensurePending' | 'modify'>;
  submissions: Pick<Storage['submissions'], 'listLedger'>;
  audit: Pick<Storage['audit'], 'record'>;
  respondentKey: Storage['respondentKey'];
  workgroups: WorkgroupDirectory;
  members: MemberDirectory;
  sender: CardSender;
  clock: Clock;
  log: Logger;
  deliver?: DeliverPulseCards;
}

export interface RemindPulseResult {
  /** Reminders delivered (sent directly), or on their way (through the queue). */
  reminded: number;
  /** Through the queue: how many are on their way (the workers send them at Teams' rate). */
  queued?: number;
  /** Invited people who have finished: never reminded. */
  answered: number;
  /** Invited people who blocked or removed the app (now or before): not sent again. */
  blocked: number;
  failed: number;
  /** When it is quiet hours now: the reminders wait until this instant. */
  notBefore?: string;
}

/** Who a reminder round goes to, and who it leaves out. */
export interface ReminderAudience {
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
  const audience: ReminderAudience = { recipients: [], answered: 0, blocked: 0 };
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
 * (facilitators only; `pulseId`, from a card, must be that open pulse). Through the queue,
 * reminders wait for the end of quiet hours.
 */
export async function remindPulse(
  deps: RemindPulseDeps,
  actor: Actor,
  collaborativeId: string,
  options: { pulseId?: string } = {},
): Promise<RemindPulseResult> {
  const collaborative = (await deps.collaboratives.get(collaborativeId)).value;
  await assertFacilitator(deps.members, collaborative, actor, 'send reminders');
  const pulse = await findOpenPulse(deps.pulses, collaborativeId);
  // A button on an old status card must not nudge people about a different, newer pulse.
  if (!pulse || (options.pulseId && options.pulseId !== pulse.id)) {
    throw new NoPulseError(
      options.pulseId ? 'That pulse has closed, so there is nobody to remind about it.' : 'There is no open pulse to send reminders about.',
      `no open pulse ${options.pulseId ?? ''} in ${collaborativeId}`,
    );
  }
  const [audience, workgroups] = await Promise.all([reminderAudience(deps, pulse), deps.workgroups.list(collaborativeId)]);
  const targets = pulseTargets(pulse, workgroups);
  const k = effectiveK(pulse, collaborative.k);
  const deliver = deps.deliver ?? directDelivery(deps);
  const summary = await deliver({
    scope: scopeOf(pulse),
    recipients: audience.recipients,
    card: surveyCards(pulse, k, targets, true),
    purpose: 'remind',
    round: manualReminderRound(deps.clock()),
  });

  const result: RemindPulseResult = {
    reminded: summary.queued ?? summary.sent,
    ...(summary.queued !== undefined ? { queued: summary.queued } : {}),
    answered: audience.answered,
    blocked: audience.blocked + summary.blocked,
    failed: summary.failed,
    ...(summary.notBefore ? { notBefore: summary.notBefore } : {}),
  };
  await deps.audit.record({
    collaborativeId,
    at: deps.clock().toISOString(),
    actorId: actor.aadObjectId,
    ...(actor.displayName ? { actorName: actor.displayName } : {}),
    action: 'pulse.reminded',
    subject: pulse.id,
    details: { reminded: result.reminded, blocked: result.blocked, failed: result.failed },
  });
  return result;
}
