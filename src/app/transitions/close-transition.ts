import { ForbiddenError, IllegalStateError } from '../../domain/errors';
import { pulseMethod, type Pulse, type PulseScope } from '../../domain/model/pulse';
import { closeTransitionCheck, transitionDueToClose, type TransitionCheck, type TransitionCloseReason } from '../../domain/model/transition';
import { publishTransition, type TransitionPublication } from '../../domain/transition-figures';
import { DEFAULT_TRANSITION_K } from '../../domain/anonymity';
import { ConcurrencyError } from '../../storage/storage-errors';
import type { Versioned } from '../../storage/entity-table';
import { isFacilitator } from '../access-rules';
import { recordAudit } from '../audit';
import { auditActorOf, SYSTEM_ACTOR, type Actor, type AuditActor } from '../ports';
import type { TransitionDeps } from './transition-deps';
import { transitionRetentionJob } from './transition-job-inputs';

/**
 * Closing a transition check, whoever closes it: everyone invited has answered (after a staff
 * or a family submit), the end of its window (the timed job), or its starter or a facilitator
 * by command. Then, and only then, its figures are published, once.
 */

type CloseDeps = Pick<TransitionDeps, 'storage' | 'clock' | 'log'>;

/** What closing did. */
export interface CloseTransitionResult {
  check: TransitionCheck;
  publication: TransitionPublication;
  /** True when it had closed already (another close, or an earlier run, won). */
  alreadyClosed: boolean;
}

/** Moves the check's row open -> closed for `reason`; of two closes at once, one wins. */
async function closeRow(deps: CloseDeps, scope: PulseScope, reason: TransitionCloseReason): Promise<{ row: TransitionCheck; alreadyClosed: boolean }> {
  const found = await deps.storage.transitions.get(scope.collaborativeId, scope.pulseId);
  if (found.value.status === 'closed') return { row: found.value, alreadyClosed: true };
  try {
    const next = closeTransitionCheck(found.value, reason, deps.clock().toISOString());
    return { row: (await deps.storage.transitions.update(found, next)).value, alreadyClosed: false };
  } catch (error) {
    if (!(error instanceof ConcurrencyError)) throw error;
    const again = (await deps.storage.transitions.get(scope.collaborativeId, scope.pulseId)).value;
    if (again.status !== 'closed') throw error;
    return { row: again, alreadyClosed: true };
  }
}

/** Moves the check's pulse open -> closed, if it is not yet. */
async function closePulseRow(deps: CloseDeps, scope: PulseScope): Promise<Pulse> {
  const pulse = await deps.storage.pulses.get(scope.collaborativeId, scope.pulseId);
  if (pulse.value.status === 'closed') return pulse.value;
  try {
    return (await deps.storage.pulses.advance(pulse, 'closed', deps.clock().toISOString())).value;
  } catch (error) {
    if (!(error instanceof ConcurrencyError)) throw error;
    return (await deps.storage.pulses.get(scope.collaborativeId, scope.pulseId)).value;
  }
}

/** Stores the publication unless one is stored: whoever stores first, theirs stands. */
async function storePublication(deps: CloseDeps, scope: PulseScope, publication: TransitionPublication): Promise<TransitionCheck> {
  for (let attempt = 1; ; attempt++) {
    const row: Versioned<TransitionCheck> = await deps.storage.transitions.get(scope.collaborativeId, scope.pulseId);
    if (row.value.publication) return row.value;
    try {
      return (await deps.storage.transitions.update(row, { ...row.value, publication })).value;
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || attempt >= 4) throw error;
    }
  }
}

/**
 * Closes a check, or finishes closing it, safe to run again at any point: the check's row
 * open -> closed (one close wins) -> its pulse closed -> the intake sealed (no submit commits
 * from now on) -> every pending answer released, however few -> drafts deleted -> the figures
 * computed ONCE from every released answer and stored on the row -> the intake final ->
 * audit (never the reference) -> the retention job scheduled.
 */
