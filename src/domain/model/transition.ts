import { z } from 'zod';
import { IllegalStateError, ValidationError } from '../errors';
import { transitionPublicationSchema } from '../transition-figures';
import { REFERENCE_MAX_LENGTH, transitionReferenceSchema } from '../transition-reference';
import { parseModel } from './parse';
import { guidSchema, idSchema, instantSchema } from './primitives';

export { checkTransitionReference, transitionReferenceSchema, type ReferenceCheck, type ReferenceProblem } from '../transition-reference';

/**
 * A transition check (rc-measurement.md section 5): at an admission, discharge or transfer, the
 * staff around one family rate each other's roles, and the family answers a plain-language
 * version through links. It carries only a reference the team chooses: never a name, an NHS
 * number or clinical detail.
 */

export const transitionTypeSchema = z.enum(['admission', 'discharge', 'transfer']);
export type TransitionType = z.infer<typeof transitionTypeSchema>;

export const transitionStatusSchema = z.enum(['open', 'closed']);
export type TransitionStatus = z.infer<typeof transitionStatusSchema>;

/** Why a check closed: everyone invited answered, its window ended, or someone closed it. */
export const transitionCloseReasonSchema = z.enum(['all_answered', 'window_ended', 'closed_by_command']);
export type TransitionCloseReason = z.infer<typeof transitionCloseReasonSchema>;

/**
 * Fewest staff in a check: the default k of a transition check is 3, and team RC over fewer
 * staff could never be shown without showing someone's own answers.
 */
export const MIN_TRANSITION_STAFF = 3;
export const DEFAULT_WINDOW_DAYS = 7;
export const MAX_FAMILY_LINKS = 6;

/** A member of staff in the team around the family, and the role or team they answer for. */
export const transitionStaffSchema = z
  .object({
    aadObjectId: guidSchema,
    workgroupId: idSchema,
  })
  .strict();
export type TransitionStaff = z.infer<typeof transitionStaffSchema>;

const staffListSchema = z
  .array(transitionStaffSchema)
  .min(MIN_TRANSITION_STAFF, `a transition check needs at least ${MIN_TRANSITION_STAFF} members of staff, so that answers stay anonymous`)
  .max(30, 'a transition check has at most 30 members of staff')
  .refine((s) => new Set(s.map((x) => x.aadObjectId)).size === s.length, 'each member of staff is listed once')
  .refine((s) => new Set(s.map((x) => x.workgroupId)).size >= 2, 'a transition check needs staff from at least two roles or teams');

/** Every field of a check; the create body picks from it. */
export const transitionCheckFields = z.object({
  collaborativeId: idSchema,
  id: idSchema,
  type: transitionTypeSchema,
  /**
   * The team's reference. Checked by the reference rule when a check starts; a stored row is
   * only bounded, so that a stricter rule later never makes an old check unreadable.
   */
  reference: z.string().min(1).max(REFERENCE_MAX_LENGTH),
  staff: staffListSchema,
  /** How many family links to make (the mother, a partner, another carer); 0 when the family declines. */
  familyLinks: z.int('the number of family links is a whole number').min(0).max(MAX_FAMILY_LINKS, `at most ${MAX_FAMILY_LINKS} family links`),
  /** Days the check stays open unless everyone answers first. */
  windowDays: z.int('the window is a whole number of days').min(1, 'the window is at least 1 day').max(28, 'the window is at most 28 days'),
  status: transitionStatusSchema,
  /** Entra object id of the facilitator or clinician who started it. */
  startedBy: guidSchema,
  openedAt: instantSchema,
  closesAt: instantSchema,
  closedAt: instantSchema.optional(),
  closeReason: transitionCloseReasonSchema.optional(),
  /** The figures published once when it closed (transition-figures.ts); never changed afterwards. */
  publication: transitionPublicationSchema.optional(),
  /** When the retention job deleted its family answers and links (collaborative setting, default 12 months after closing). */
  familyDeletedAt: instantSchema.optional(),
  /** Where the bot posted the check's card in the channel, so it can be updated in place. */
  channelActivityId: z.string().min(1).max(200).optional(),
});

/** A transition check as stored: closed exactly when it has a close time and reason. */
export const transitionCheckSchema = transitionCheckFields
  .strict()
  .refine((c) => (c.status === 'closed') === (c.closedAt !== undefined && c.closeReason !== undefined), {
    message: 'a closed check has a close time and reason, an open one has neither',
    path: ['status'],
  })
  .refine((c) => c.closesAt > c.openedAt, { message: 'a check must close after it opens', path: ['closesAt'] })
  .refine((c) => c.publication === undefined || c.status === 'closed', { message: 'only a closed check has published figures', path: ['publication'] });
export type TransitionCheck = z.infer<typeof transitionCheckSchema>;

/** The body that starts a check (bot card, tab or command line). */
export const transitionCreateSchema = transitionCheckFields
  .pick({ type: true, reference: true, staff: true, familyLinks: true, windowDays: true })
  .extend({
    reference: transitionReferenceSchema,
    familyLinks: transitionCheckFields.shape.familyLinks.default(1),
    windowDays: transitionCheckFields.shape.windowDays.default(DEFAULT_WINDOW_DAYS),
  })
  .strict();
export type TransitionCreate = z.infer<typeof transitionCreateSchema>;

const DAY_MS = 86_400_000;

/** When a check opened at `openedAt` closes by itself: `windowDays` whole days later. */
export function transitionClosesAt(openedAt: string, windowDays: number): string {
  return new Date(Date.parse(openedAt) + windowDays * DAY_MS).toISOString();
}

/**
 * A new, open check from a start body, checked whole and against the collaborative's
 * workgroups (passed in). Throws ValidationError naming every problem; nothing is created.
 */
export function startTransitionCheck(
  body: unknown,
  ids: { id: string; collaborativeId: string; startedBy: string },
  at: string,
  workgroupIds: readonly string[],
): TransitionCheck {
  const input = parseModel(transitionCreateSchema, body, 'transition check');
  const known = new Set(workgroupIds);
  const unknown = [...new Set(input.staff.map((s) => s.workgroupId).filter((w) => !known.has(w)))];
  if (unknown.length > 0) {
    throw new ValidationError(
      "Each member of staff must answer for one of the collaborative's roles or teams. Please choose from the list.",
      unknown.map((w) => `staff: '${w}' is not one of the collaborative's workgroups`),
    );
  }
  return parseModel(
    transitionCheckSchema,
    { ...ids, ...input, status: 'open', openedAt: at, closesAt: transitionClosesAt(at, input.windowDays) },
    'transition check',
  );
}

/**
 * Why an open check should close now, or null while it should stay open: everyone invited
 * (staff and family links) has answered, or its window has ended. A closed check never
 * closes again.
 */
export function transitionDueToClose(check: TransitionCheck, progress: { invited: number; answered: number }, now: string): TransitionCloseReason | null {
  if (check.status === 'closed') return null;
  if (progress.invited > 0 && progress.answered >= progress.invited) return 'all_answered';
  return Date.parse(now) >= Date.parse(check.closesAt) ? 'window_ended' : null;
}

/** The check closed at `at` for `reason`. Closing twice is refused: figures publish once. */
export function closeTransitionCheck(check: TransitionCheck, reason: TransitionCloseReason, at: string): TransitionCheck {
  if (check.status === 'closed') {
    throw new IllegalStateError('This transition check has already closed, and its figures are final.', `transition ${check.id} already closed`);
  }
  return parseModel(transitionCheckSchema, { ...check, status: 'closed', closedAt: at, closeReason: reason }, 'transition check');
}
