import { z } from 'zod';
import { FAMILIES_WORKGROUP_ID } from './family';
import { idSchema, instantSchema } from './primitives';

/**
 * A family link as issued: one link is one family respondent in one pulse. Only its scope and
 * expiry are kept; whether it was used is the pulse's ledger (the respondent key of
 * `family-link:<linkId>`), so "used" and the answers are written in one transaction.
 */

/** Days a link works for unless the issuer says otherwise. */
export const DEFAULT_LINK_DAYS = 7;

/** Most links made in one go (a collaborative-wide pulse may reach many families). */
export const MAX_LINKS_PER_ISSUE = 200;

/** 128 random bits as 32 lower-case hex digits: never guessable, never in any order. */
export const familyLinkIdSchema = z.string().regex(/^[0-9a-f]{32}$/, 'a link id is 32 hex digits');

export const familyLinkSchema = z
  .object({
    collaborativeId: idSchema,
    pulseId: idSchema,
    linkId: familyLinkIdSchema,
    issuedAt: instantSchema,
    expiresAt: instantSchema,
  })
  .strict()
  .refine((l) => l.issuedAt < l.expiresAt, { message: 'a link expires after it is issued', path: ['expiresAt'] });
export type FamilyLink = z.infer<typeof familyLinkSchema>;

/** The string whose respondent key marks a link as used in the pulse's ledger. */
export function familyRespondentId(linkId: string): string {
  return `family-link:${linkId}`;
}

/** Whether a link has run out at instant `now`. */
export function linkExpired(link: Pick<FamilyLink, 'expiresAt'>, now: Date): boolean {
  return now.toISOString() >= link.expiresAt;
}

/**
 * Whether families answer a pulse: every transition check, and a survey pulse that asks about
 * the `families` workgroup (a pulse with the families' voice).
 */
export function hasFamiliesVoice(pulse: { kind: string; targetWorkgroupIds: readonly string[] }): boolean {
  return pulse.kind === 'transition' || pulse.targetWorkgroupIds.includes(FAMILIES_WORKGROUP_ID);
}
