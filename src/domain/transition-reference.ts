import { z } from 'zod';

/**
 * THE rule for the reference a team gives a transition check (rc-measurement.md section 5):
 * the bot, the tab and the command line all call checkTransitionReference, so a reference
 * that could identify a family is refused the same way everywhere. It refuses what looks like
 * an NHS number, an e-mail address, a date (a date of birth or any day), a UK phone number, a
 * postcode or any other number of seven or more digits (a hospital number). It cannot recognise a name, so the
 * wording always asks for a reference the team chooses.
 *
 * Decisions, each tested: a year on its own ('Leeds community 2026-A') and a month with a
 * year ('March 2026') are allowed, because they do not point to a person; a day with a month
 * ('14/03', '1 Feb') is refused, because an admission or birth date narrows a family down.
 * '1.2' and '3-4' (without a year) read as numbering and ranges, so only '/' makes a day-month.
 */

/** Shortest and longest reference, after trimming. */
export const REFERENCE_MAX_LENGTH = 40;

export type ReferenceProblem = 'empty' | 'too_long' | 'characters' | 'email' | 'date' | 'nhs_number' | 'phone' | 'long_number' | 'postcode';

export type ReferenceCheck = { ok: true; reference: string } | { ok: false; problem: ReferenceProblem; reason: string };

const EXAMPLE = "such as 'MBU admission 14'";
const ASK = `Please use a reference your team chooses, ${EXAMPLE}. We never store anything that identifies a family.`;

const REASONS: Record<ReferenceProblem, string> = {
  empty: `Please give a reference your team chooses, ${EXAMPLE}.`,
  too_long: `Please keep the reference to ${REFERENCE_MAX_LENGTH} characters or fewer, ${EXAMPLE}.`,
  characters: `Please use only letters, numbers, spaces and simple punctuation, ${EXAMPLE}.`,
  email: `This looks like an e-mail address. ${ASK}`,
  date: `This looks like a date, such as a date of birth. ${ASK}`,
  nhs_number: `This looks like an NHS number. ${ASK}`,
  phone: `This looks like a phone number. ${ASK}`,
  long_number: `This has a long number in it, such as a hospital number. ${ASK}`,
  postcode: `This looks like a postcode. ${ASK}`,
};

const MONTH =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const DAY = '\\d{1,2}(?:st|nd|rd|th)?';
const DAY_MONTH = new RegExp(`(?<![\\p{L}\\d])(?:${DAY}\\s*(?:of\\s+)?${MONTH}|${MONTH}\\.?\\s*${DAY})(?![\\p{L}\\d])`, 'iu');
const DMY = /(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?!\d)/;
const YMD = /(?<!\d)(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})(?!\d)/;
const DM_SLASH = /(?<!\d)(\d{1,2})\/(\d{1,2})(?![\d/])/;
/** Outward code (letters, digit, optional letter or digit), optional space, inward code. */
const POSTCODE = /(?<![\p{L}\d])[a-z]{1,2}\d[a-z\d]?\s*\d[abd-hjlnp-uw-z]{2}(?![\p{L}\d])/iu;
/** A run of digits joined by single spaces, dashes or brackets, with an optional '+'. */
const NUMBER_RUN = /(?:\+\s*)?\(?\d+\)?(?:[ -]?\(?\d+\)?)*/g;

const between = (x: number, lo: number, hi: number) => x >= lo && x <= hi;
const dayMonth = (a: number, b: number) => (between(a, 1, 31) && between(b, 1, 12)) || (between(a, 1, 12) && between(b, 1, 31));

function looksLikeDate(text: string): boolean {
  if (DAY_MONTH.test(text)) return true;
  const dmy = DMY.exec(text);
  if (dmy && dayMonth(Number(dmy[1]), Number(dmy[2]))) return true;
  const ymd = YMD.exec(text);
  if (ymd && between(Number(ymd[2]), 1, 12) && between(Number(ymd[3]), 1, 31)) return true;
  const dm = DM_SLASH.exec(text);
  return dm !== null && dayMonth(Number(dm[1]), Number(dm[2]));
}

/** Classifies each run of digits: phone, NHS number, other long number, or nothing. */
function numberProblem(text: string): ReferenceProblem | undefined {
  for (const run of text.match(NUMBER_RUN) ?? []) {
    const digits = run.replace(/\D/g, '');
    const international = run.trimStart().startsWith('+');
    if (international && digits.length >= 8) return 'phone';
    if (digits.startsWith('0') && between(digits.length, 10, 11)) return 'phone';
    if (digits.length === 10) return 'nhs_number';
    if (digits.length >= 7) return 'long_number';
  }
  return undefined;
}

function problemOf(reference: string): ReferenceProblem | undefined {
  if (reference.length === 0) return 'empty';
  if (reference.length > REFERENCE_MAX_LENGTH) return 'too_long';
  if (/\p{C}/u.test(reference)) return 'characters';
  if (/[^\s@]@[^\s@]/.test(reference)) return 'email';
  if (looksLikeDate(reference)) return 'date';
  return numberProblem(reference) ?? (POSTCODE.test(reference) ? 'postcode' : undefined);
}

/**
 * Checks a transition check's reference: ok with the trimmed reference, or the problem and a
 * plain reason to show the person ("This looks like an NHS number. Please use a reference your
 * team chooses, such as 'MBU admission 14'. We never store anything that identifies a family.").
 */
export function checkTransitionReference(text: string): ReferenceCheck {
  const reference = text.trim();
  const problem = problemOf(reference);
  return problem === undefined ? { ok: true, reference } : { ok: false, problem, reason: REASONS[problem] };
}

/** The reference as a zod schema (trimmed), for bodies, card data and stored rows. */
export const transitionReferenceSchema = z
  .string()
  .superRefine((text, ctx) => {
    const check = checkTransitionReference(text);
    if (!check.ok) ctx.addIssue({ code: 'custom', message: check.reason });
  })
  .transform((text) => text.trim());
