import { IllegalStateError } from '../../domain/errors';
import type { Pulse } from '../../domain/model/pulse';
import { scopeOf } from '../../domain/model/pulse';
import type { Storage } from '../../storage/storage';
import { assertFacilitator } from '../access-rules';
import { recordAudit } from '../audit';
import { auditActorOf, type Actor } from '../ports';
import { NoPulseError } from './pulse-lookup';
import { openJobFor, planSchedule, type SchedulePulseOptions, type ScheduleView } from './schedule-plan';
import type { SchedulePulseDeps } from './schedule-pulse';

export interface EditScheduledPulseDeps extends Omit<SchedulePulseDeps, 'pulses' | 'jobs'> {
  pulses: Pick<Storage['pulses'], 'list' | 'find' | 'modify'>;
  jobs: Pick<Storage['jobs'], 'moveDue' | 'dueBy'>;
}

const tooLate = (pulse: Pulse) =>
  new IllegalStateError(
    pulse.status === 'cancelled'
      ? 'This pulse was cancelled, so it can no longer be changed. You can schedule a new one.'
      : 'This pulse has already opened, so it can no longer be changed. You can extend it, or cancel it and schedule a new one.',
    `edit of ${pulse.status} pulse ${pulse.id}`,
    'pulse_not_scheduled',
  );

/** The options a scheduled draft was made from, so an edit changes only what it names. */
function optionsOf(pulse: Pulse): SchedulePulseOptions {
  return {
    ...(pulse.title ? { title: pulse.title } : {}),
    focalProcess: pulse.focalProcess,
    rating: pulse.targetWorkgroupIds,
    ...(pulse.participantWorkgroupIds ? { asking: pulse.participantWorkgroupIds } : {}),
    opensAt: pulse.opensAt ?? pulse.createdAt,
    closesInDays: pulse.schedule?.closesInDays,
    ...(pulse.schedule?.recurrence ? { recurrence: pulse.schedule.recurrence } : {}),
  };
}

/**
 * Changes a scheduled pulse (facilitators only) until it opens: title, focal process, scope,
 * opening time, days open, recurrence (given as undefined: it no longer repeats after this
 * one). The same checks as scheduling. Written with the row's ETag and only while it is a
 * draft, so an edit racing its opening either lands before it opens or is refused: an open
 * pulse never changes. Moves its open job to the new time; audit 'pulse.edited'.
 */
export async function editScheduledPulse(
  deps: EditScheduledPulseDeps,
  actor: Actor,
  collaborativeId: string,
  pulseId: string,
  changes: Partial<SchedulePulseOptions>,
): Promise<{ pulse: Pulse; view: ScheduleView }> {
  const collaborative = (await deps.collaboratives.get(collaborativeId)).value;
  await assertFacilitator(deps.members, collaborative, actor, 'change a scheduled pulse');
  const row = await deps.pulses.find(collaborativeId, pulseId);
  if (!row || row.value.kind !== 'survey') throw new NoPulseError('There is no scheduled pulse with that name. Nothing was changed.', `no pulse ${pulseId} in ${collaborativeId}`);
  const current = row.value;
  if (current.status !== 'draft' || !current.schedule) throw tooLate(current);

  const [pulses, workgroups] = await Promise.all([deps.pulses.list(collaborativeId), deps.workgroups.list(collaborativeId)]);
  const now = deps.clock();
  const options: SchedulePulseOptions = { ...optionsOf(current), ...changes, opensAt: changes.opensAt ?? current.opensAt ?? current.createdAt };
  const movesTime = changes.opensAt !== undefined && Date.parse(changes.opensAt) !== Date.parse(current.opensAt ?? '');
  const base = { id: current.id, createdAt: current.createdAt, now, schedule: current.schedule, checkTime: movesTime };
  const { draft, view } = planSchedule(deps, options, collaborative, workgroups, pulses.filter((p) => p.id !== current.id), base);

  // Read again and written with its ETag: if it opened meanwhile, this is refused, not applied.
  const pulse = (
    await deps.pulses.modify(collaborativeId, pulseId, (latest) => {
      if (latest.status !== 'draft') throw tooLate(latest);
      return draft;
    })
  ).value;
  if (!(await deps.jobs.moveDue(scopeOf(pulse), 'open', pulse.opensAt!))) await deps.jobs.dueBy(openJobFor(pulse));
  const changed = Object.keys(changes).filter((k) => JSON.stringify((changes as Record<string, unknown>)[k]) !== JSON.stringify((optionsOf(current) as unknown as Record<string, unknown>)[k]));
  await recordAudit({ storage: deps, clock: () => now, actor: auditActorOf(actor) }, collaborativeId, 'pulse.edited', pulse.id, { changed: changed.join(','), opensAt: pulse.opensAt });
  return { pulse, view: { pulseId: pulse.id, ...view } };
}
