import { z } from 'zod';

/**
 * A respondent key: the hex HMAC-SHA256 of a person's id made with a server secret (see
 * src/storage/respondent-key-hmac.ts). Ledger entries and drafts are keyed by it, so the
 * product can tell whether someone has answered without storing who they are next to what
 * they said.
 */
export const respondentKeySchema = z.string().regex(/^[0-9a-f]{64}$/, 'a respondent key is 64 lower-case hex digits');
export type RespondentKey = z.infer<typeof respondentKeySchema>;