export async function finishTransitionClose(deps: CloseDeps, scope: PulseScope, reason: TransitionCloseReason, by: AuditActor): Promise<CloseTransitionResult> {
  const { storage } = deps;
  const { row, alreadyClosed } = await closeRow(deps, scope, reason);
  const pulse = await closePulseRow(deps, scope);
  const method = pulseMethod(pulse, DEFAULT_TRANSITION_K);
  const at = () => deps.clock().toISOString();
  let check = row;
  if (!check.publication) {
    await storage.submissions.advanceIntake(scope, 'sealed', at());
    await storage.releasePending(scope, { k: method.k, force: true, now: deps.clock() });
    await storage.submissions.deleteDrafts(scope);
    const publication = publishTransition(await storage.responses.list(scope), method, at());
    check = await storePublication(deps, scope, publication);
  }
  await storage.submissions.advanceIntake(scope, 'final', at());
  if (!pulse.figuresFinalAt) {
    await storage.pulses.modify(scope.collaborativeId, scope.pulseId, (p) => (p.figuresFinalAt ? p : { ...p, figuresFinalAt: at() })).catch((error: unknown) => {
      if (!(error instanceof ConcurrencyError)) throw error;
    });
  }
  await storage.jobs.schedule([transitionRetentionJob(scope, deps.clock())]);
  if (!alreadyClosed) {
    const when = () => (check.closedAt ? new Date(check.closedAt) : deps.clock());
    await recordAudit({ storage, clock: when, actor: by }, scope.collaborativeId, 'transition.closed', scope.pulseId, {
      reason: check.closeReason,
      weak: check.publication!.alert.weak,
    });
  }
  return { check, publication: check.publication!, alreadyClosed };
}

/**
 * Closes a check by command: its starter or a facilitator only. A check already closed is
 * refused kindly (its figures are final).
 */
export async function closeTransition(deps: CloseDeps, actor: Actor, scope: PulseScope): Promise<CloseTransitionResult> {
  const [collaborative, check] = await Promise.all([
    deps.storage.collaboratives.get(scope.collaborativeId),
    deps.storage.transitions.get(scope.collaborativeId, scope.pulseId),
  ]);
  const starter = check.value.startedBy === actor.aadObjectId.toLowerCase();
  if (!starter && !isFacilitator(collaborative.value, actor)) {
    throw new ForbiddenError('Only the person who started this transition check, or a facilitator, can close it.', `${actor.aadObjectId} may not close ${scope.pulseId}`);
  }
  if (check.value.status === 'closed') {
    throw new IllegalStateError('This transition check has already closed, and its figures are final.', `transition ${scope.pulseId} already closed`, 'transition_closed');
  }
  const result = await finishTransitionClose(deps, scope, 'closed_by_command', auditActorOf(actor));
  if (result.alreadyClosed) {
    throw new IllegalStateError('This transition check has already closed, and its figures are final.', `transition ${scope.pulseId} closed meanwhile`, 'transition_closed');
  }
  return result;
}

/**
 * Closes the check when everyone invited (its staff and its family links) has answered; called
 * after every staff submit and every family submit. Undefined while someone has still to answer
 * (or the check is closed already).
 */
export async function closeIfEveryoneAnswered(deps: CloseDeps, scope: PulseScope): Promise<CloseTransitionResult | undefined> {
  const check = await deps.storage.transitions.find(scope.collaborativeId, scope.pulseId);
  if (!check || check.value.status !== 'open') return undefined;
  const answered = await deps.storage.submissions.countFinished(scope);
  const invited = check.value.staff.length + check.value.familyLinks;
  // Only everyone answering closes it here; the window's end belongs to the timed job.
  if (transitionDueToClose(check.value, { invited, answered }, new Date(0).toISOString()) !== 'all_answered') return undefined;
  return finishTransitionClose(deps, scope, 'all_answered', { ...SYSTEM_ACTOR, name: 'RC Pulse (everyone answered)' });
}
