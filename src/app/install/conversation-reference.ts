import { z } from 'zod';
import type { ConversationReferenceJson } from './install-ports';

/**
 * The one fact the product reads inside a saved conversation reference: whether it is the
 * person's own 1:1 chat with RC Pulse, or a team's, from which the bot opens a 1:1 chat. A
 * team's reference stops working when the app leaves the team; a personal one does not.
 */

const shape = z.object({ conversation: z.object({ conversationType: z.string().optional() }).optional() });

/** True when the reference is a personal (1:1) chat with the bot. */
export function isPersonalReference(reference: ConversationReferenceJson | undefined): boolean {
  const parsed = shape.safeParse(reference);
  return parsed.success && parsed.data.conversation?.conversationType === 'personal';
}
