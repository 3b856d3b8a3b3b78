import { z } from 'zod';
import { guidSchema, idSchema, nameSchema } from './primitives';

/** An organisation of a collaborative, usually a partner NHS Trust. */
export const organisationSchema = z.object({
  collaborativeId: idSchema,
  id: idSchema,
  name: nameSchema,
  /** The Entra tenant its staff sign in with, when it is not the shared NHSmail tenant. */
  tenantId: guidSchema.optional(),
});

export type Organisation = z.infer<typeof organisationSchema>;
