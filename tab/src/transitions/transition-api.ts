import {
  transitionStartedSchema,
  transitionsSummarySchema,
  type TransitionStarted,
  type TransitionsSummary,
} from '../../../src/contract/transitions-contract';
import { membersResponseSchema } from '../../../src/contract/members-contract';
import type { ApiClient } from '../api/api-client';
import type { StartBody } from './start-model';

/**
 * The transition routes as the tab calls them, every answer checked against the shared
 * contract (src/contract/transitions-contract.ts).
 */

export type { TransitionsSummary };
export type Started = TransitionStarted;

const enc = encodeURIComponent;

/** The calls, bound to one collaborative. */
export function transitionApi(api: ApiClient, collaborativeId: string) {
  const base = `/api/collaboratives/${enc(collaborativeId)}/transitions`;
  return {
    summary: () => api.get(base, transitionsSummarySchema),
    /** The people a check can name as its staff (src/contract/members-contract.ts). */
    members: async () => (await api.get(`/api/collaboratives/${enc(collaborativeId)}/members`, membersResponseSchema)).members,
    start: async (body: StartBody) => (await api.send('POST', base, body, transitionStartedSchema)).data,
  };
}
