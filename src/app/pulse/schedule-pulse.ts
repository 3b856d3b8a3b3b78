import { IllegalStateError } from '../../domain/errors';
import type { Pulse } from '../../domain/model/pulse';
import { ConcurrencyError } from '../../storage/storage-errors';
import type { Storage } from '../../storage/storage';
import { assertFacilitator } from '../access-rules';
import { recordAudit } from '../audit';
import { auditActorOf, type Actor, type Clock, type MemberDirectory, type WorkgroupDirectory } from '../ports';
import { nextPulseId } from './pulse-lookup';
import { DEFAULT_SCHEDULE_SETTINGS, openJobFor, planSchedule, type ScheduleSettings, type SchedulePulseOptions, type ScheduleView } from './schedule-plan';

export type { SchedulePulseOptions, ScheduleSettings, ScheduleView };
export { DEFAULT_SCHEDULE_SETTINGS };

export interface SchedulePulseDeps extends ScheduleSettings {
  collaboratives: Pick<Storage['collaboratives'], 'get'>;
  pulses: Pick<Storage['pulses'], 'list' | 'create'>;
  jobs: Pick<Storage['jobs'], 'schedule'>;
  audit: Pick<Storage['audit'], 'record'>;
  workgroups: WorkgroupDirectory;
  members: MemberDirectory;
  clock: Clock;
}

export type SchedulePulseResult = { kind: 'confirm'; view: ScheduleView } | { kind: 'scheduled'; pulse: Pulse; view: ScheduleView };

/**
 * Schedules a pulse to open later, once or repeating (facilitators only). Unconfirmed, it
 * checks everything (the opening time: not past, not over a year ahead, not in quiet hours;
 * the scope; the recurrence) and returns what would happen, storing nothing. Confirmed, it
 * stores the pulse as a draft with its opening time, its open job, and an audit entry
 * 'pulse.scheduled'. Its method (k, minItems, bands, wording) is copied when it opens, and
 * whether anyone it asks is already in an open pulse is decided then too; here a window
 * that overlaps another open or scheduled pulse asking the same groups is only a warning.
 */
export async function schedulePulse(
  deps: SchedulePulseDeps,
  actor: Actor,
  collaborativeId: string,
  options: SchedulePulseOptions,
  { confirmed }: { confirmed: boolean },
): Promise<SchedulePulseResult> {
  const collaborative = (await deps.collaboratives.get(collaborativeId)).value;
  await assertFacilitator(deps.members, collaborative, actor, 'schedule a pulse');
  const [pulses, workgroups] = await Promise.all([deps.pulses.list(collaborativeId), deps.workgroups.list(collaborativeId)]);
  const now = deps.clock();
  const id = nextPulseId(collaborativeId, pulses);
  const { draft, view } = planSchedule(deps, options, collaborative, workgroups, pulses, { id, createdAt: now.toISOString(), now, checkTime: true });
  if (!confirmed) return { kind: 'confirm', view };

  let pulse: Pulse;
  try {
    pulse = (await deps.pulses.create(draft)).value;
  } catch (error) {
    if (!(error instanceof ConcurrencyError)) throw error;
    throw new IllegalStateError('Another pulse was started or scheduled at the same moment. Please check the pulses and try again if you still need this one.', `lost the race to schedule ${id}`, 'pulse_already_open');
  }
  // The open job is what opens it: a row any instance runs at its time, after restarts too.
  await deps.jobs.schedule([openJobFor(pulse)]);
  await recordAudit({ storage: deps, clock: () => now, actor: auditActorOf(actor) }, collaborativeId, 'pulse.scheduled', pulse.id, {
    opensAt: pulse.opensAt,
    closesAt: pulse.closesAt,
    ...(view.recurrence ? { every: view.recurrence.every, unit: view.recurrence.unit, ...(view.recurrence.count ? { count: view.recurrence.count } : { until: view.recurrence.until }) } : {}),
    warnings: view.warnings.length,
  });
  return { kind: 'scheduled', pulse, view: { pulseId: pulse.id, ...view } };
}
