import { z } from 'zod';
import { guidSchema, idSchema, instantSchema, nameSchema } from './primitives';

/** An organisation of a collaborative, usually a partner NHS Trust. */
export const organisationSchema = z.object({
  collaborativeId: idSchema,
  id: idSchema,
  name: nameSchema,
  /** The Entra tenant its staff sign in with, when it is not the shared NHSmail tenant. */
  tenantId: guidSchema.optional(),
  /** When it left the collaborative. Kept (retired, not deleted) while members or workgroups refer to it. */
  retiredAt: instantSchema.optional(),
});

export type Organisation = z.infer<typeof organisationSchema>;
