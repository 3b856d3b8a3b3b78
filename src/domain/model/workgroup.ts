import { z } from 'zod';
import { idSchema, instantSchema, nameSchema } from './primitives';

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
  /**
   * When the group stopped being asked about. A workgroup that pulses or members refer to is
   * retired rather than deleted, so past results still name it.
   */
  retiredAt: instantSchema.optional(),
});

export type Workgroup = z.infer<typeof workgroupSchema>;
