import type { CancelPulseConfirmView } from '../../cards/pulse-lifecycle-cards';
import { IllegalStateError } from '../../domain/errors';
import { effectiveK, type Pulse, type PulseScope, scopeOf } from '../../domain/model/pulse';
import { ConcurrencyError } from '../../storage/storage-errors';
import type { Storage } from '../../storage/storage';
import { assertFacilitator } from '../access-rules';
import { recordAudit } from '../audit';
import { auditActorOf, type Actor, type Clock, type MemberDirectory } from '../ports';
import { namesPulse, NoPulseError, WhichPulseError } from './pulse-lookup';
import { ensureNextOccurrence } from './jobs/next-occurrence';
import { DEFAULT_SCHEDULE_SETTINGS, type ScheduleSettings } from './schedule-plan';

/** How long after a cancel its close job looks once more for anything a racing write left. */
export const CANCEL_SWEEP_AFTER_MS = 10 * 60_000;

/** What the purge of a cancelled pulse's answers touches. */
export interface CancelPurgeDeps {
  submissions: Pick<Storage['submissions'], 'advanceIntake' | 'purgeAnswers'>;
  responses: Pick<Storage['responses'], 'deleteAll'>;
}

export interface CancelPulseDeps extends CancelPurgeDeps {
  collaboratives: Pick<Storage['collaboratives'], 'get'>;
  submissions: CancelPurgeDeps['submissions'] & Pick<Storage['submissions'], 'listLedger'>;
  jobs: Pick<Storage['jobs'], 'endAll' | 'dueBy' | 'schedule' | 'claimOnce'>;
  pulses: Pick<Storage['pulses'], 'list' | 'get' | 'advance' | 'create'>;
  audit: Pick<Storage['audit'], 'record'>;
  members: MemberDirectory;
  clock: Clock;
  /** The time zone and quiet hours a repeating series' next opening is worked out in (UK defaults when not given). */
  schedule?: ScheduleSettings;
}

export type CancelPulseResult =
  | { kind: 'confirm'; view: CancelPulseConfirmView }
  | { kind: 'cancelled'; pulse: Pulse; alreadyCancelled: boolean };

/**
 * Deletes everything of a cancelled pulse's answers, in an order that lets no answer land
 * afterwards: the intake sealed (no submit commits from now on) and made final (a release
 * racing this deletes what it finds rather than counting it), then the pending and released
 * responses, the drafts and the ledger (who started or finished). Safe to run again; the
 * cancel's sweep (close-job.ts) runs it once more a little later.
 */
export async function purgeCancelled(deps: CancelPurgeDeps, scope: PulseScope, at: string): Promise<{ answers: number; drafts: number; ledger: number }> {
  await deps.submissions.advanceIntake(scope, 'sealed', at);
  await deps.submissions.advanceIntake(scope, 'final', at);
  const purged = await deps.submissions.purgeAnswers(scope);
  const released = await deps.responses.deleteAll(scope);
  return { answers: purged.pending + released, drafts: purged.drafts, ledger: purged.ledger };
}

/**
 * The pulse a cancel is about: the one named (id or title), else the open survey pulse, else
 * the newest scheduled (draft) one. Never a guess between several open pulses: it asks which.
 */
async function pulseToCancel(deps: CancelPulseDeps, collaborativeId: string, pulseId?: string): Promise<Pulse> {
  const surveys = (await deps.pulses.list(collaborativeId)).filter((p) => p.kind === 'survey');
  const open = surveys.filter((p) => p.status === 'open');
  if (!pulseId && open.length > 1) throw new WhichPulseError(open, 'pulse cancel');
  const pulse = pulseId ? (surveys.find((p) => p.id === pulseId) ?? surveys.find((p) => namesPulse(p, pulseId))) : (open[0] ?? surveys.find((p) => p.status === 'draft'));
  if (!pulse) throw new NoPulseError('There is no open or scheduled pulse to cancel. Nothing was changed.', `no pulse to cancel in ${collaborativeId}`);
  if (pulse.status === 'closed') {
    throw new IllegalStateError('This pulse has closed and its results are final, so it cannot be cancelled. Nothing was changed.', `cancel of closed ${pulse.id}`, 'pulse_closed');
  }
  return pulse;
}

