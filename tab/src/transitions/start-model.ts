/* Pure: no DOM, so unit tests can check it. */
import type { WorkgroupInfo } from '../../../src/contract/api-contract';
import type { MemberChoice } from '../../../src/contract/members-contract';
import { FAMILIES_WORKGROUP_ID } from '../../../src/domain/model/family';
import { DEFAULT_WINDOW_DAYS, MAX_FAMILY_LINKS, MIN_TRANSITION_STAFF, type TransitionType } from '../../../src/domain/model/transition';
import { checkTransitionReference } from '../../../src/domain/transition-reference';
import type { TransitionStartBody } from '../../../src/contract/transitions-contract';

/** The start form as typed. */
export interface StartForm {
  type: TransitionType;
  reference: string;
  familyLinks: number;
  windowDays: number;
  /** The people chosen, in the order chosen, each with the role they answer for ('' until one is picked). */
  staff: StaffPick[];
}

/** One chosen member of staff and the role or team they answer for. */
export interface StaffPick {
  aadObjectId: string;
  workgroupId: string;
}

/** What the tab's start form sends: the start body, staff included. */
export type StartBody = TransitionStartBody;

export const NEW_START_FORM: StartForm = { type: 'admission', reference: '', familyLinks: 1, windowDays: DEFAULT_WINDOW_DAYS, staff: [] };

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
    staff: form.staff.map((s) => ({ aadObjectId: s.aadObjectId, workgroupId: s.workgroupId })),
  };
}

/** The roles a check's staff can answer for: the collaborative's active workgroups, never Families (a family answers through a link). */
export function staffRoles(workgroups: readonly WorkgroupInfo[]): WorkgroupInfo[] {
  return workgroups.filter((w) => !w.retired && w.id !== FAMILIES_WORKGROUP_ID);
}

/** Chooses a person (with their own workgroup as their role, when it is one of `roles`) or, when `chosen` is false, lets them go. */
export function choosePerson(staff: readonly StaffPick[], person: MemberChoice, chosen: boolean, roles: readonly WorkgroupInfo[]): StaffPick[] {
  const rest = staff.filter((s) => s.aadObjectId !== person.aadObjectId);
  if (!chosen) return rest;
  const own = person.workgroupId && roles.some((r) => r.id === person.workgroupId) ? person.workgroupId : '';
  return [...rest, { aadObjectId: person.aadObjectId, workgroupId: own }];
}

/** Sets the role one chosen person answers for. */
export function setRole(staff: readonly StaffPick[], aadObjectId: string, workgroupId: string): StaffPick[] {
  return staff.map((s) => (s.aadObjectId === aadObjectId ? { ...s, workgroupId } : s));
}

/** Folds case and accents away, so 'zoe' finds 'Zoë'. */
const folded = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('en-GB');

/** The people whose name contains every word of `query` (any case, accents ignored); everyone for an empty query. */
export function matchingPeople(people: readonly MemberChoice[], query: string): MemberChoice[] {
  const words = folded(query).split(/\s+/).filter(Boolean);
  return people.filter((p) => words.every((w) => folded(p.name).includes(w)));
}

/**
 * What the chosen staff still lack for a check, in words, or null when they are enough: the
 * same rules the server applies (at least 3 people, each with a role, from at least 2 roles),
 * as guidance only; the server's refusal is what counts.
 */
export function staffShortfall(staff: readonly StaffPick[]): string | null {
  if (staff.length < MIN_TRANSITION_STAFF) {
    const more = MIN_TRANSITION_STAFF - staff.length;
    const ask = staff.length === 0 ? `at least ${more} people` : `${more} more ${more === 1 ? 'person' : 'people'}`;
    return `Please choose ${ask}: a check needs at least ${MIN_TRANSITION_STAFF}, so that answers stay anonymous.`;
  }
  const without = staff.filter((s) => s.workgroupId === '').length;
  if (without > 0) return `Please choose a role for ${without === 1 ? 'one person' : `${without} people`}.`;
  if (new Set(staff.map((s) => s.workgroupId)).size < 2) return 'Please choose staff from at least two roles or teams.';
  return null;
}

/**
 * Whether a refusal is about the reference, so it is shown under that field: the reference
 * the person sent fails the shared rule, or the server's words name the reference.
 */
export function refusalIsAboutReference(sent: string, message: string): boolean {
  return !checkTransitionReference(sent).ok || /reference/i.test(message);
}
