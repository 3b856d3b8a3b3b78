import { z } from 'zod';
import { shownFigureSchema } from '../../../src/domain/shown-figure';
import { transitionTypeSchema } from '../../../src/domain/model/transition';
import type { ApiClient } from '../api/api-client';
import { familyLinkSchema } from '../family/family-api';

/**
 * The transition routes as the tab calls them. PROVISIONAL shapes, to be replaced by the
 * shared contract (src/contract/transitions-contract.ts) as soon as it exists.
 */

const enc = encodeURIComponent;

const shown = shownFigureSchema;
export const transitionCheckBodySchema = z.object({
  id: z.string(),
  type: transitionTypeSchema,
  reference: z.string(),
  status: z.enum(['open', 'closed']),
  openedAt: z.string(),
  closesAt: z.string(),
  closedAt: z.string().nullable(),
});
const transitionStartedSchema = z.object({ transition: transitionCheckBodySchema, familyLinks: z.array(familyLinkSchema), unreachable: z.array(z.string()) });
export type Started = z.infer<typeof transitionStartedSchema>;
export const transitionsSummarySchema = z.object({
  k: z.int(),
  total: z.int(),
  open: z.int(),
  closed: z.int(),
  byType: z.array(z.object({ type: transitionTypeSchema, checks: z.int(), open: z.int(), closed: z.int(), withTeamRc: z.int(), weak: z.int(), weakShare: z.number().nullable() })),
  overTime: z.array(z.object({ closedOn: z.string(), type: transitionTypeSchema, teamRc: shown.nullable() })),
});
export type TransitionsSummary = z.infer<typeof transitionsSummarySchema>;

/** What the start form sends (the server checks it whole: see transitionCreateSchema). */
export interface StartBody {
  type: z.infer<typeof transitionTypeSchema>;
  reference: string;
  familyLinks: number;
  windowDays?: number;
}

/** The calls, bound to one collaborative. */
export function transitionApi(api: ApiClient, collaborativeId: string) {
  const base = `/api/collaboratives/${enc(collaborativeId)}/transitions`;
  return {
    summary: () => api.get(base, transitionsSummarySchema),
    start: async (body: StartBody) => (await api.send('POST', base, body, transitionStartedSchema)).data,
  };
}
