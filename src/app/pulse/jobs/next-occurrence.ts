import { type Pulse, type PulseInput, scopeOf } from '../../../domain/model/pulse';
import { ConcurrencyError } from '../../../storage/storage-errors';
import type { Storage } from '../../../storage/storage';
import { recordAudit } from '../../audit';
import { SYSTEM_ACTOR, type Clock } from '../../ports';
import { occurrenceId, openJobFor, seriesOpening, type ScheduleSettings } from '../schedule-plan';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface NextOccurrenceDeps extends ScheduleSettings {
  storage: { pulses: Pick<Storage['pulses'], 'create'>; jobs: Pick<Storage['jobs'], 'schedule' | 'claimOnce'>; audit: Pick<Storage['audit'], 'record'> };
  clock: Clock;
}

/**
 * The next pulse of an opened pulse's series, as a scheduled draft with its open job, made
 * exactly once: its id is the series' id and its place in it, and the row is only ever
 * created, never replaced, so a second run (another instance, or this job again after its
 * instance died) finds it made and leaves it alone. Its open job is added if absent every
 * time (a run that died between the two still gets it). Nothing when the series has ended
 * (its count or until day). Returns the new pulse when this run made it (and so audited
 * 'pulse.scheduled' for it; one maker does, at most).
 */
export async function ensureNextOccurrence(deps: NextOccurrenceDeps, opened: Pulse): Promise<Pulse | undefined> {
  const schedule = opened.schedule;
  if (!schedule?.recurrence || schedule.seriesId === undefined) return undefined;
  const index = schedule.index ?? 0;
  const anchorAt = schedule.anchorAt ?? opened.opensAt ?? opened.createdAt;
  const opensAt = seriesOpening(schedule, anchorAt, index + 1 - (schedule.anchorIndex ?? 0), deps);
  if (!opensAt) return undefined;

  const now = deps.clock();
  const next: PulseInput = {
    collaborativeId: opened.collaborativeId,
    id: occurrenceId(schedule.seriesId, index + 1),
    kind: 'survey',
    focalProcess: opened.focalProcess,
    ...(opened.title ? { title: opened.title } : {}),
    targetWorkgroupIds: opened.targetWorkgroupIds,
    ...(opened.participantWorkgroupIds ? { participantWorkgroupIds: opened.participantWorkgroupIds } : {}),
    status: 'draft',
    opensAt: opensAt.toISOString(),
    closesAt: new Date(opensAt.getTime() + schedule.closesInDays * DAY_MS).toISOString(),
    reminderDays: opened.reminderDays,
    createdAt: now.toISOString(),
    // Its method is copied when it opens, like the first's.
    schedule: { ...schedule, scheduledAt: now.toISOString(), index: index + 1, anchorAt },
  };
  let made: Pulse | undefined;
  try {
    made = (await deps.storage.pulses.create(next)).value;
  } catch (error) {
    if (!(error instanceof ConcurrencyError)) throw error;
  }
  await deps.storage.jobs.schedule([openJobFor({ ...next, opensAt: next.opensAt!, createdAt: next.createdAt })]);
  // A create repeated with the very same row counts as done (storage makes retries safe), so
  // two makers in the same millisecond could both think they made it: one marker decides
  // which says so in the audit trail.
  if (made && !(await deps.storage.jobs.claimOnce(scopeOf(made), 'scheduled', now.toISOString()))) made = undefined;
  if (made) {
    await recordAudit({ storage: deps.storage, clock: () => now, actor: SYSTEM_ACTOR }, made.collaborativeId, 'pulse.scheduled', made.id, {
      opensAt: made.opensAt,
      closesAt: made.closesAt,
      series: schedule.seriesId,
      occurrence: index + 2,
    });
  }
  return made;
}
