import { IllegalStateError, ValidationError } from '../../domain/errors';
import { MAX_OPEN_DAYS } from '../../domain/pulse-lifecycle';
import type { Pulse, PulseInput } from '../../domain/model/pulse';
import type { Workgroup } from '../../domain/model/workgroup';
import type { Versioned } from '../../storage/entity-table';
import { ConcurrencyError } from '../../storage/storage-errors';
import type { Storage } from '../../storage/storage';
import { assertFacilitator } from '../access-rules';
import { auditActorOf, type Actor, type MemberDirectory, type WorkgroupDirectory } from '../ports';
import { openDraft, type OpenPulseDeps, type PulseScheduler, type StartPulseResult } from './open-pulse';
import { nextPulseId } from './pulse-lookup';
import { assertNoOverlap, defaultScopedTitle, resolveScope, type ScopeChoice } from './pulse-scope-choice';

export const DEFAULT_CLOSES_IN_DAYS = 14;
/** The longest a pulse may be open, as started: the lifecycle's limit (8 weeks). */
export const MAX_CLOSES_IN_DAYS = MAX_OPEN_DAYS;
/** Days after opening on which people who have not answered are reminded. */
export const DEFAULT_REMINDER_DAYS = [3, 6] as const;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface StartPulseOptions extends ScopeChoice {
  /** The pulse's name on its cards (up to 200 characters); made from its scope when scoped and not given. */
  title?: string;
  /** The focal work process to ask about; the collaborative's own when not given. */
  focalProcess?: string;
  /** Days until the pulse closes (1 to MAX_CLOSES_IN_DAYS); 14 when not given. */
  closesInDays?: number;
}

export interface StartPulseDeps extends Omit<OpenPulseDeps, 'pulses'> {
  collaboratives: Pick<Storage['collaboratives'], 'get'>;
  pulses: Pick<Storage['pulses'], 'list' | 'create' | 'update'>;
  workgroups: WorkgroupDirectory;
  members: MemberDirectory;
}

export type { PulseScheduler, StartPulseResult };

/** Days after opening on which a pulse open `closesInDays` reminds: those before it closes. */
export function reminderDaysFor(closesInDays: number): number[] {
  // Reminders after the closing day would never be sent.
  return DEFAULT_REMINDER_DAYS.filter((d) => d < closesInDays);
}

/** The workgroups a new pulse may ask about; refused when there are none yet. */
export function activeWorkgroups(collaborativeId: string, workgroups: readonly Workgroup[]): Workgroup[] {
  const active = workgroups.filter((w) => w.retiredAt === undefined);
  if (active.length === 0) {
    throw new IllegalStateError('There are no workgroups to ask about yet. Please add them in setup first.', `no workgroups in ${collaborativeId}`);
  }
  return active;
}

/** A pulse's focal process and how many days it stays open, checked (ValidationError in plain words). */
export function checkStartOptions(options: StartPulseOptions): { focalProcess?: string; closesInDays: number } {
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
 * Starts a pulse now (facilitators only): validate -> load the collaborative and its active
 * workgroups -> decide the pulse (targets, focal process, closing date, reminders) -> save
 * it as a draft -> open it (openDraft: its method, k, minItems, bands and wording, is copied
 * then and fixed for its lifetime; audit; timed work; the first survey card to every
 * reachable member, with a delivery row each). A scope (asking / rating) limits who is
 * invited and which groups are rated; refused while an open pulse already asks any of the
 * same groups.
 */
export async function startPulse(
  deps: StartPulseDeps,
  actor: Actor,
  collaborativeId: string,
  options: StartPulseOptions = {},
): Promise<StartPulseResult> {
  const { focalProcess, closesInDays } = checkStartOptions(options);

  const collaborative = (await deps.collaboratives.get(collaborativeId)).value;
  await assertFacilitator(deps.members, collaborative, actor, 'start a pulse');
  const [pulses, workgroups, members] = await Promise.all([
    deps.pulses.list(collaborativeId),
    deps.workgroups.list(collaborativeId),
    deps.members.list(collaborativeId),
  ]);
  const active = activeWorkgroups(collaborativeId, workgroups);
  // Several pulses may be open at once, as long as nobody is asked in two of them.
  const scope = resolveScope(options, active);
  assertNoOverlap(scope, pulses, workgroups);
  const title = options.title?.trim().slice(0, 200) || defaultScopedTitle(scope, workgroups);

  const now = deps.clock();
  const at = now.toISOString();
  const draft: PulseInput = {
    collaborativeId,
    id: nextPulseId(collaborativeId, pulses),
    kind: 'survey',
    focalProcess: focalProcess ?? collaborative.focalProcess,
    ...(title ? { title } : {}),
    ...scope,
    status: 'draft',
    opensAt: at,
    closesAt: new Date(now.getTime() + closesInDays * DAY_MS).toISOString(),
    reminderDays: reminderDaysFor(closesInDays),
    // The method (k, minItems, bands, wording) is copied as it opens (openDraft).
    createdAt: at,
  };

  let created: Versioned<Pulse>;
  try {
    created = await deps.pulses.create(draft);
  } catch (error) {
    // Two facilitators starting at once pick the same next id: storage lets one win.
    if (error instanceof ConcurrencyError) throw alreadyOpen(`lost the race to start ${draft.id}: ${error.message}`);
    throw error;
  }
  return openDraft(deps, created, { collaborative, workgroups, members, actor: auditActorOf(actor), now });
}
