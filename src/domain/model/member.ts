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

/** A person who takes part in a collaborative's pulses. */
export const memberSchema = z
  .object({
    collaborativeId: idSchema,
    /** Entra object id: stable across Teams clients, and the id respondent keys are made from. */
    aadObjectId: guidSchema,
    /** The Teams user id the bot sees ("29:..."), when known. */
    teamsUserId: z.string().min(1).max(200).optional(),
    upn: z.string().trim().min(3).max(320),
    displayName: nameSchema,
    organisationId: idSchema,
    workgroupId: idSchema.optional(),
    tenantId: guidSchema.optional(),
    conversationReference: conversationReferenceSchema.optional(),
    installState: installStateSchema.default('not_installed'),
  })
  .refine((m) => m.installState !== 'installed' || m.conversationReference !== undefined, {
    message: 'an installed member needs a conversation reference',
    path: ['conversationReference'],
  });

export type Member = z.infer<typeof memberSchema>;
export type MemberInput = z.input<typeof memberSchema>;
