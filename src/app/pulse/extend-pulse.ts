import { type Pulse, scopeOf } from '../../domain/model/pulse';
import { extendedCloseAt, movedReminderAt, type ExtendTarget } from '../../domain/pulse-lifecycle';
import type { Storage } from '../../storage/storage';
import { assertFacilitator } from '../access-rules';
import { recordAudit } from '../audit';
import { auditActorOf, type Actor, type Clock, type MemberDirectory } from '../ports';
import { scheduledReminderRound } from './jobs/pulse-jobs';
import { chosenOpenPulse, NoPulseError } from './pulse-lookup';

export interface ExtendPulseDeps {
  collaboratives: Pick<Storage['collaboratives'], 'get'>;
  pulses: Pick<Storage['pulses'], 'list' | 'modify'>;
  jobs: Pick<Storage['jobs'], 'moveDue' | 'listForPulse'>;
  audit: Pick<Storage['audit'], 'record'>;
  members: MemberDirectory;
  clock: Clock;
}

export interface ExtendPulseResult {
  pulse: Pulse;
  /** Where the close was before. */
  previousClosesAt: string;
  /** Reminders still to come, moved as much later as the close. */
  remindersMoved: number;
}

/**
 * Moves the open pulse's close later (facilitators only): validate the new date against the
 * rules (see domain/pulse-lifecycle.ts: later, at most 4 times, within 8 weeks of opening) ->
 * save it on the pulse with its ETag, checked again on the row as read, so two extensions at
 * once cannot pass a bound together -> move the close job and the reminders still to come by
 * as much -> audit. Figures are still published once, at the (new) close. Bad input changes
 * nothing. `pulseId` (id or title) names the pulse when several are open.
 */
export async function extendPulse(
  deps: ExtendPulseDeps,
  actor: Actor,
  collaborativeId: string,
  target: ExtendTarget,
  options: { pulseId?: string } = {},
): Promise<ExtendPulseResult> {
  const collaborative = (await deps.collaboratives.get(collaborativeId)).value;
  await assertFacilitator(deps.members, collaborative, actor, 'extend a pulse');
  const open = await chosenOpenPulse(deps.pulses, collaborativeId, options.pulseId, 'pulse extend +7 days');
  if (!open) {
    const message = options.pulseId ? 'That pulse is not open, so it cannot be extended. Nothing was changed.' : 'There is no open pulse to extend. Nothing was changed.';
    throw new NoPulseError(message, `no open pulse ${options.pulseId ?? ''} in ${collaborativeId}`);
  }
  const now = deps.clock();
  extendedCloseAt(open, target, now); // refuse before writing anything

  let previousClosesAt = open.closesAt!;
  const pulse = (
    await deps.pulses.modify(collaborativeId, open.id, (current) => {
      previousClosesAt = current.closesAt!;
      return { ...current, closesAt: extendedCloseAt(current, target, now), extensions: (current.extensions ?? 0) + 1 };
    })
  ).value;

  // The close job also checks the pulse's own close before closing (close-job.ts), so a
  // failure between these writes cannot close the pulse early.
  const scope = scopeOf(pulse);
  await deps.jobs.moveDue(scope, 'close', pulse.closesAt!);
  let remindersMoved = 0;
  const scheduled = new Set(pulse.reminderDays.map(scheduledReminderRound));
  for (const job of await deps.jobs.listForPulse(scope)) {
    if (job.kind !== 'remind' || !scheduled.has(job.name) || job.state !== 'due') continue;
    if (await deps.jobs.moveDue(scope, job.name, movedReminderAt(job.dueAt, previousClosesAt, pulse.closesAt!))) remindersMoved += 1;
  }
  await recordAudit({ storage: deps, clock: () => now, actor: auditActorOf(actor) }, collaborativeId, 'pulse.extended', pulse.id, {
    from: previousClosesAt,
    to: pulse.closesAt,
    extension: pulse.extensions,
    remindersMoved,
  });
  return { pulse, previousClosesAt, remindersMoved };
}

