import { z } from 'zod';
import { MAX_CLOSES_IN_DAYS } from '../../src/app/pulse/start-pulse';

/**
 * The words after "pulse start" (and after the date and time of "pulse schedule"): the focal
 * process, who is asked ("asking ..."), which groups are rated ("rating ...") and when it
 * closes ("closes in N days"). One reader for both commands, so they read the same words the
 * same way. Pure: the use-cases resolve the group names against the collaborative's workgroups.
 */

/** The longest a pulse may be open, as started or scheduled (the lifecycle's 8 weeks). */
export { MAX_CLOSES_IN_DAYS };

/** What the words ask for; absent parts take the use-case's defaults. */
export interface PulseOptionWords {
  focalProcess?: string;
  closesInDays?: number;
  asking?: string[];
  rating?: string[];
}

export type PulseOptionsResult = { ok: true; options: PulseOptionWords } | { ok: false; message: string };

/** A focal process (or title) typed in quotation marks: the marks are not part of it. */
export const QUOTES = /^["'\u201c\u201d\u2018\u2019](.*)["'\u201c\u201d\u2018\u2019]$/s;

/** "asking Leadership, Commissioners": workgroup names separated by commas. */
function groupListSchema(role: string, lead: string) {
  const message = `Please name the workgroups after "${role}", separated by commas. For example: ${lead} ${role} Leadership, Commissioners.`;
  return z.array(z.string().trim().min(1, message).max(100, message)).min(1, message).max(50, message);
}

/** Takes "asking ..." and "rating ..." off the words (either order), leaving the focal process. */
function scopeWords(words: readonly string[]): { rest: string[]; asking?: string[]; rating?: string[] } {
  const lower = words.map((w) => w.toLowerCase());
  const at = (key: string) => lower.indexOf(key);
  const marks = [at('asking'), at('rating')].filter((i) => i >= 0).sort((a, b) => a - b);
  if (marks.length === 0) return { rest: [...words] };
  const list = (from: number) => {
    const to = marks.find((m) => m > from) ?? words.length;
    return words.slice(from + 1, to).join(' ').split(/[,;]/).map((g) => g.trim());
  };
  return {
    rest: words.slice(0, marks[0]),
    ...(at('asking') >= 0 ? { asking: list(at('asking')) } : {}),
    ...(at('rating') >= 0 ? { rating: list(at('rating')) } : {}),
  };
}

function optionsSchema(lead: string) {
  const daysError = `A pulse can stay open for 1 to ${MAX_CLOSES_IN_DAYS} days. For example: ${lead} closes in 14 days.`;
  return {
    daysError,
    schema: z.object({
      focalProcess: z.string().trim().min(1).max(300, 'Please keep the focal process to 300 characters or fewer.').optional(),
      closesInDays: z.int(daysError).min(1, daysError).max(MAX_CLOSES_IN_DAYS, daysError).optional(),
      asking: groupListSchema('asking', lead).optional(),
      rating: groupListSchema('rating', lead).optional(),
    }),
  };
}

/** Words that can come before "N days": "closes in", "closing in", "open for", "for", "in". */
const CLOSES_LEADS: readonly (readonly string[])[] = [['closes', 'in'], ['close', 'in'], ['closing', 'in'], ['open', 'for'], ['for'], ['in']];

/**
 * Splits "admission to the MBU asking A rating A, B closes in 14 days" into the focal process,
 * the groups and the days. `lead` is how an example of the command starts ("pulse start"), so
 * a message about a mistake shows the command the person typed.
 */
export function parsePulseOptions(words: readonly string[], lead: string): PulseOptionsResult {
  const { daysError, schema } = optionsSchema(lead);
  let rest = [...words];
  let days: string | undefined;
  const lower = rest.map((w) => w.toLowerCase());
  if (lower.length >= 3 && /^days?$/.test(lower[lower.length - 1]!)) {
    const closes = CLOSES_LEADS.find((l) => l.join(' ') === lower.slice(-2 - l.length, -2).join(' '));
    if (closes) {
      days = rest[rest.length - 2];
      rest = rest.slice(0, -2 - closes.length);
    }
  }
  if (days !== undefined && !/^\d{1,6}$/.test(days)) return { ok: false, message: daysError };
  const scope = scopeWords(rest);
  const focal = scope.rest.join(' ').replace(QUOTES, '$1').trim();
  const result = schema.safeParse({
    ...(scope.asking ? { asking: scope.asking } : {}),
    ...(scope.rating ? { rating: scope.rating } : {}),
    ...(focal ? { focalProcess: focal } : {}),
    ...(days !== undefined ? { closesInDays: Number(days) } : {}),
  });
  if (!result.success) return { ok: false, message: result.error.issues[0]!.message };
  return { ok: true, options: result.data };
}
