import type { Member } from '../../domain/model/member';
import { effectiveK } from '../../domain/model/pulse';
import type { Storage } from '../../storage/storage';
import { assertFacilitator } from '../access-rules';
import type { Actor, CardSender, Clock, Logger, MemberDirectory, WorkgroupDirectory } from '../ports';
import { directDelivery, reachable, type DeliverPulseCards } from './deliver-pulse-cards';
import { firstSurveyCard } from '../survey/survey-step-cards';
import { findOpenPulse, NoPulseError, pulseTargets, scopeOf, withSelection } from './pulse-lookup';

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
  /** Reminders delivered. */
  reminded: number;
  /** Invited people who have finished: never reminded. */
  answered: number;
  /** Invited people who blocked or removed the app (now or before): not sent again. */
  blocked: number;
  failed: number;
}

/**
 * Sends a gentle reminder to everyone invited to the open pulse who has not finished it
 * (facilitators only; `pulseId`, from a card, must be that open pulse). Who has finished is read from the ledger by each person's respondent
 * key, so nobody who answered is ever nudged, and the ledger never learns anyone's name.
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
  const scope = scopeOf(pulse);

  const [deliveries, ledger, members, workgroups] = await Promise.all([
    deps.deliveries.list(scope),
    deps.submissions.listLedger(scope),
    deps.members.list(collaborativeId),
    deps.workgroups.list(collaborativeId),
  ]);
  const finished = new Set(ledger.filter((e) => e.status === 'finished').map((e) => e.respondentKey));
  const byId = new Map(reachable(members).map((m) => [m.aadObjectId!, m]));

  let answered = 0;
  let alreadyBlocked = 0;
  const recipients: Member[] = [];
  for (const d of deliveries) {
    if (finished.has(deps.respondentKey(scope, d.aadObjectId))) answered += 1;
    else if (d.status === 'blocked' || d.status === 'not_found') alreadyBlocked += 1;
    else {
      const member = byId.get(d.aadObjectId);
      // Someone who has since removed the app cannot be reached: count them with blocked.
      if (member) recipients.push(member);
      else alreadyBlocked += 1;
    }
  }

  const targets = pulseTargets(pulse, workgroups);
  const k = effectiveK(pulse, collaborative.k);
  const cardFor = (member: Member) => firstSurveyCard(pulse, k, targets, { ...withSelection(member.workgroupId), isReminder: true });
  const deliver = deps.deliver ?? directDelivery(deps);
  const summary = await deliver({ scope, recipients, cardFor, purpose: 'remind' });

  const result: RemindPulseResult = { reminded: summary.sent, answered, blocked: alreadyBlocked + summary.blocked, failed: summary.failed };
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
