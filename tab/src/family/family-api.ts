import { z } from 'zod';
import { familyLinkBodySchema } from '../../../src/contract/transitions-contract';
import type { ApiClient } from '../api/api-client';

/**
 * The family-link routes of a pulse as the tab calls them. The link's shape is the shared
 * contract's; the list's wrapper is PROVISIONAL until src/contract/family-contract.ts exists.
 */

const enc = encodeURIComponent;

export const familyLinksSchema = z.object({ links: z.array(familyLinkBodySchema) });

const path = (collaborativeId: string, pulseId: string) => `/api/collaboratives/${enc(collaborativeId)}/pulses/${enc(pulseId)}/family-links`;

/** The calls, bound to one collaborative's pulse. */
export function familyApi(api: ApiClient, collaborativeId: string, pulseId: string) {
  return {
    list: async () => (await api.get(path(collaborativeId, pulseId), familyLinksSchema)).links,
    issue: async (count: number) => (await api.send('POST', path(collaborativeId, pulseId), { count }, familyLinksSchema)).data.links,
  };
}
