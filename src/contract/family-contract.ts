import { z } from 'zod';
import { familyLinkIdSchema, MAX_LINKS_PER_ISSUE } from '../domain/model/family-link';
import { instantSchema } from '../domain/model/primitives';

/**
 * The contract of the family-link routes, shared by the server (src/http) and the tab:
 *   GET  /api/collaboratives/:id/pulses/:pulseId/family-links            -> FamilyLinksResponse
 *   POST /api/collaboratives/:id/pulses/:pulseId/family-links {count}    -> 201 FamilyLinksResponse (the new links)
 * Facilitators only (403 for anyone else). A link opens the family page; its QR code is an
 * SVG drawn on the server.
 */

export const familyLinksRequestSchema = z
  .object({
    count: z.int('the number of links is a whole number').min(1, 'ask for at least 1 link').max(MAX_LINKS_PER_ISSUE, `at most ${MAX_LINKS_PER_ISSUE} links at a time`),
    /** When the links run out (default: 7 days from now). */
    expiresAt: instantSchema.optional(),
  })
  .strict();
export type FamilyLinksRequest = z.infer<typeof familyLinksRequestSchema>;

export const familyLinkBodySchema = z
  .object({
    linkId: familyLinkIdSchema,
    url: z.url(),
    expiresAt: instantSchema,
    used: z.boolean(),
    qrSvg: z.string().startsWith('<svg'),
  })
  .strict();
export type FamilyLinkBody = z.infer<typeof familyLinkBodySchema>;

export const familyLinksResponseSchema = z.object({ links: z.array(familyLinkBodySchema) }).strict();
export type FamilyLinksResponse = z.infer<typeof familyLinksResponseSchema>;
