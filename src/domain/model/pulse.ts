import { z } from 'zod';
import { DEFAULT_TRANSITION_K, K_MAX, K_MIN } from '../anonymity';
import { IllegalStateError } from '../errors';
import { bandsSchema, type Bands } from '../figures';
import { DEFAULT_INSTRUMENT, instrumentSchema, type Instrument } from '../instrument';
import { MAX_OPEN_DAYS } from '../pulse-lifecycle';
import { recurrenceSchema } from '../pulse-schedule';
import { DEFAULT_BANDS, DEFAULT_MIN_ITEMS } from '../scoring';
import { REFERENCE_MAX_LENGTH } from '../transition-reference';
import { minItemsSchema } from './collaborative';
import { idSchema, instantSchema } from './primitives';

export const pulseKindSchema = z.enum(['survey', 'transition']);
export type PulseKind = z.infer<typeof pulseKindSchema>;

export const pulseStatusSchema = z.enum(['draft', 'open', 'closed', 'cancelled']);
export type PulseStatus = z.infer<typeof pulseStatusSchema>;

/**
 * The only moves a pulse may make: draft -> open -> closed, or cancelled before it closes
 * (a cancelled pulse publishes nothing, ever: see ../pulse-lifecycle.ts). Nothing goes back.
 */
const NEXT: Readonly<Record<PulseStatus, readonly PulseStatus[]>> = {
  draft: ['open', 'cancelled'],
  open: ['closed', 'cancelled'],
  closed: [],
  cancelled: [],
};

const strictlyAscending = (xs: readonly number[]) => xs.every((x, i) => i === 0 || x > xs[i - 1]!);

/**
 * How a scheduled pulse opens. Its method is not here: it is copied when it opens. A pulse of
 * a repeating series names the series (its first pulse's id) and its place in it, so the
 * next pulse of the series has an id known in advance and is made once however often the
 * opening runs. `anchorAt` / `anchorIndex`: the opening the series' times are counted from
 * (the first, or the last one a facilitator moved).
 */
export const pulseScheduleSchema = z.object({
  scheduledAt: instantSchema,
  /** Days it stays open, counted from when it actually opens. */
  closesInDays: z.int().min(1).max(MAX_OPEN_DAYS),
  recurrence: recurrenceSchema.optional(),
  seriesId: idSchema.optional(),
  /** Its place in the series, 0 for the first. */
  index: z.int().min(0).max(99).optional(),
  anchorAt: instantSchema.optional(),
  anchorIndex: z.int().min(0).max(99).optional(),
});
export type PulseSchedule = z.infer<typeof pulseScheduleSchema>;

/**
 * One measurement round: a survey of the collaborative's workgroups, or a transition check of
 * the team around one service user (identified only by a reference the team chooses).
 */
export const pulseSchema = z
  .object({
    collaborativeId: idSchema,
    id: idSchema,
    kind: pulseKindSchema,
    title: z.string().trim().min(1).max(200).optional(),
    focalProcess: z.string().trim().min(1, 'a focal work process is needed').max(300),
    /** The workgroups respondents rate. */
    targetWorkgroupIds: z
      .array(idSchema)
      .min(1, 'a pulse asks about at least one workgroup')
      .max(50)
      .refine((ids) => new Set(ids).size === ids.length, 'each workgroup is listed once'),
    /**
     * The workgroups whose members are asked (a pulse's scope, with the targets). Absent means
     * everyone: every member is invited and picks their group from the targets, as every row
     * stored before scopes existed reads. See pulse-scope.ts.
     */
    participantWorkgroupIds: z
      .array(idSchema)
      .min(1, 'a pulse asks at least one workgroup')
      .max(50)
      .refine((ids) => new Set(ids).size === ids.length, 'each workgroup is listed once')
      .optional(),
    status: pulseStatusSchema,
    opensAt: instantSchema.optional(),
    closesAt: instantSchema.optional(),
    /** Days after opening on which people who have not answered are reminded, e.g. [3, 6]. */
    reminderDays: z
      .array(z.int().min(1).max(90))
      .max(10)
      .refine(strictlyAscending, 'reminder days go up, each day once')
      .default([]),
    /** Minimum group size for this pulse; when absent the collaborative's (or 3 for a transition). */
    k: z.int().min(K_MIN).max(K_MAX).optional(),
    /*
     * The rest of the method, copied from the collaborative when the pulse opens, so that a
     * later change of its settings never changes this pulse's figures. A row stored before
     * they were copied reads with the product's defaults: the same on every read, whatever
     * the collaborative's settings become, and written down the next time the row is saved.
     */
    /** Items out of 7 a respondent must answer about a group for their RC with it to count. */
    minItems: minItemsSchema.default(DEFAULT_MIN_ITEMS),
    /** Band thresholds. */
    bands: bandsSchema.default(DEFAULT_BANDS),
    /** The items' wording the survey cards show. */
    instrument: instrumentSchema.default(DEFAULT_INSTRUMENT),
    /**
     * Transition pulses only: the team's own reference. Never a name, NHS number or clinical
     * detail. Bounded like a check's stored reference (the reference rule checks it when a
     * check starts); a check keeps its reference on its Transitions row, not here.
     */
    reference: z.string().trim().min(1).max(REFERENCE_MAX_LENGTH).optional(),
    createdAt: instantSchema,
    openedAt: instantSchema.optional(),
    closedAt: instantSchema.optional(),
    /**
     * When the close stored the final figures and response rates. Until then a closed
     * pulse's figures are "being prepared": they are published once, and never change.
     */
    figuresFinalAt: instantSchema.optional(),
    /** How many times its closing date was moved later (none when absent; see ../pulse-lifecycle.ts). */
    extensions: z.int().min(1).max(10).optional(),
    /** When it was cancelled: its answers were deleted and nothing is ever published. */
    cancelledAt: instantSchema.optional(),
    /** A pulse scheduled to open later (a draft until its open job runs): see pulseScheduleSchema. */
    schedule: pulseScheduleSchema.optional(),
  })
  .refine((p) => !p.opensAt || !p.closesAt || p.opensAt < p.closesAt, {
    message: 'a pulse must close after it opens',
    path: ['closesAt'],
  });

