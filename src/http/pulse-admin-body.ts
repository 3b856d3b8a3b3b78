import type restify from 'restify';
import type { z } from 'zod';
import type { Actor } from '../app/ports';
import type { SignedInPerson } from '../app/results/signed-in-person';
import { ValidationError } from '../domain/errors';

/** What the facilitators' pulse routes share: how a body is read and who acts. */

/** A body checked against its schema: 400 saying which field and why, and nothing done. */
export function bodyOf<S extends z.ZodType>(req: restify.Request, schema: S, what: string): z.infer<S> {
  const parsed = schema.safeParse(req.body ?? {});
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message));
  throw new ValidationError(`The ${what} is not right: ${problems.join('; ')}. Nothing was changed.`, problems);
}

/** The person as the use-cases' Actor: their name goes into the audit trail. */
export const actorOf = (p: SignedInPerson): Actor => ({ aadObjectId: p.aadObjectId, tenantId: p.tenantId, displayName: p.name });
