import { z } from 'zod';
import { belowK } from './anonymity';
import { suggestInterventions, type CatalogueEntry } from './intervention-catalogue';
import { DIMENSIONS, dimensionSchema, type Dimension } from './instrument';
import { FAMILIES_WORKGROUP_ID } from './model/family';
import type { Response } from './model/response';
import type { TargetRatings } from './model/ratings';
import { band, type Bands } from './scoring';
import { shownFigureSchema, type ShownFigure } from './shown-figure';
import { ci95, Summary } from './stats';

/**
 * The figures a transition check publishes once, when it closes (rc-measurement.md sections 4
 * and 5), computed from its released responses. Pure.
 *
 * - Team RC: the mean of RC_between(i) over the staff who answered; shown only for at least k.
 * - The family view: scored the same way over the family answers that chose
 *   'shared_with_team'; shown to the care team whatever their number (the family's choice).
 *   Answers that chose 'overall_only' are in no figure of a check at all, so no comparison of
 *   published figures can give them back.
 * - Weakest ties: staff ties (role -> role), shown only when every staff tie of the check has
 *   at least k answers: team RC is a weighted sum of the ties, so one hidden tie beside the
 *   total could be worked out by subtraction.
 * - Weakest dimensions: the team's (each over at least k) and the family's shared view.
 * - The weak alert: team RC or the family view in the weak band, with the catalogue's
 *   interventions for the weakest dimensions of whichever is weak.
 */

/** How many of the weakest ties and dimensions a publication names. */
export const WEAKEST_COUNT = 3;

export const weakTieSchema = z.object({ from: z.string(), to: z.string(), figure: shownFigureSchema }).strict();
export type WeakTie = z.infer<typeof weakTieSchema>;

export const weakDimensionSchema = z.object({ dimension: dimensionSchema, from: z.enum(['team', 'family']), figure: shownFigureSchema }).strict();
export type WeakDimension = z.infer<typeof weakDimensionSchema>;

export const transitionAlertSchema = z
  .object({
    weak: z.boolean(),
    /** Which published figure is weak. */
    because: z.array(z.enum(['team_rc', 'family_view'])),
    /** Catalogue ids, best first, for the weakest dimensions of what is weak. */
    interventionIds: z.array(z.string()).max(WEAKEST_COUNT),
  })
  .strict();
export type TransitionAlert = z.infer<typeof transitionAlertSchema>;

/** A closed check's publication, stored once on its row and never changed. */
export const transitionPublicationSchema = z
  .object({
    publishedAt: z.iso.datetime(),
    k: z.int().min(1),
    /** Staff who answered (a count only; shown only for at least k). */
    staffAnswered: z.int().min(0),
    /** Family links answered, whatever they chose (a count, never their answers). */
    familyAnswered: z.int().min(0),
    teamRc: shownFigureSchema.nullable(),
    familyView: shownFigureSchema.nullable(),
    weakestTies: z.array(weakTieSchema).max(WEAKEST_COUNT),
    weakestDimensions: z.array(weakDimensionSchema).max(2 * WEAKEST_COUNT),
    alert: transitionAlertSchema,
  })
  .strict();
export type TransitionPublication = z.infer<typeof transitionPublicationSchema>;

/** RC of one respondent with one target: the mean of the present items, when at least minItems are. */
export function targetRc(ratings: TargetRatings | undefined, minItems: number): number | undefined {
  if (!ratings) return undefined;
  const present = DIMENSIONS.map((d) => ratings[d]).filter((x): x is number => x !== null && x !== undefined);
  return present.length >= minItems && present.length > 0 ? present.reduce((a, b) => a + b, 0) / present.length : undefined;
}

/** RC_between(i): the mean of RC(i, t) over targets other than the respondent's own group. */
export function rcBetween(response: Pick<Response, 'respondentWorkgroupId' | 'ratings'>, minItems: number): number | undefined {
  const values = Object.entries(response.ratings)
    .filter(([target]) => target !== response.respondentWorkgroupId)
    .map(([, r]) => targetRc(r, minItems))
    .filter((x): x is number => x !== undefined);
  return values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : undefined;
}

/** The figure of a sample, shown when it has at least `k` values (k = 1 for what the family chose to share). */
export function sampleFigure(values: readonly number[], k: number, bands: Bands): ShownFigure | null {
  if (values.length === 0 || belowK(values.length, k)) return null;
  const s = Summary.of(values);
  return { mean: s.mean, n: s.n, ci95: ci95(s), band: band(s.mean, bands) };
}

