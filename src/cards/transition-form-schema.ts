import { z } from 'zod';
import { guidSchema, idSchema } from '../domain/model/primitives';
import {
  checkTransitionReference,
  DEFAULT_WINDOW_DAYS,
  MAX_FAMILY_LINKS,
  transitionCheckFields,
  transitionTypeSchema,
  type TransitionType,
} from '../domain/model/transition';

/**
 * The transition form's inputs and what its button carries, with the rules for what a
 * clinician types into it. The reference is checked by the domain's one rule, so the bot
 * refuses what the tab and the command line refuse, in the same words. Every message may be
 * shown beside its field, so each says what to change.
 */

/** The most people one form can name (the model's own limit on a check's staff). */
export const MAX_FORM_STAFF = 30;

/** Ids of the form's inputs besides the roles (also the keys of the data Teams sends back). */
export const TRANSITION_FIELDS = ['transitionType', 'reference', 'familyLinks', 'windowDays'] as const;
export type TransitionFormField = (typeof TRANSITION_FIELDS)[number] | `role_${number}`;

/** The id of the role input of the i-th person named on the form. */
export function roleInputId(index: number): `role_${number}` {
  return `role_${index}`;
}

/** A person named on the form: their Entra object id and their name on the collaborative's list. */
export interface FormPerson {
  aadObjectId: string;
  name: string;
}

/**
 * Where the check's card is posted once it starts: the collaborative's channel (started in
 * its team) or the starter's own chat with RC Pulse (started there).
 */
export const postToSchema = z.enum(['channel', 'chat']);
export type PostTo = z.infer<typeof postToSchema>;

/**
 * What the form's Start button carries (not its inputs): the people named, by Entra object id
 * only, in the form's order (their names come from the collaborative's list again, so the card
 * stays small and a tampered name has nowhere to go).
 */
export const transitionCarried = z.object({
  collaborativeId: idSchema,
  postTo: postToSchema,
  staff: z.array(guidSchema).min(1).max(MAX_FORM_STAFF),
});

/** What the check's Close button carries. */
export const transitionCloseCarried = z.object({ collaborativeId: idSchema, checkId: idSchema });

/** Inputs arrive as typed (numbers as strings from some clients): bounded here, checked by checkTransitionForm. */
const looseText = (max: number) => z.string().max(max).optional();
const looseNumber = z.union([z.number(), z.string().max(12)]).optional();

/** The form's inputs as they arrive, each bounded so tampered data is refused before anything reads it. */
export const transitionFormShape = {
  transitionType: looseText(40),
  reference: looseText(400),
  familyLinks: looseNumber,
  windowDays: looseNumber,
  ...Object.fromEntries(Array.from({ length: MAX_FORM_STAFF }, (_, i) => [roleInputId(i), looseText(64)])),
} as { transitionType: z.ZodOptional<z.ZodString>; reference: z.ZodOptional<z.ZodString>; familyLinks: typeof looseNumber; windowDays: typeof looseNumber } & Record<
  `role_${number}`,
  z.ZodOptional<z.ZodString>
>;

/** What was typed on the form, to show it again: strings as typed, numbers when readable. */
export interface TransitionFormValues {
  transitionType?: string;
  reference: string;
  familyLinks?: number;
  windowDays?: number;
  /** The role chosen for each person named, in the form's order ('' for none). */
  roles: string[];
}

/** The start body the form describes, ready for the start use-case (which checks it all again). */
export interface TransitionFormBody {
  type: TransitionType;
  reference: string;
  staff: { aadObjectId: string; workgroupId: string }[];
  familyLinks: number;
  windowDays: number;
}

const WHOLE = /^\s*\d{1,3}\s*$/;

function whole(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  return typeof value === 'string' && WHOLE.test(value) ? Number(value) : undefined;
}

/** What was typed, recovered from the form's data (checked or not), each string cut to its bound. */
export function transitionFormValues(data: Record<string, unknown>, people: number): TransitionFormValues {
  const str = (key: string, max: number) => (typeof data[key] === 'string' ? (data[key] as string).slice(0, max) : '');
  const familyLinks = whole(data.familyLinks);
  const windowDays = whole(data.windowDays);
  return {
    ...(str('transitionType', 40) ? { transitionType: str('transitionType', 40) } : {}),
    reference: str('reference', 400),
    ...(familyLinks !== undefined ? { familyLinks } : {}),
    ...(windowDays !== undefined ? { windowDays } : {}),
    roles: Array.from({ length: Math.min(people, MAX_FORM_STAFF) }, (_, i) => str(roleInputId(i), 64)),
  };
}

const LINKS_ERROR = `Please choose from 0 to ${MAX_FAMILY_LINKS} family links (0 if the family would rather not answer).`;
const windowShape = transitionCheckFields.shape.windowDays;
const WINDOW_ERROR = 'Please give the days the check stays open as a whole number from 1 to 28.';

/**
 * Checks the form: the start body, or a note per field that needs fixing. The reference goes
 * through the domain's rule (no names, NHS numbers, e-mail addresses, dates or phone numbers).
 * Blank numbers take their defaults (1 family link, 7 days).
 */
export function checkTransitionForm(
  values: TransitionFormValues,
  staff: readonly FormPerson[],
): { ok: true; body: TransitionFormBody } | { ok: false; errors: Partial<Record<TransitionFormField, string>> } {
  const errors: Partial<Record<TransitionFormField, string>> = {};
  const type = transitionTypeSchema.safeParse(values.transitionType);
  if (!type.success) errors.transitionType = 'Please choose the kind of transition: admission, discharge or transfer.';
  const reference = checkTransitionReference(values.reference);
  if (!reference.ok) errors.reference = reference.reason;
  const familyLinks = values.familyLinks ?? 1;
  if (!Number.isInteger(familyLinks) || familyLinks < 0 || familyLinks > MAX_FAMILY_LINKS) errors.familyLinks = LINKS_ERROR;
  const windowDays = values.windowDays ?? DEFAULT_WINDOW_DAYS;
  if (!windowShape.safeParse(windowDays).success) errors.windowDays = WINDOW_ERROR;
  staff.forEach((person, i) => {
    const role = values.roles[i] ?? '';
    if (!idSchema.safeParse(role).success) errors[roleInputId(i)] = 'Please choose the role or team this person answers for.';
  });
  if (Object.keys(errors).length > 0 || !type.success || !reference.ok) return { ok: false, errors };
  return {
    ok: true,
    body: {
      type: type.data,
      reference: reference.reference,
      staff: staff.map((p, i) => ({ aadObjectId: p.aadObjectId, workgroupId: values.roles[i]! })),
      familyLinks,
      windowDays,
    },
  };
}
