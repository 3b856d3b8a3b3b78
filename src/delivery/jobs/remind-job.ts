import { reminderAudience } from '../../app/pulse/remind-pulse';
import { surveyCardFor } from '../../app/pulse/pulse-cards';
import type { Job } from '../../domain/model/job';
import { nextAllowed } from '../../domain/quiet-hours';
import { DONE, type JobDeps, type JobResult } from './job-deps';

/**
 * A scheduled reminder (default 3 and 6 days after opening): in quiet hours it moves to
 * when they end; otherwise everyone invited who has not finished (by the ledger) and can be
 * reached gets one reminder card in this round. The round's delivery rows make it at most
 * one per person even if this job runs twice (an instance died half-way).
 */
export async function runRemindJob(deps: JobDeps, job: Job): Promise<JobResult> {
  const scope = { collaborativeId: job.collaborativeId, pulseId: job.pulseId };
  const context = await deps.contexts.get(scope);
  if (!context || context.pulse.status !== 'open') return DONE;
  const now = deps.clock();
  const allowed = nextAllowed(now, deps.quietHours);
  if (allowed > now) return { done: false, dueAt: allowed };

  const audience = await reminderAudience(deps.storage, context.pulse);
  const summary = await deps.deliver({
    scope,
    recipients: audience.recipients,
    cardFor: (member) => surveyCardFor(context.pulse, context.k, context.targets, member, true),
    purpose: 'remind',
    round: job.name,
  });
  await deps.storage.audit.record({
    collaborativeId: scope.collaborativeId,
    at: now.toISOString(),
    actorId: 'system',
    action: 'pulse.reminded',
    subject: scope.pulseId,
    details: { round: job.name, reminded: summary.queued ?? summary.sent, answered: audience.answered, blocked: audience.blocked },
  });
  return DONE;
}