/** D(i, d) over the respondents' targets other than their own; one figure per dimension. */
function dimensionFigures(responses: readonly Response[], k: number, bands: Bands): Map<Dimension, ShownFigure | null> {
  const out = new Map<Dimension, ShownFigure | null>();
  for (const d of DIMENSIONS) {
    const values = responses.flatMap((r) => {
      const present = Object.entries(r.ratings)
        .filter(([t]) => t !== r.respondentWorkgroupId)
        .map(([, x]) => x[d])
        .filter((x): x is number => x !== null);
      return present.length > 0 ? [present.reduce((a, b) => a + b, 0) / present.length] : [];
    });
    out.set(d, sampleFigure(values, k, bands));
  }
  return out;
}

/** Every staff tie's RC values (from role -> to role), own role excluded. */
function staffTies(staff: readonly Response[], minItems: number): Map<string, { from: string; to: string; values: number[] }> {
  const ties = new Map<string, { from: string; to: string; values: number[] }>();
  for (const r of staff) {
    for (const [to, ratings] of Object.entries(r.ratings)) {
      if (to === r.respondentWorkgroupId) continue;
      const rc = targetRc(ratings, minItems);
      if (rc === undefined) continue;
      const key = `${r.respondentWorkgroupId}>${to}`;
      const tie = ties.get(key) ?? { from: r.respondentWorkgroupId, to, values: [] };
      tie.values.push(rc);
      ties.set(key, tie);
    }
  }
  return ties;
}

const weakestFirst = <T extends { figure: ShownFigure }>(xs: T[]) => xs.sort((a, b) => a.figure.mean - b.figure.mean).slice(0, WEAKEST_COUNT);

/** The method a check's figures follow (copied onto its pulse when it opened). */
export interface TransitionMethod {
  k: number;
  minItems: number;
  bands: Bands;
}

/**
 * The publication of a closed check from its released responses. Family responses are told
 * apart by their workgroup (FAMILIES_WORKGROUP_ID); only those that chose 'shared_with_team'
 * are scored.
 */
export function publishTransition(responses: readonly Response[], method: TransitionMethod, publishedAt: string): TransitionPublication {
  const { k, minItems, bands } = method;
  const staff = responses.filter((r) => r.respondentWorkgroupId !== FAMILIES_WORKGROUP_ID);
  const family = responses.filter((r) => r.respondentWorkgroupId === FAMILIES_WORKGROUP_ID);
  const shared = family.filter((r) => r.familySharing === 'shared_with_team');

  const between = staff.map((r) => rcBetween(r, minItems)).filter((x): x is number => x !== undefined);
  const teamRc = sampleFigure(between, k, bands);
  const familyValues = shared.map((r) => rcBetween(r, minItems)).filter((x): x is number => x !== undefined);
  const familyView = sampleFigure(familyValues, 1, bands);

  const ties = [...staffTies(staff, minItems).values()];
  const allTiesShown = teamRc !== null && ties.every((t) => !belowK(t.values.length, k));
  const weakestTies = allTiesShown ? weakestFirst(ties.map((t) => ({ from: t.from, to: t.to, figure: sampleFigure(t.values, k, bands)! }))) : [];

  const dims = (rs: readonly Response[], from: 'team' | 'family', kk: number): WeakDimension[] =>
    [...dimensionFigures(rs, kk, bands)].flatMap(([dimension, figure]) => (figure ? [{ dimension, from, figure }] : []));
  const teamDims = teamRc ? weakestFirst(dims(staff, 'team', k)) : [];
  const familyDims = familyView ? weakestFirst(dims(shared, 'family', 1)) : [];

  const because: TransitionAlert['because'] = [];
  if (teamRc?.band === 'weak') because.push('team_rc');
  if (familyView?.band === 'weak') because.push('family_view');
  const weakDims = [...(because.includes('team_rc') ? teamDims : []), ...(because.includes('family_view') ? familyDims : [])]
    .sort((a, b) => a.figure.mean - b.figure.mean)
    .map((d) => d.dimension);
  const interventions: CatalogueEntry[] = because.length > 0 ? suggestInterventions(weakDims, WEAKEST_COUNT) : [];

  return {
    publishedAt,
    k,
    staffAnswered: staff.length,
    familyAnswered: family.length,
    teamRc,
    familyView,
    weakestTies,
    weakestDimensions: [...teamDims, ...familyDims],
    alert: { weak: because.length > 0, because, interventionIds: interventions.map((e) => e.id) },
  };
}
