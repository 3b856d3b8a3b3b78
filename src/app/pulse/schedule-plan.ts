import { z } from 'zod';
import { ValidationError } from '../../domain/errors';
import type { Collaborative } from '../../domain/model/collaborative';
import { OPEN_JOB, type JobInput } from '../../domain/model/job';
import { type Pulse, type PulseInput, type PulseSchedule, scopeOf } from '../../domain/model/pulse';
import { sharedParticipantGroups } from '../../domain/model/pulse-scope';
import type { Workgroup } from '../../domain/model/workgroup';
import { checkOpensAt, checkRecurrence, describeInstant, nthOpening, recurrenceSchema, type Recurrence } from '../../domain/pulse-schedule';
import { DEFAULT_QUIET_HOURS, type QuietHours } from '../../domain/quiet-hours';
import { defaultScopedTitle, pulseName, resolveScope, type ResolvedScope } from './pulse-scope-choice';
import { activeWorkgroups, checkStartOptions, reminderDaysFor, type StartPulseOptions } from './start-pulse';

/**
 * A scheduled pulse decided from a facilitator's options: checked, with the plain view a card
 * or page shows, shared by scheduling and editing so both refuse and warn alike.
 */

/** What a facilitator asks for when scheduling: a pulse's options, when it opens, and how it repeats. */
export interface SchedulePulseOptions extends StartPulseOptions {
  /** When it opens, an ISO instant (the edge reads a local date and time with localDateTime). */
  opensAt: string;
  recurrence?: Recurrence;
}

/** A scheduled pulse as plain data, for a card or a page. */
export interface ScheduleView {
  pulseId?: string;
  title?: string;
  focalProcess: string;
  opensAt: string;
  closesAt: string;
  /** Group names asked; [] = everyone. */
  asking: string[];
  rating: string[];
  recurrence?: Recurrence;
  /** The series' opening instants from this one on, at most 6 (just this one when it does not repeat). */
  openings: string[];
  warnings: string[];
}

/** What scheduling reads from the world: the delivery time zone and quiet hours. */
export interface ScheduleSettings {
  /** Undefined: there are no quiet hours. */
  quietHours?: QuietHours;
  /** IANA time zone people's dates and times are in (DELIVERY_TIME_ZONE). */
  timeZone: string;
}

/** UK time and the default quiet hours, for tools and tests that give no delivery settings. */
export const DEFAULT_SCHEDULE_SETTINGS: ScheduleSettings = { quietHours: DEFAULT_QUIET_HOURS, timeZone: DEFAULT_QUIET_HOURS.timeZone };

export const MAX_SHOWN_OPENINGS = 6;
const DAY_MS = 24 * 60 * 60 * 1000;
const instantText = z.iso.datetime({ offset: true });

/** The open job of a scheduled pulse: due at its opening time. */
export function openJobFor(pulse: Pick<Pulse, 'collaborativeId' | 'id' | 'opensAt' | 'createdAt'>): JobInput {
  return { ...scopeOf(pulse), name: OPEN_JOB, kind: 'open', dueAt: pulse.opensAt ?? pulse.createdAt, state: 'due' };
}

/** The id of pulse `index` of a series: known in advance, so it is made once however often its maker runs. */
export function occurrenceId(seriesId: string, index: number): string {
  return index === 0 ? seriesId : `${seriesId}-r${index}`;
}

/** Opening `n` steps after the anchor of a pulse's series (a count counts the whole series). */
export function seriesOpening(schedule: PulseSchedule, anchorAt: string, n: number, settings: ScheduleSettings): Date | undefined {
  const { recurrence } = schedule;
  if (!recurrence) return n === 0 ? new Date(anchorAt) : undefined;
  const done = schedule.anchorIndex ?? 0;
  const rest = recurrence.count === undefined ? recurrence : { ...recurrence, count: recurrence.count - done };
  return nthOpening(new Date(anchorAt), rest, n, settings.quietHours, settings.timeZone);
}

function parseOpensAt(text: string): Date {
  if (!instantText.safeParse(text).success) throw new ValidationError('Please give the opening time as a date and time, for example 2027-01-18 09:30.');
  return new Date(text);
}

function parseRecurrence(input: unknown): Recurrence | undefined {
  if (input === undefined) return undefined;
  const parsed = recurrenceSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0]?.message ?? 'that is not a way a pulse can repeat';
  throw new ValidationError(`Please check how the pulse repeats: ${first}. For example every 4 weeks, 6 times.`);
}

/** Where a plan starts from: a new pulse, or the scheduled draft being edited. */
export interface PlanBase {
  id: string;
  createdAt: string;
  now: Date;
  /** The draft being edited: its series and place in it are kept. */
  schedule?: PulseSchedule;
  /** False when editing left the opening time alone: a draft waiting past its time is still fine. */
  checkTime: boolean;
}

