import type { ClosePulseConfirmView } from '../../cards/pulse-status-card';
import type { ResultsView } from '../../cards/results-card';
import { effectiveK, type Pulse, scopeOf } from '../../domain/model/pulse';
import type { Storage } from '../../storage/storage';
import { assertFacilitator } from '../access-rules';
import { auditActorOf, type Actor, type MemberDirectory, type SendOutcome } from '../ports';
import { finishClose, type FinishCloseDeps } from './finish-close';
import { currentPulse, NoPulseError } from './pulse-lookup';

export interface ClosePulseDeps extends FinishCloseDeps {
  collaboratives: Pick<Storage['collaboratives'], 'get'>;
  pulses: FinishCloseDeps['pulses'] & Pick<Storage['pulses'], 'list'>;
  members: FinishCloseDeps['members'] & MemberDirectory;
}

export interface ClosePulseOptions {
  /** Closing is final: false asks first (the confirm card), true closes. */
  confirmed: boolean;
  /** The pulse the card was about; closing it again answers with its results, not an error. */
  pulseId?: string;
  /** Deep link to the results tab, for the channel card's button. */
  tabUrl: string;
}

export type ClosePulseResult =
  | { kind: 'confirm'; view: ClosePulseConfirmView }
  | {
      kind: 'closed';
      pulse: Pulse;
      /** The final figures, for the results card. */
      results: ResultsView;
      /** How posting the summary in the channel went; absent when it had been posted already. */
      channel?: SendOutcome;
      /** True when someone (or an earlier click) had closed it already. */
      alreadyClosed: boolean;
    };

/**
 * Closes the open pulse (facilitators only): asks first unless confirmed, then closes it
 * (see finishClose: final figures, drafts deleted, the summary posted in the channel once).
 * Pressing "Yes, close it" again answers with the same results and posts nothing more.
 */
export async function closePulse(
  deps: ClosePulseDeps,
  actor: Actor,
  collaborativeId: string,
  options: ClosePulseOptions,
): Promise<ClosePulseResult> {
  const collaborative = (await deps.collaboratives.get(collaborativeId)).value;
  await assertFacilitator(deps.members, collaborative, actor, 'close a pulse');
  const pulse = await currentPulse(deps.pulses, collaborativeId, options.pulseId, 'pulse close');
  if (pulse.status !== 'open' && !options.pulseId) {
    throw new NoPulseError('There is no open pulse to close.', `no open pulse in ${collaborativeId}`);
  }

  if (!options.confirmed && pulse.status === 'open') {
    const answered = (await deps.submissions.listLedger(scopeOf(pulse))).filter((e) => e.status === 'finished').length;
    return { kind: 'confirm', view: { pulseId: pulse.id, focalProcess: pulse.focalProcess, answered, k: effectiveK(pulse, collaborative.k) } };
  }
  const by = auditActorOf(actor);
  const outcome = await finishClose(deps, collaborative, pulse, by, options.tabUrl);
  return { kind: 'closed', ...outcome };
}
