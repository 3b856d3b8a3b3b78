import { IllegalStateError, ValidationError } from '../../domain/errors';
import { effectiveK, methodFields, type Pulse, scopeOf } from '../../domain/model/pulse';
import { ConcurrencyError } from '../../storage/storage-errors';
import type { Storage } from '../../storage/storage';
import { assertFacilitator } from '../access-rules';
import { recordAudit } from '../audit';
import { auditActorOf, type Actor, type CardSender, type Clock, type Logger, type MemberDirectory, type WorkgroupDirectory } from '../ports';
import { directDelivery, reachable, type DeliverPulseCards } from './deliver-pulse-cards';
import { nextPulseId, pulseTargets } from './pulse-lookup';
import { assertNoOverlap, defaultScopedTitle, resolveScope, type ScopeChoice } from './pulse-scope-choice';
import { invitesWorkgroup } from '../../domain/model/pulse-scope';
import { surveyCards } from './survey-card-kinds';

export const DEFAULT_CLOSES_IN_DAYS = 14;
export const MAX_CLOSES_IN_DAYS = 90;
/** Days after opening on which people who have not answered are reminded. */
export const DEFAULT_REMINDER_DAYS = [3, 6] as const;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface StartPulseOptions extends ScopeChoice {
  /** The pulse's name on its cards (up to 200 characters); made from its scope when scoped and not given. */
  title?: string;
  /** The focal work process to ask about; the collaborative's own when not given. */
  focalProcess?: string;
  /** Days until the pulse closes (1-90); 14 when not given. */
  closesInDays?: number;
}

export interface StartPulseDeps {
  collaboratives: Pick<Storage['collaboratives'], 'get'>;
  pulses: Pick<Storage['pulses'], 'list' | 'create' | 'advance'>;
  deliveries: Pick<Storage['deliveries'], 'ensurePending' | 'modify'>;
  audit: Pick<Storage['audit'], 'record'>;
  workgroups: WorkgroupDirectory;
  members: MemberDirectory;
  sender: CardSender;
  clock: Clock;
  log: Logger;
  /** How the cards go out: the bot passes the queue fan-out; directly from here when not given. */
  deliver?: DeliverPulseCards;
  /** Records the pulse's timed work (reminders, closing); none when not given. */
  scheduler?: PulseScheduler;
}

/** Where a pulse's timed work is recorded, so that any instance does it when it is due. */
export interface PulseScheduler {
  pulseOpened(pulse: Pulse): Promise<void>;
  /** Someone in the open pulse's collaborative can be reached now: invite whoever has no card yet. */
  membersReachable(pulse: Pulse): Promise<void>;
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

function checkOptions(options: StartPulseOptions): { focalProcess?: string; closesInDays: number } {
  const closesInDays = options.closesInDays ?? DEFAULT_CLOSES_IN_DAYS;
  if (!Number.isInteger(closesInDays) || closesInDays < 1 || closesInDays > MAX_CLOSES_IN_DAYS) {
    throw new ValidationError(`A pulse closes in 1 to ${MAX_CLOSES_IN_DAYS} whole days, for example "closes in 14 days".`);
  }
  const focalProcess = options.focalProcess?.trim();
  if (focalProcess !== undefined && (focalProcess.length === 0 || focalProcess.length > 300)) {
    throw new ValidationError('The focal work process is 1 to 300 characters, for example "admission to the mother and baby unit".');
  }
  return { ...(focalProcess ? { focalProcess } : {}), closesInDays };
}

const alreadyOpen = (detail: string) =>
  new IllegalStateError('Another pulse was started at the same moment. Please check "pulse status" and try again if you still need this one.', detail, 'pulse_already_open');

/**
 * Starts a pulse (facilitators only): validate -> load the collaborative and its active
 * workgroups -> decide the pulse (targets, focal process, closing date, reminders, and its
 * method: k, minItems, bands and wording, fixed for its lifetime) -> save it draft then
 * open, with an audit entry -> send every reachable member the first survey card, with a
 * delivery row each. A scope (asking / rating) limits who is invited and which groups are
 * rated; refused while an open pulse already asks any of the same groups.
 */
export async function startPulse(
  deps: StartPulseDeps,
  actor: Actor,
  collaborativeId: string,
  options: StartPulseOptions = {},
): Promise<StartPulseResult> {
  const { focalProcess, closesInDays } = checkOptions(options);

  const collaborative = (await deps.collaboratives.get(collaborativeId)).value;
  await assertFacilitator(deps.members, collaborative, actor, 'start a pulse');
  const [pulses, workgroups, members] = await Promise.all([
    deps.pulses.list(collaborativeId),
    deps.workgroups.list(collaborativeId),
    deps.members.list(collaborativeId),
  ]);
  const active = workgroups.filter((w) => w.retiredAt === undefined);
  if (active.length === 0) {
    throw new IllegalStateError('There are no workgroups to ask about yet. Please add them in setup first.', `no workgroups in ${collaborativeId}`);
  }
  // Several pulses may be open at once, as long as nobody is asked in two of them.
  const scope = resolveScope(options, active);
  assertNoOverlap(scope, pulses, workgroups);
  const title = options.title?.trim().slice(0, 200) || defaultScopedTitle(scope, workgroups);

  const now = deps.clock();
  const at = now.toISOString();
  const draft: Pulse = {
    collaborativeId,
    id: nextPulseId(collaborativeId, pulses),
    kind: 'survey',
    focalProcess: focalProcess ?? collaborative.focalProcess,
    ...(title ? { title } : {}),
    ...scope,
    status: 'draft',
    opensAt: at,
    closesAt: new Date(now.getTime() + closesInDays * DAY_MS).toISOString(),
    // Reminders after the closing day would never be sent.
    reminderDays: DEFAULT_REMINDER_DAYS.filter((d) => d < closesInDays),
    // Fixed now (k, minItems, bands, wording), so a later change of the collaborative's
    // settings cannot weaken this pulse's anonymity or change its figures.
    ...methodFields(collaborative),
    createdAt: at,
  };

  let pulse: Pulse;
  try {
    pulse = (await deps.pulses.advance(await deps.pulses.create(draft), 'open', at)).value;
  } catch (error) {
    // Two facilitators starting at once pick the same next id: storage lets one win.
    if (error instanceof ConcurrencyError) throw alreadyOpen(`lost the race to start ${draft.id}: ${error.message}`);
    throw error;
  }
  await recordAudit({ storage: deps, clock: () => now, actor: auditActorOf(actor) }, collaborativeId, 'pulse.opened', pulse.id, {
    targets: pulse.targetWorkgroupIds.length,
    closesAt: pulse.closesAt,
    k: pulse.k,
  });

  // Before the cards: if this instance stops now, the pulse still closes and reminds on time.
  await deps.scheduler?.pulseOpened(pulse);

  const recipients = reachable(members).filter((m) => invitesWorkgroup(pulse, m.workgroupId));
  const targets = pulseTargets(pulse, workgroups);
  // Pre-selected from the roster, when the person's group is one the pulse asks about.
  const k = effectiveK(pulse, collaborative.k);
  const deliver = deps.deliver ?? directDelivery(deps);
  const summary = await deliver({ scope: scopeOf(pulse), recipients, card: surveyCards(pulse, k, targets, false), purpose: 'invite' });
  const { sent, blocked, failed, queued } = summary;
  return { pulse, invited: recipients.length, sent, blocked, failed, ...(queued !== undefined ? { queued } : {}), unreachable: members.filter((m) => invitesWorkgroup(pulse, m.workgroupId)).length - recipients.length };
}