/**
 * The scheduled draft and its view from the options: every rule checked (focal process,
 * closing days, scope, opening time, recurrence), warnings for windows that overlap another
 * open or scheduled pulse asking the same groups. Stores nothing.
 */
export function planSchedule(
  settings: ScheduleSettings,
  options: SchedulePulseOptions,
  collaborative: Collaborative,
  workgroups: readonly Workgroup[],
  others: readonly Pulse[],
  base: PlanBase,
): { draft: PulseInput; view: ScheduleView } {
  const { focalProcess, closesInDays } = checkStartOptions(options);
  const opensAt = parseOpensAt(options.opensAt);
  const recurrence = parseRecurrence(options.recurrence);
  const active = activeWorkgroups(collaborative.id, workgroups);
  const scope = resolveScope(options, active);
  const title = options.title?.trim().slice(0, 200) || defaultScopedTitle(scope, workgroups);
  if (base.checkTime) checkOpensAt(opensAt, base.now, settings.quietHours);
  if (recurrence) checkRecurrence(opensAt, recurrence, closesInDays, settings.timeZone);

  const index = base.schedule?.index ?? 0;
  // The series is counted from this pulse from now on (its time or its repeat may have changed).
  const schedule: PulseSchedule = {
    scheduledAt: base.now.toISOString(),
    closesInDays,
    ...(recurrence ? { recurrence, seriesId: base.schedule?.seriesId ?? base.id, index, anchorAt: opensAt.toISOString(), anchorIndex: index } : {}),
  };
  const openings = [opensAt];
  for (let n = 1; recurrence && openings.length < MAX_SHOWN_OPENINGS; n++) {
    const at = seriesOpening(schedule, opensAt.toISOString(), n, settings);
    if (!at) break;
    openings.push(at);
  }
  const closesAt = new Date(opensAt.getTime() + closesInDays * DAY_MS);
  const draft: PulseInput = {
    collaborativeId: collaborative.id,
    id: base.id,
    kind: 'survey',
    focalProcess: focalProcess ?? collaborative.focalProcess,
    ...(title ? { title } : {}),
    ...scope,
    status: 'draft',
    opensAt: opensAt.toISOString(),
    closesAt: closesAt.toISOString(),
    reminderDays: reminderDaysFor(closesInDays),
    createdAt: base.createdAt,
    schedule,
  };
  const names = new Map(workgroups.map((w) => [w.id, w.name]));
  const view: ScheduleView = {
    ...(title ? { title } : {}),
    focalProcess: draft.focalProcess,
    opensAt: draft.opensAt!,
    closesAt: draft.closesAt!,
    asking: (scope.participantWorkgroupIds ?? []).map((id) => names.get(id) ?? id),
    rating: scope.targetWorkgroupIds.map((id) => names.get(id) ?? id),
    ...(recurrence ? { recurrence } : {}),
    openings: openings.map((d) => d.toISOString()),
    warnings: overlapWarnings(scope, openings, closesInDays, others, workgroups, settings.timeZone),
  };
  return { draft, view };
}

/** A pulse's window: from when it opened (or will) until it closes. */
function windowOf(pulse: Pulse): [number, number] | undefined {
  const from = pulse.openedAt ?? pulse.opensAt;
  if (!from || !pulse.closesAt) return undefined;
  return [Date.parse(from), Date.parse(pulse.closesAt)];
}

/**
 * Warnings, one per other pulse, when one of these openings' windows overlaps an open or
 * scheduled survey pulse that asks some of the same groups: such a pulse waits to open until
 * the other has closed (see jobs/open-job.ts).
 */
export function overlapWarnings(
  scope: ResolvedScope,
  openings: readonly Date[],
  closesInDays: number,
  others: readonly Pulse[],
  workgroups: readonly Workgroup[],
  timeZone: string,
): string[] {
  const names = new Map(workgroups.map((w) => [w.id, w.name]));
  const all = workgroups.filter((w) => w.retiredAt === undefined).map((w) => w.id);
  const warnings: string[] = [];
  for (const other of others) {
    if (other.kind !== 'survey' || (other.status !== 'open' && other.status !== 'draft')) continue;
    const window = windowOf(other);
    if (!window) continue;
    const clash = openings.some((at) => at.getTime() < window[1] && window[0] < at.getTime() + closesInDays * DAY_MS);
    const shared = clash ? sharedParticipantGroups(scope, other, all) : [];
    if (shared.length === 0) continue;
    const groups = shared.map((id) => names.get(id) ?? id).join(', ');
    const state = other.status === 'open' ? 'is open' : 'is scheduled';
    warnings.push(
      `"${pulseName(other)}" ${state} until ${describeInstant(new Date(window[1]), timeZone)} and also asks ${groups}. ` +
        'So nobody is asked twice, a pulse waits to open until the other has closed.',
    );
  }
  return warnings;
}
