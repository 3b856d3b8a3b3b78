import { z } from 'zod';
import type { Band, Figure } from './scoring';

/**
 * A figure that may be shown: it passed the anonymity rules, so it has a mean, an n and a
 * band. Views built for people (talking results through, the impact of an intervention) carry
 * only these, so a suppressed figure cannot reach them by mistake.
 */

export const bandSchema = z.enum(['weak', 'moderate', 'strong']);
// Fails to compile if scoring's Band and this schema ever differ.
const _sameBands: [Band, z.infer<typeof bandSchema>] extends [z.infer<typeof bandSchema>, Band] ? true : never = true;

export const shownFigureSchema = z
  .object({
    mean: z.number(),
    n: z.int().min(1),
    ci95: z.tuple([z.number(), z.number()]).nullable(),
    band: bandSchema,
  })
  .strict();
export type ShownFigure = z.infer<typeof shownFigureSchema>;

/**
 * The figure as a ShownFigure, or null when it is suppressed or lacks any part a shown figure
 * needs (a report built by hand, or read back from storage, is not trusted to be consistent).
 */
export function shownFigure(f: Figure | undefined): ShownFigure | null {
  if (!f || f.suppressed || f.mean === null || f.n === null || f.band === null) return null;
  if (!Number.isFinite(f.mean) || !Number.isInteger(f.n) || f.n < 1) return null;
  return { mean: f.mean, n: f.n, ci95: f.ci95 ? [f.ci95[0], f.ci95[1]] : null, band: f.band };
}
