import { z } from 'zod';
import { idSchema, nameSchema } from './primitives';

/**
 * A workgroup of a collaborative: a role or team whose ties with the other groups are
 * measured (e.g. "MBU nursing", "Health visiting"). RC is about groups, never individuals.
 */
export const workgroupSchema = z.object({
  collaborativeId: idSchema,
  id: idSchema,
  name: nameSchema,
  description: z.string().trim().max(500).optional(),
  /** The partner Trust the group belongs to, when it belongs to one (some span several). */
  organisationId: idSchema.optional(),
});

export type Workgroup = z.infer<typeof workgroupSchema>;
