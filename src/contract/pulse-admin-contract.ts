import { z } from 'zod';
import { MAX_OPEN_DAYS } from '../domain/pulse-lifecycle';

/**
 * The contract of the facilitators' pulse routes, shared by the server
 * (src/http/pulse-admin-routes.ts) and the tab's Pulses page:
 *   GET   /api/collaboratives/:id/pulse-admin                    the list (pulseAdminResponseSchema)
 *   POST  /api/collaboratives/:id/pulses                         start now, or schedule with opensAt (pulseStartBodySchema)
 *   PATCH /api/collaboratives/:id/pulses/:pulseId                edit a scheduled pulse (pulseEditBodySchema)
 *   POST  /api/collaboratives/:id/pulses/:pulseId/extend         { date } or { days }
 *   POST  /api/collaboratives/:id/pulses/:pulseId/resend         {}
 *   POST  /api/collaboratives/:id/pulses/:pulseId/cancel         {} asks (the confirm view); { confirm: true } cancels
 * Facilitators only (403 for anyone else). A body that does not fit is a 400 whose message
 * says which field and why, and nothing changes. Counts of answers never show a number the
 * k rule hides: such a count is null, and its text reads "fewer than k".
 */

// ---------------------------------------------------------------- bodies

const groupList = z
  .array(z.string().trim().min(1, 'a workgroup name cannot be empty').max(200))
  .min(1, 'choose at least one workgroup')
  .max(50);
const dayText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'write the date like 2026-03-20');

/** Repeats of a scheduled pulse. */
export const recurrenceBodySchema = z
  .object({
    every: z.int('a whole number of weeks or months').min(1, 'at least 1').max(12, 'at most 12'),
    unit: z.enum(['week', 'month'], 'either "week" or "month"'),
    until: dayText.optional(),
    count: z.int('a whole number').min(2, 'at least 2 openings').max(24, 'at most 24 openings').optional(),
  })
  .strict();

/** What a new pulse asks, of whom, and for how long. */
const pulseFields = {
  focalProcess: z.string().trim().min(1, 'write the focal work process, or leave it out to use the collaborative’s').max(300, 'at most 300 characters').optional(),
  title: z.string().trim().min(1, 'write a title, or leave it out').max(200, 'at most 200 characters').optional(),
  /** Workgroup names or ids; absent: everyone is asked. */
  asking: groupList.optional(),
  /** Workgroup names or ids; absent: every active group is rated. */
  rating: groupList.optional(),
  closesInDays: z.int('a whole number of days').min(1, 'at least 1 day').max(MAX_OPEN_DAYS, `at most ${MAX_OPEN_DAYS} days`).optional(),
};

/** POST .../pulses: starts now; with `opensAt` schedules it (then `confirm: true` to save, else the preview). */
export const pulseStartBodySchema = z
  .object({
    ...pulseFields,
    opensAt: z.iso.datetime({ offset: true, message: 'a date and time such as 2026-03-20T09:00:00Z' }).optional(),
    recurrence: recurrenceBodySchema.optional(),
    confirm: z.boolean().optional(),
  })
  .strict()
  .refine((b) => !b.recurrence || b.opensAt, { message: 'a repeating pulse needs an opening date (opensAt)', path: ['recurrence'] });
export type PulseStartBody = z.input<typeof pulseStartBodySchema>;

/** PATCH .../pulses/:pulseId: what changes in a scheduled pulse (at least one field). */
export const pulseEditBodySchema = z
  .object({
    ...pulseFields,
    opensAt: z.iso.datetime({ offset: true, message: 'a date and time such as 2026-03-20T09:00:00Z' }).optional(),
    /** null: it no longer repeats after this one. */
    recurrence: recurrenceBodySchema.nullable().optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: 'say what to change' });
export type PulseEditBody = z.input<typeof pulseEditBodySchema>;

/** POST .../extend: a new closing day, or whole days more. */
export const pulseExtendBodySchema = z.union([
  z.object({ date: dayText }).strict(),
  z.object({ days: z.int('a whole number of days').min(1, 'at least 1 day').max(56, 'at most 56 days') }).strict(),
], 'give either a new closing date ({ "date": "2026-03-20" }) or a number of days ({ "days": 7 })');
export type PulseExtendBody = z.infer<typeof pulseExtendBodySchema>;

/** POST .../resend: no fields. */
export const pulseResendBodySchema = z.object({}).strict();

/** POST .../cancel: without confirm, only the question. */
export const pulseCancelBodySchema = z.object({ confirm: z.literal(true, 'confirm can only be true').optional() }).strict();
export type PulseCancelBody = z.infer<typeof pulseCancelBodySchema>;

// ---------------------------------------------------------------- answers

/** A count as it may be shown: the number, or null with its words ("fewer than 5"). */
export const shownCountSchema = z.object({ n: z.int().nullable(), text: z.string() });
export type ShownCountBody = z.infer<typeof shownCountSchema>;