/** Moves the pulse to cancelled; of a cancel and a close at once one wins, and a lost close is said plainly. */
async function cancelRow(deps: CancelPulseDeps, pulse: Pulse, at: string): Promise<{ pulse: Pulse; alreadyCancelled: boolean }> {
  if (pulse.status === 'cancelled') return { pulse, alreadyCancelled: true };
  try {
    return { pulse: (await deps.pulses.advance(await deps.pulses.get(pulse.collaborativeId, pulse.id), 'cancelled', at)).value, alreadyCancelled: false };
  } catch (error) {
    if (!(error instanceof ConcurrencyError) && !(error instanceof IllegalStateError)) throw error;
    const now = (await deps.pulses.get(pulse.collaborativeId, pulse.id)).value;
    if (now.status === 'cancelled') return { pulse: now, alreadyCancelled: true };
    if (now.status === 'closed') throw new IllegalStateError('This pulse closed a moment ago and its results are final, so it cannot be cancelled.', `cancel lost to close of ${pulse.id}`, 'pulse_closed');
    throw error;
  }
}

/**
 * Cancels a scheduled or open pulse (facilitators only). Unconfirmed, it only says what will
 * happen (the confirmation card). Confirmed: the pulse becomes cancelled (new cards and
 * presses see it) -> every answer, draft and ledger row is deleted (purgeCancelled) -> its
 * timed work ends, but for one sweep a little later -> audit. Nothing of it is ever
 * published. Pressing "Yes" again finds it cancelled and purges again, harmlessly. A scheduled
 * pulse of a repeating series is skipped: the next one is planned as its opening would have.
 */
export async function cancelPulse(
  deps: CancelPulseDeps,
  actor: Actor,
  collaborativeId: string,
  options: { confirmed: boolean; pulseId?: string },
): Promise<CancelPulseResult> {
  const collaborative = (await deps.collaboratives.get(collaborativeId)).value;
  await assertFacilitator(deps.members, collaborative, actor, 'cancel a pulse');
  const found = await pulseToCancel(deps, collaborativeId, options.pulseId);
  if (!options.confirmed && found.status !== 'cancelled') {
    const answered = found.status === 'open' ? (await deps.submissions.listLedger(scopeOf(found))).filter((e) => e.status === 'finished').length : 0;
    const view = {
      pulseId: found.id,
      focalProcess: found.focalProcess,
      status: found.status as 'draft' | 'open',
      answered,
      k: effectiveK(found, collaborative.k),
      ...(found.status === 'draft' && found.schedule?.recurrence ? { repeats: true } : {}),
    };
    return { kind: 'confirm', view };
  }
  const now = deps.clock();
  const { pulse, alreadyCancelled } = await cancelRow(deps, found, now.toISOString());
  const scope = scopeOf(pulse);
  const deleted = await purgeCancelled(deps, scope, now.toISOString());
  await deps.jobs.endAll(scope, now.toISOString());
  // The close job, due again as a sweep: it purges once more what a write racing this left.
  await deps.jobs.dueBy({ ...scope, name: 'close', kind: 'close', phase: 'sweep', dueAt: new Date(now.getTime() + CANCEL_SWEEP_AFTER_MS).toISOString(), state: 'due' });
  // One scheduled pulse of a repeating series skipped (a week of winter pressures, say): the
  // series goes on. Its next pulse is made now, once, as its opening would have made it.
  if (pulse.openedAt === undefined && pulse.schedule?.recurrence) {
    await ensureNextOccurrence({ storage: deps, clock: deps.clock, ...(deps.schedule ?? DEFAULT_SCHEDULE_SETTINGS) }, pulse);
  }
  if (!alreadyCancelled) {
    await recordAudit({ storage: deps, clock: () => now, actor: auditActorOf(actor) }, collaborativeId, 'pulse.cancelled', pulse.id, {
      was: found.status,
      answersDeleted: deleted.answers,
      draftsDeleted: deleted.drafts,
    });
  }
  return { kind: 'cancelled', pulse, alreadyCancelled };
}
