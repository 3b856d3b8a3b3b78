import { z } from 'zod';
import { figureSchema } from '../domain/figures';
import { pulseSummarySchema, tieFiguresSchema } from './api-contract';

/**
 * GET /api/collaboratives/:c/trend?scope=:pulseId — the figures of every closed survey pulse
 * with the same scope (same groups asked, same groups rated) as the named pulse, oldest
 * first, as each was published, with the interventions' dates for the time axis. Shared by
 * the server and the tab.
 */

const namedGroupSchema = z.object({ id: z.string(), name: z.string() });

/** One pulse's published figures; null when it had too few answers to publish any. */
export const trendFiguresSchema = z.object({
  overall: figureSchema,
  overallBetween: figureSchema,
  indices: z.object({ communication: figureSchema, relationship: figureSchema }),
  ties: z.array(tieFiguresSchema),
});

export const trendPointSchema = z.object({
  pulse: pulseSummarySchema,
  /** When its figures stand: the pulse's closing instant (ISO). */
  at: z.string(),
  figures: trendFiguresSchema.nullable(),
});
export type TrendPointBody = z.infer<typeof trendPointSchema>;

export const trendResponseSchema = z.object({
  scope: z.object({
    pulseId: z.string(),
    /** The groups asked; null when everyone was asked. */
    asking: z.array(namedGroupSchema).nullable(),
    rating: z.array(namedGroupSchema),
  }),
  points: z.array(trendPointSchema),
  /** Interventions aimed at ties this scope asks about (only those ties listed), or at dimensions alone (no ties). */
  interventions: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      startOn: z.string().nullable(),
      completedAt: z.string().nullable(),
      ties: z.array(z.object({ from: z.string(), to: z.string() })),
    }),
  ),
});
export type TrendResponse = z.infer<typeof trendResponseSchema>;

/** Query of the trend route: the pulse whose scope to follow. */
export const trendQuerySchema = z.object({ scope: z.string().min(1) });

/** The trend route's path. */
export const trendPath = (collaborativeId: string, scopePulseId: string) =>
  `/api/collaboratives/${encodeURIComponent(collaborativeId)}/trend?scope=${encodeURIComponent(scopePulseId)}`;
