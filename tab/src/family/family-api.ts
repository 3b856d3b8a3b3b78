import { z } from 'zod';
import type { ApiClient } from '../api/api-client';

/**
 * The family-link routes as the tab calls them. PROVISIONAL shapes, to be replaced by the
 * shared contract (src/contract/family-contract.ts) as soon as it exists.
 */

const enc = encodeURIComponent;

export const familyLinkSchema = z.object({ linkId: z.string(), url: z.string(), expiresAt: z.string(), used: z.boolean(), qrSvg: z.string() });
export const familyLinksSchema = z.object({ links: z.array(familyLinkSchema) });

const path = (collaborativeId: string, pulseId: string) => `/api/collaboratives/${enc(collaborativeId)}/pulses/${enc(pulseId)}/family-links`;

/** The calls, bound to one collaborative's pulse. */
export function familyApi(api: ApiClient, collaborativeId: string, pulseId: string) {
  return {
    list: async () => (await api.get(path(collaborativeId, pulseId), familyLinksSchema)).links,
    issue: async (count: number) => (await api.send('POST', path(collaborativeId, pulseId), { count }, familyLinksSchema)).data.links,
  };
}
