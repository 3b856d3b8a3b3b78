import { z } from 'zod';

/**
 * The contract of the members route, shared by the server (src/http/member-routes.ts) and the
 * tab's start form:
 *   GET /api/collaboratives/:id/members   the people a transition check can name as its staff
 * For anyone who may start a check (on the collaborative's list, or a facilitator). Names
 * only: the body never carries an e-mail address or a UPN.
 */

export const memberChoiceSchema = z
  .object({
    /** Entra object id: what a check's staff are named by. */
    aadObjectId: z.string(),
    name: z.string(),
    /** Their workgroup on the list, the role they answer for unless the starter picks another. */
    workgroupId: z.string().optional(),
  })
  .strict();
export type MemberChoice = z.infer<typeof memberChoiceSchema>;

export const membersResponseSchema = z.object({ members: z.array(memberChoiceSchema) }).strict();
export type MembersResponse = z.infer<typeof membersResponseSchema>;
