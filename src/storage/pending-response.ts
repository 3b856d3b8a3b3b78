import { z } from 'zod';
import { daySchema } from '../domain/model/primitives';
import { responseSchema } from '../domain/model/response';

/**
 * A submitted response waiting in the Submissions table to be released. Exactly the stored
 * response (no identity: its row key is random) plus, once a release has claimed it, the
 * random row key it will have in the Responses table and the day of that release, which
 * replaces `day` when it is written there (see release-pending.ts for why).
 */
export const pendingResponseSchema = responseSchema.extend({
  releasedAs: z.string().regex(/^[0-9a-f]{32}$/).optional(),
  releasedOn: daySchema.optional(),
});

export type PendingResponse = z.infer<typeof pendingResponseSchema>;
