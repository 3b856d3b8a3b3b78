import { JOB_DONE, type JobResult, type PulseJob } from '../../../domain/model/job';
import { nextAllowed } from '../../../domain/quiet-hours';
import { recordAudit } from '../../audit';
import { SYSTEM_ACTOR } from '../../ports';
import { isManualReminderRound, reminderAudience } from '../remind-pulse';
import { isResendRound, notStartedAudience } from '../resend-pulse';
import { surveyCards } from '../survey-card-kinds';
import type { PulseJobDeps } from './job-deps';

/**
 * A reminder round as timed work: a scheduled one (default 3 and 6 days after opening), a
 * facilitator's asked for in quiet hours, or the look-again at a facilitator's round (see
 * reminderRecheckJob). In quiet hours it moves to when they end; otherwise everyone invited
 * who has not finished (by the ledger) and can be reached gets one reminder card in this
 * round. The round's rows make it at most one per person however often it runs (an instance
 * died half-way, or this is the look-again): a re-run queues only the rows still waiting.
 */
export async function runRemindJob(deps: PulseJobDeps, job: PulseJob): Promise<JobResult> {
  const scope = { collaborativeId: job.collaborativeId, pulseId: job.pulseId };
  const context = await deps.contexts.get(scope);
  if (!context || context.pulse.status !== 'open') return JOB_DONE;
  const now = deps.clock();
  const allowed = nextAllowed(now, deps.quietHours);
  if (allowed > now) return { done: false, dueAt: allowed };

  // A resend round (resend-pulse.ts) waited for quiet hours or is being looked at again: it
  // goes, as the first card, only to those who have not started.
  if (isResendRound(job.name)) {
    const { recipients } = await notStartedAudience(deps.storage, context.pulse);
    await deps.deliver({ scope, recipients, card: surveyCards(context.pulse, context.k, context.targets, false), purpose: 'remind', round: job.name });
    return JOB_DONE;
  }
  const audience = await reminderAudience(deps.storage, context.pulse);
  const summary = await deps.deliver({
    scope,
    recipients: audience.recipients,
    card: surveyCards(context.pulse, context.k, context.targets, true),
    purpose: 'remind',
    round: job.name,
  });
  const reminded = summary.queued ?? summary.sent;
  // A facilitator's round is in the audit trail under their name; its look-again (see
  // reminderRecheckJob) adds an entry only when it had to queue someone.
  if (isManualReminderRound(job.name) && reminded === 0) return JOB_DONE;
  await recordAudit({ storage: deps.storage, clock: () => now, actor: SYSTEM_ACTOR }, scope.collaborativeId, 'pulse.reminded', scope.pulseId, {
    round: job.name,
    reminded,
    answered: audience.answered,
    blocked: audience.blocked,
  });
  return JOB_DONE;
}
