import { z } from 'zod';
import { guidSchema, idSchema, nameSchema } from './primitives';

/** Largest conversation reference kept (characters of JSON); real ones are about 1 KB. */
const MAX_REFERENCE_CHARS = 16_000;

/**
 * The Bot Framework conversation reference saved when the app is installed for a person,
 * needed for proactive sends. Opaque to the product: only the bot edge reads inside it.
 */
export const conversationReferenceSchema = z
  .record(z.string(), z.unknown())
  .refine((ref) => JSON.stringify(ref).length <= MAX_REFERENCE_CHARS, 'the conversation reference is too large');

/**
 * Whether the bot can reach the person: not yet installed for them (imported from a roster),
 * installed (a conversation reference is saved), or removed (they or an admin uninstalled it).
 */
export const installStateSchema = z.enum(['not_installed', 'installed', 'removed']);
export type InstallState = z.infer<typeof installStateSchema>;

/**
 * An e-mail address or user principal name, kept in lower case: both are case-insensitive,
 * and a roster file and Teams rarely agree on case. Guests' UPNs contain '#EXT#', so only
 * the shape name@domain is checked.
 */
export const signInNameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, 'an e-mail address or UPN is at least 3 characters')
  .max(320, 'an e-mail address or UPN is at most 320 characters')
  .regex(/^[^@\s]+@[^@\s]+$/, 'expected an e-mail address or UPN such as name@nhs.net');

/**
 * A person who takes part in a collaborative's pulses.
 *
 * A person can be known first from a roster file (name, e-mail or UPN, organisation,
 * workgroup) or first from Teams (Entra object id, UPN). So the row is keyed by a member id
 * of its own that never changes, and each identity is a property the repository can look up:
 * roster import and Teams membership meet on the Entra object id, the UPN or the e-mail.
 */
export const memberSchema = z
  .object({
    collaborativeId: idSchema,
    /** The member's own id: chosen when the member is first stored, never changed. */
    id: idSchema,
    /** Entra object id, once Teams has told us: the id respondent keys are made from. */
    aadObjectId: guidSchema.optional(),
    /** The Teams user id the bot sees ("29:..."), when known. */
    teamsUserId: z.string().min(1).max(200).optional(),
    /** User principal name, as Teams reports it. */
    upn: signInNameSchema.optional(),
    /** E-mail address (or UPN) as a roster file gives it. */
    email: signInNameSchema.optional(),
    displayName: nameSchema,
    organisationId: idSchema,
    workgroupId: idSchema.optional(),
    tenantId: guidSchema.optional(),
    conversationReference: conversationReferenceSchema.optional(),
    installState: installStateSchema.default('not_installed'),
  })
  .refine((m) => m.aadObjectId !== undefined || m.upn !== undefined || m.email !== undefined, {
    message: 'a member needs an Entra object id, a UPN or an e-mail address, so Teams and the roster can find them',
    path: ['email'],
  })
  .refine((m) => m.installState !== 'installed' || m.conversationReference !== undefined, {
    message: 'an installed member needs a conversation reference',
    path: ['conversationReference'],
  })
  .refine((m) => m.installState !== 'installed' || m.aadObjectId !== undefined, {
    message: 'an installed member needs an Entra object id',
    path: ['aadObjectId'],
  });

export type Member = z.infer<typeof memberSchema>;
export type MemberInput = z.input<typeof memberSchema>;
