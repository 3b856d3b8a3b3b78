import { EN_GB } from './en-GB';
import type { FamilyWording } from './schema';

export * from './schema';

/**
 * The family's wording in each language we have. Welsh or Urdu is added as a file beside
 * en-GB.ts and one line here; the form picks it by the family's language.
 */
export const FAMILY_WORDINGS: Readonly<Record<string, FamilyWording>> = { 'en-GB': EN_GB };

export const DEFAULT_FAMILY_LANGUAGE = 'en-GB';

/**
 * The wording for a language tag (e.g. from Accept-Language): an exact match, else the first
 * with the same language ('en' or 'en-US' gives 'en-GB'), else UK English.
 */
export function familyWording(language?: string): FamilyWording {
  const wanted = (language ?? '').trim().toLowerCase();
  const tags = Object.keys(FAMILY_WORDINGS);
  const exact = tags.find((t) => t.toLowerCase() === wanted);
  const primary = wanted.split('-')[0];
  const sameLanguage = tags.find((t) => t.split('-')[0]!.toLowerCase() === primary);
  return FAMILY_WORDINGS[exact ?? sameLanguage ?? DEFAULT_FAMILY_LANGUAGE]!;
}
