import { familyLinksResponseSchema, type FamilyLinksRequest } from '../../../src/contract/family-contract';
import type { ApiClient } from '../api/api-client';

/**
 * The family-link routes of a pulse as the tab calls them, every answer checked against the
 * shared contract (src/contract/family-contract.ts). Facilitators only: the server says so
 * to anyone else.
 */

const enc = encodeURIComponent;

const path = (collaborativeId: string, pulseId: string) => `/api/collaboratives/${enc(collaborativeId)}/pulses/${enc(pulseId)}/family-links`;

/** The calls, bound to one collaborative's pulse. */
export function familyApi(api: ApiClient, collaborativeId: string, pulseId: string) {
  return {
    list: async () => (await api.get(path(collaborativeId, pulseId), familyLinksResponseSchema)).links,
    issue: async (count: number) => {
      const body: FamilyLinksRequest = { count };
      return (await api.send('POST', path(collaborativeId, pulseId), body, familyLinksResponseSchema)).data.links;
    },
  };
}