export type Pulse = z.infer<typeof pulseSchema>;
export type PulseInput = z.input<typeof pulseSchema>;

/** Whether a pulse may move from one status to another (staying put is not a move). */
export function canAdvance(from: PulseStatus, to: PulseStatus): boolean {
  return NEXT[from].includes(to);
}

function illegalStatusChange(from: PulseStatus, to: PulseStatus): IllegalStateError {
  const userMessage =
    from === to
      ? `This pulse is already ${from}.`
      : from === 'closed'
        ? 'This pulse is closed and cannot be changed. Start a new pulse instead.'
        : from === 'cancelled'
          ? 'This pulse was cancelled and cannot be changed. Start a new pulse instead.'
        : `A ${from} pulse cannot be moved to ${to}. A pulse goes from draft to open to closed.`;
  return new IllegalStateError(userMessage, `illegal pulse status change ${from} -> ${to}`);
}

/**
 * Refuses any status change other than draft -> open -> closed or to cancelled (keeping the status
 * is fine). Called by every path that writes a pulse, so an illegal change never reaches storage.
 */
export function assertStatusChange(from: PulseStatus, to: PulseStatus): void {
  if (from !== to && !canAdvance(from, to)) throw illegalStatusChange(from, to);
}

/**
 * The pulse after moving it to `to` at instant `at` (ISO), stamping openedAt or closedAt.
 * Pure: returns a new object; throws IllegalStateError for anything but draft -> open -> closed.
 */
export function advancePulse(pulse: Pulse, to: PulseStatus, at: string): Pulse {
  if (!canAdvance(pulse.status, to)) throw illegalStatusChange(pulse.status, to);
  return {
    ...pulse,
    status: to,
    ...(to === 'open' ? { openedAt: at } : {}),
    ...(to === 'closed' ? { closedAt: at } : {}),
    ...(to === 'cancelled' ? { cancelledAt: at } : {}),
  };
}

/**
 * A pulse's address in the pulse-scoped tables (deliveries, submissions, responses, snapshots,
 * jobs): pulse ids are unique only within a collaborative, so both are needed.
 */
export interface PulseScope {
  collaborativeId: string;
  pulseId: string;
}

/** A pulse's scope. */
export function scopeOf(pulse: Pick<Pulse, 'collaborativeId' | 'id'>): PulseScope {
  return { collaborativeId: pulse.collaborativeId, pulseId: pulse.id };
}

/** The minimum group size that applies to a pulse's figures. */
export function effectiveK(pulse: Pick<Pulse, 'kind' | 'k'>, collaborativeK: number): number {
  return pulse.k ?? (pulse.kind === 'transition' ? DEFAULT_TRANSITION_K : collaborativeK);
}

/** How a pulse's figures are made: its own k, minItems, bands and wording (rc-measurement.md section 4). */
export interface PulseMethod {
  k: number;
  minItems: number;
  bands: Bands;
  instrument: Instrument;
}

/**
 * The method of a pulse. Every view of a pulse (results, change, exports, cards) uses it, so
 * the same figure never appears with two different n. `collaborativeK` counts only for a
 * row stored before k was copied onto pulses.
 */
export function pulseMethod(pulse: Pick<Pulse, 'kind' | 'k' | 'minItems' | 'bands' | 'instrument'>, collaborativeK: number): PulseMethod {
  return { k: effectiveK(pulse, collaborativeK), minItems: pulse.minItems, bands: pulse.bands, instrument: pulse.instrument };
}

/** The method a new pulse copies from its collaborative's settings when it opens. */
export function methodFields(collaborative: { k: number; minItems: number; bands: Bands; instrument: Instrument }): Pick<Pulse, 'k' | 'minItems' | 'bands' | 'instrument'> {
  return { k: collaborative.k, minItems: collaborative.minItems, bands: collaborative.bands, instrument: collaborative.instrument };
}

/** Whether a pulse's final figures are stored (a closed pulse whose close finished). */
export function figuresFinal(pulse: Pick<Pulse, 'status' | 'figuresFinalAt'>): boolean {
  return pulse.status === 'closed' && pulse.figuresFinalAt !== undefined;
}

/** Fields that define what a pulse asks, of whom and how it is scored; they are fixed once it opens. */
const QUESTION_FIELDS = ['kind', 'focalProcess', 'targetWorkgroupIds', 'participantWorkgroupIds', 'k', 'minItems', 'bands', 'instrument'] as const;

/**
 * Refuses a change from `before` to `after` that the rules forbid: an illegal status move, or
 * changing what is asked once the pulse is no longer a draft (answers already given would no
 * longer match the questions).
 */
export function assertPulseChange(before: Pulse, after: Pulse): void {
  assertStatusChange(before.status, after.status);
  if (before.status === 'draft') return;
  const changed = QUESTION_FIELDS.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]));
  if (changed.length > 0) {
    throw new IllegalStateError(
      'The questions of a pulse cannot change once it has opened. Start a new pulse instead.',
      `pulse ${before.id} is ${before.status}; refused change to ${changed.join(', ')}`,
    );
  }
}
