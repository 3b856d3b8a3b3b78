/* Pure: no DOM, so unit tests can check it. */
import { DEFAULT_WINDOW_DAYS, MAX_FAMILY_LINKS, type TransitionType } from '../../../src/domain/model/transition';
import { checkTransitionReference } from '../../../src/domain/transition-reference';
import type { TransitionStartBody } from '../../../src/contract/transitions-contract';

/** The start form as typed. */
export interface StartForm {
  type: TransitionType;
  reference: string;
  familyLinks: number;
  windowDays: number;
}

/**
 * What the tab's start form sends: everything the start body has except the staff, whom the
 * tab cannot name (it has no list of the collaborative's members); the server says so if it
 * needs them.
 */
export type StartBody = Omit<TransitionStartBody, 'staff'>;

export const NEW_START_FORM: StartForm = { type: 'admission', reference: '', familyLinks: 1, windowDays: DEFAULT_WINDOW_DAYS };

/** A whole number kept within [min, max]; anything else gives `fallback`. */
export function wholeWithin(value: number | null | undefined, min: number, max: number, fallback: number): number {
  return typeof value === 'number' && Number.isInteger(value) ? Math.min(max, Math.max(min, value)) : fallback;
}

/**
 * The body the form sends. The reference goes as typed (trimmed): the server applies the rule
 * and its refusal is what the person reads, so the tab never blocks on its own copy of it.
 */
export function startBody(form: StartForm): StartBody {
  return {
    type: form.type,
    reference: form.reference.trim(),
    familyLinks: wholeWithin(form.familyLinks, 0, MAX_FAMILY_LINKS, 1),
    windowDays: wholeWithin(form.windowDays, 1, 28, DEFAULT_WINDOW_DAYS),
  };
}

/**
 * Whether a refusal is about the reference, so it is shown under that field: the reference
 * the person sent fails the shared rule, or the server's words name the reference.
 */
export function refusalIsAboutReference(sent: string, message: string): boolean {
  return !checkTransitionReference(sent).ok || /reference/i.test(message);
}