/** How an open or closed pulse is going. */
export const pulseProgressSchema = z.object({
  invited: z.int(),
  answered: shownCountSchema,
  /** Started, not sent yet. */
  started: shownCountSchema,
  groups: z.array(z.object({ name: z.string(), invited: z.int(), answered: shownCountSchema })),
});
export type PulseProgressBody = z.infer<typeof pulseProgressSchema>;

/** One survey pulse on the page. */
export const pulseAdminItemSchema = z.object({
  id: z.string(),
  /** Its title, else its focal process. */
  name: z.string(),
  title: z.string().nullable(),
  focalProcess: z.string(),
  status: z.enum(['draft', 'open', 'closed', 'cancelled']),
  /** Group names; null when everyone is asked. */
  asking: z.array(z.string()).nullable(),
  rating: z.array(z.string()),
  /** ISO instants or null. */
  opensAt: z.string().nullable(),
  openedAt: z.string().nullable(),
  closesAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  extensions: z.int(),
  k: z.int(),
  /** Null for a scheduled or cancelled pulse (a cancelled pulse's answers are deleted). */
  progress: pulseProgressSchema.nullable(),
  /** What may be done with it now. */
  can: z.object({ edit: z.boolean(), extend: z.boolean(), resend: z.boolean(), cancel: z.boolean() }),
});
export type PulseAdminItem = z.infer<typeof pulseAdminItemSchema>;

/** GET .../pulse-admin. */
export const pulseAdminResponseSchema = z.object({
  collaborativeId: z.string(),
  focalProcess: z.string(),
  workgroups: z.array(z.object({ id: z.string(), name: z.string() })),
  pulses: z.array(pulseAdminItemSchema),
});
export type PulseAdminResponse = z.infer<typeof pulseAdminResponseSchema>;

/** A schedule's preview (or what was saved). */
export const scheduleViewSchema = z.object({
  pulseId: z.string().nullable(),
  title: z.string().nullable(),
  focalProcess: z.string(),
  opensAt: z.string(),
  closesAt: z.string(),
  asking: z.array(z.string()),
  rating: z.array(z.string()),
  recurrence: recurrenceBodySchema.nullable(),
  /** Every opening of a repeating schedule, ISO instants. */
  openings: z.array(z.string()),
  warnings: z.array(z.string()),
});
export type ScheduleViewBody = z.infer<typeof scheduleViewSchema>;

/** POST .../pulses: started now, a schedule's preview, or the schedule saved. */
export const pulseStartResponseSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('started'), pulse: pulseAdminItemSchema, invited: z.int(), unreachable: z.int(), queued: z.boolean() }),
  z.object({ kind: z.literal('confirm'), schedule: scheduleViewSchema }),
  z.object({ kind: z.literal('scheduled'), pulse: pulseAdminItemSchema, schedule: scheduleViewSchema }),
]);
export type PulseStartResponse = z.infer<typeof pulseStartResponseSchema>;

/** PATCH .../pulses/:pulseId. */
export const pulseEditResponseSchema = z.object({ pulse: pulseAdminItemSchema, schedule: scheduleViewSchema });

/** POST .../extend. */
export const pulseExtendResponseSchema = z.object({ pulse: pulseAdminItemSchema, previousClosesAt: z.string(), remindersMoved: z.int() });

/** POST .../resend: counts under the k rule, as the reminder reply words them. */
export const pulseResendResponseSchema = z.object({ nobodyToRemind: z.boolean(), resent: z.string(), failed: z.string(), queued: z.boolean(), notBefore: z.string().nullable() });
export type PulseResendResponse = z.infer<typeof pulseResendResponseSchema>;

/** POST .../cancel: the question (what the confirmation card says), or done. */
export const pulseCancelResponseSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('confirm'),
    pulseId: z.string(),
    focalProcess: z.string(),
    status: z.enum(['draft', 'open']),
    /** The card's words, in order: what happens if it is cancelled. */
    lines: z.array(z.string()),
    confirmLabel: z.string(),
  }),
  z.object({ kind: z.literal('cancelled'), pulse: pulseAdminItemSchema, alreadyCancelled: z.boolean() }),
]);
export type PulseCancelResponse = z.infer<typeof pulseCancelResponseSchema>;

const enc = encodeURIComponent;

/** The routes' addresses. */
export const pulseAdminPaths = {
  list: (collaborativeId: string) => `/api/collaboratives/${enc(collaborativeId)}/pulse-admin`,
  pulses: (collaborativeId: string) => `/api/collaboratives/${enc(collaborativeId)}/pulses`,
  pulse: (collaborativeId: string, pulseId: string) => `/api/collaboratives/${enc(collaborativeId)}/pulses/${enc(pulseId)}`,
  action: (collaborativeId: string, pulseId: string, action: 'extend' | 'resend' | 'cancel') =>
    `/api/collaboratives/${enc(collaborativeId)}/pulses/${enc(pulseId)}/${action}`,
};
