import type { Collaborative } from '../../domain/model/collaborative';
import type { Member } from '../../domain/model/member';
import { advancePulse, effectiveK, methodFields, type Pulse, scopeOf } from '../../domain/model/pulse';
import { invitesWorkgroup } from '../../domain/model/pulse-scope';
import type { Workgroup } from '../../domain/model/workgroup';
import type { Versioned } from '../../storage/entity-table';
import type { Storage } from '../../storage/storage';
import { recordAudit } from '../audit';
import type { AuditActor, CardSender, Clock, Logger } from '../ports';
import { directDelivery, reachable, type DeliverPulseCards } from './deliver-pulse-cards';
import { pulseTargets } from './pulse-lookup';
import { surveyCards } from './survey-card-kinds';

/**
 * Opening a draft pulse and sending its cards: the one path both "start a pulse now" and a
 * scheduled pulse's open job take, so a pulse opens the same way whoever opens it.
 */

/** Where a pulse's timed work is recorded, so that any instance does it when it is due. */
export interface PulseScheduler {
  pulseOpened(pulse: Pulse): Promise<void>;
  /** Someone in the open pulse's collaborative can be reached now: invite whoever has no card yet. */
  membersReachable(pulse: Pulse): Promise<void>;
}

export interface OpenPulseDeps {
  pulses: Pick<Storage['pulses'], 'update'>;
  deliveries: Pick<Storage['deliveries'], 'ensurePending' | 'modify'>;
  audit: Pick<Storage['audit'], 'record'>;
  sender: CardSender;
  clock: Clock;
  log: Logger;
  /** How the cards go out: the queue fan-out; directly from here when not given. */
  deliver?: DeliverPulseCards;
  /** Records the pulse's timed work (reminders, closing); none when not given. */
  scheduler?: PulseScheduler;
}

/** What is known when a draft opens, read once by the caller. */
export interface OpeningContext {
  collaborative: Collaborative;
  workgroups: readonly Workgroup[];
  members: readonly Member[];
  /** Who opens it: the facilitator starting it now, or the system for a scheduled one. */
  actor: AuditActor;
  now: Date;
}

export interface StartPulseResult {
  pulse: Pulse;
  /** People sent the survey card: installed members the bot can reach. */
  invited: number;
  sent: number;
  /** They blocked or removed the app, or their chat no longer exists. */
  blocked: number;
  failed: number;
  /** Cards on their way through the queue (sent, blocked and failed are then counted as they go). */
  queued?: number;
  /** People on the list the bot cannot reach yet (the app is not installed for them). */
  unreachable: number;
}

/**
 * Opens the draft read as `draft` (with its ETag, so a change since, such as an edit or a
 * cancel, makes this fail with ConcurrencyError and nothing is sent) -> copies the
 * collaborative's method now (k, minItems, bands, wording: fixed for the pulse's lifetime)
 * and keeps it open as long as planned, counted from now -> audit 'pulse.opened' -> records
 * its timed work -> sends every reachable member it asks the first survey card.
 */
export async function openDraft(deps: OpenPulseDeps, draft: Versioned<Pulse>, context: OpeningContext): Promise<StartPulseResult> {
  const { collaborative, workgroups, members, now } = context;
  const at = now.toISOString();
  const planned = draft.value;
  const openFor = planned.opensAt && planned.closesAt ? Date.parse(planned.closesAt) - Date.parse(planned.opensAt) : undefined;
  const opening: Pulse = {
    ...planned,
    ...methodFields(collaborative),
    ...(openFor !== undefined ? { closesAt: new Date(now.getTime() + openFor).toISOString() } : {}),
  };
  const pulse = (await deps.pulses.update(draft, advancePulse(opening, 'open', at))).value;
  await recordAudit({ storage: deps, clock: () => now, actor: context.actor }, pulse.collaborativeId, 'pulse.opened', pulse.id, {
    targets: pulse.targetWorkgroupIds.length,
    closesAt: pulse.closesAt,
    k: pulse.k,
    ...(planned.schedule ? { scheduledFor: planned.opensAt } : {}),
  });

  // Before the cards: if this instance stops now, the pulse still closes and reminds on time.
  await deps.scheduler?.pulseOpened(pulse);

  const asked = members.filter((m) => invitesWorkgroup(pulse, m.workgroupId));
  const recipients = reachable(asked);
  const targets = pulseTargets(pulse, workgroups);
  const k = effectiveK(pulse, collaborative.k);
  const deliver = deps.deliver ?? directDelivery(deps);
  const summary = await deliver({ scope: scopeOf(pulse), recipients, card: surveyCards(pulse, k, targets, false), purpose: 'invite' });
  const { sent, blocked, failed, queued } = summary;
  return { pulse, invited: recipients.length, sent, blocked, failed, ...(queued !== undefined ? { queued } : {}), unreachable: asked.length - recipients.length };
}
