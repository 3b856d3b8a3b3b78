import { z } from 'zod';
import { DIMENSIONS, type Dimension } from './instrument';

/**
 * The shape of published figures, defined once: the scoring produces it, a stored snapshot
 * holds it, the API contract and the exports derive from it. Types come from the schemas.
 */

export const bandSchema = z.enum(['weak', 'moderate', 'strong']);
export type Band = z.infer<typeof bandSchema>;

const bandThreshold = z.number().min(1, 'a band threshold is between 1 and 5').max(5, 'a band threshold is between 1 and 5');

/** Band thresholds (weak < moderate <= x < strong <= x); moderate must be below strong. */
export const bandsSchema = z
  .object({ moderate: bandThreshold, strong: bandThreshold })
  .refine((b) => b.moderate < b.strong, { message: 'the moderate threshold must be below the strong one', path: ['strong'] });
export type Bands = z.infer<typeof bandsSchema>;

/**
 * A published figure (full precision; rounded only for display). A suppressed figure
 * carries no mean, no n and no interval, so nothing about the few respondents behind it can
 * leave the server.
 */
export const figureSchema = z.object({
  mean: z.number().nullable(),
  n: z.int().nullable(),
  ci95: z.tuple([z.number(), z.number()]).nullable(),
  band: bandSchema.nullable(),
  suppressed: z.boolean(),
});
export type Figure = z.infer<typeof figureSchema>;

/** A figure nothing is shown for (a fresh object each time: callers may not share it). */
export function hiddenFigure(): Figure {
  return { mean: null, n: null, ci95: null, band: null, suppressed: true };
}

/** The hidden figure, frozen, for comparisons and defaults. */
export const HIDDEN_FIGURE: Readonly<Figure> = Object.freeze(hiddenFigure());

/** One schema per dimension id: `{ frequent: schema, ..., mutual_respect: schema }`. */
export function perDimension<T extends z.ZodType>(schema: T) {
  return z.object(Object.fromEntries(DIMENSIONS.map((d) => [d, schema])) as Record<Dimension, T>);
}

export const dimensionFiguresSchema = perDimension(figureSchema);
export type DimensionFigures = z.infer<typeof dimensionFiguresSchema>;

/** A tie from one workgroup to another (ids), with a figure per dimension. */
export const tieFigureSchema = figureSchema.extend({
  from: z.string(),
  to: z.string(),
  dimensions: dimensionFiguresSchema,
});
export type TieFigure = z.infer<typeof tieFigureSchema>;

export const workgroupFiguresSchema = z.object({
  workgroup: z.string(),
  /** Null when fewer than k (or hidden so it cannot be found by subtraction). */
  respondents: z.int().nullable(),
  /** How this group experiences everyone else. */
  outgoing: figureSchema,
  /** How everyone else experiences this group. */
  incoming: figureSchema,
});
export type WorkgroupFigures = z.infer<typeof workgroupFiguresSchema>;

export const alphaSchema = z.object({ value: z.number().nullable(), rows: z.int() });

/** The output of `rc-pulse score` (measurement contract, section 6). */
export const scoreReportSchema = z.object({
  k: z.int(),
  minItems: z.int(),
  respondents: z.int(),
  overall: figureSchema,
  overallBetween: figureSchema,
  dimensions: dimensionFiguresSchema,
  indices: z.object({ communication: figureSchema, relationship: figureSchema }),
  ties: z.array(tieFigureSchema),
  workgroups: z.array(workgroupFiguresSchema),
  /** Cronbach's alpha over complete respondent-target rows; null when not computable or below k. */
  alpha: alphaSchema,
});
export type ScoreReport = z.infer<typeof scoreReportSchema>;

/**
 * What a pulse's stored publication holds: the score report plus the workgroup names of the
 * day (ties are scored between ids, and names can change later). Snapshots written before
 * the names were kept read with none.
 */
export const publishedFiguresSchema = scoreReportSchema.extend({
  workgroupNames: z.record(z.string(), z.string()).default({}),
});
export type PublishedFigures = z.infer<typeof publishedFiguresSchema>;

/** A figure as it may be shown: as it is, or wholly empty when suppressed. */
export function shownFigure(f: Figure): Figure {
  return f.suppressed ? hiddenFigure() : { mean: f.mean, n: f.n, ci95: f.ci95, band: f.band, suppressed: false };
}

function shownDimensions(d: DimensionFigures): DimensionFigures {
  return Object.fromEntries(DIMENSIONS.map((k) => [k, shownFigure(d[k])])) as DimensionFigures;
}

/**
 * The figures with every suppressed one emptied again, so that even a publication written
 * by older code cannot carry a hidden value or n any further.
 */
export function shownFigures(p: PublishedFigures): PublishedFigures {
  return {
    ...p,
    overall: shownFigure(p.overall),
    overallBetween: shownFigure(p.overallBetween),
    dimensions: shownDimensions(p.dimensions),
    indices: { communication: shownFigure(p.indices.communication), relationship: shownFigure(p.indices.relationship) },
    ties: p.ties.map((t) => ({ from: t.from, to: t.to, ...shownFigure(t), dimensions: shownDimensions(t.dimensions) })),
    workgroups: p.workgroups.map((w) => ({ ...w, outgoing: shownFigure(w.outgoing), incoming: shownFigure(w.incoming) })),
  };
}
