import type { z } from 'zod';
import { ValidationError } from '../errors';

/**
 * Checks a value against a model schema and returns the parsed value (defaults filled in).
 * Throws ValidationError with one line per problem, e.g. "k: Too big: expected number to
 * be <=25", so a command or card can say exactly what to fix.
 */
export function parseModel<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.join('.') || what}: ${i.message}`);
  throw new ValidationError(`The ${what} is not valid: ${problems.join('; ')}.`, problems);
}
