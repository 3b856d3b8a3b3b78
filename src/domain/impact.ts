import { z } from 'zod';
import type { Change, CompareReport } from './change';
import { DIMENSION_TITLES } from './dimension-words';
import { dimensionSchema } from './instrument';
import type { Intervention } from './model/intervention';
import { tieLabel, tieLabelSchema } from './sense-making-view';
import { shownFigure, shownFigureSchema } from './shown-figure';

/**
 * The impact of an intervention: RC on the ties and dimensions it targets, in the survey pulse
 * before it started against the pulse after (rc-measurement.md 3.10). It reads a CompareReport
 * of those two pulses, because change.ts works the Welch interval out from each side's raw
 * summary (n, mean and variance); the published figures of two ScoreReports carry only a rounded
 * interval, from which the variances could only be estimated. "Improved" or "declined" only
 * when the interval excludes 0; suppressed on either side means no numbers at all.
 */

/** One figure's change: shown with its Welch verdict, or suppressed with nothing else. */
export const impactChangeSchema = z.discriminatedUnion('suppressed', [
  z
    .object({
      suppressed: z.literal(false),
      before: shownFigureSchema,
      after: shownFigureSchema,
      difference: z.number(),
      ci95: z.tuple([z.number(), z.number()]).nullable(),
      verdict: z.enum(['improved', 'declined', 'no clear change']),
    })
    .strict(),
  z.object({ suppressed: z.literal(true) }).strict(),
]);
export type ImpactChange = z.infer<typeof impactChangeSchema>;

const dimensionChangeSchema = z.object({ dimension: dimensionSchema, title: z.string(), change: impactChangeSchema }).strict();

export const impactViewSchema = z
  .object({
    /** Each targeted tie: its RC, and its targeted dimensions. */
    ties: z.array(z.object({ tie: tieLabelSchema, rc: impactChangeSchema, dimensions: z.array(dimensionChangeSchema) }).strict()),
    /** Each targeted dimension across the whole collaborative. */
    dimensions: z.array(dimensionChangeSchema),
    /** Verdicts over the targeted ties' RC and the targeted dimensions. */
    summary: z.object({ improved: z.int(), declined: z.int(), noClearChange: z.int(), suppressed: z.int() }).strict(),
  })
  .strict();
export type ImpactView = z.infer<typeof impactViewSchema>;

const SUPPRESSED: ImpactChange = { suppressed: true };

/** A change as it may be shown: any suppressed part makes the whole change suppressed. */
export function impactChange(c: Change | undefined): ImpactChange {
  if (!c || c.suppressed || c.difference === null || c.verdict === null) return SUPPRESSED;
  const before = shownFigure(c.before);
  const after = shownFigure(c.after);
  if (!before || !after) return SUPPRESSED;
  return { suppressed: false, before, after, difference: c.difference, ci95: c.ci95, verdict: c.verdict };
}

/**
 * The impact of `intervention` from a CompareReport of the pulse before (compare's `before`)
 * and the pulse after (its `after`); see choosePulsesForImpact. A targeted tie that neither
 * pulse measured is suppressed, like one with too few respondents.
 */
export function interventionImpact(
  intervention: Pick<Intervention, 'ties' | 'dimensions'>,
  report: CompareReport,
  names: Readonly<Record<string, string>>,
): ImpactView {
  const dimensionChanges = (pick: (d: (typeof intervention.dimensions)[number]) => Change | undefined) =>
    intervention.dimensions.map((dimension) => ({ dimension, title: DIMENSION_TITLES[dimension], change: impactChange(pick(dimension)) }));
  const ties = intervention.ties.map(({ from, to }) => {
    const t = report.ties.find((x) => x.from === from && x.to === to);
    return { tie: tieLabel(from, to, names), rc: impactChange(t), dimensions: dimensionChanges((d) => t?.dimensions[d]) };
  });
  const dimensions = dimensionChanges((d) => report.dimensions[d]);
  const headline = [...ties.map((t) => t.rc), ...dimensions.map((d) => d.change)];
  const count = (verdict: string) => headline.filter((c) => !c.suppressed && c.verdict === verdict).length;
  return {
    ties,
    dimensions,
    summary: {
      improved: count('improved'),
      declined: count('declined'),
      noClearChange: count('no clear change'),
      suppressed: headline.filter((c) => c.suppressed).length,
    },
  };
}

/** What choosePulsesForImpact reads of a pulse (a stored Pulse has all of it). */
export interface PulseDates {
  id: string;
  kind: string;
  status: string;
  openedAt?: string;
  closedAt?: string;
}

export type ImpactPulses<P extends PulseDates> =
  | { ok: true; before: P; after: P }
  | { ok: false; reason: 'not_started' | 'no_pulse_before' | 'no_pulse_after'; message: string };

const time = (iso: string) => Date.parse(iso);

/**
 * The two survey pulses to measure an intervention's impact with: the last closed one that
 * closed before it started, and the first closed one that opened after it was done, or, while
 * it is not done, the latest closed one that opened after it started. Pulses that overlap the
 * start are never used: their answers mix before and after. With a plain reason when there is
 * no pair yet.
 */
export function choosePulsesForImpact<P extends PulseDates>(
  pulses: readonly P[],
  intervention: Pick<Intervention, 'status' | 'startOn' | 'completedAt'>,
): ImpactPulses<P> {
  if (intervention.startOn === undefined) {
    return {
      ok: false,
      reason: 'not_started',
      message: 'This intervention has not started yet. Its impact can be shown once it has a start date and a pulse has run since.',
    };
  }
  const start = time(`${intervention.startOn}T00:00:00.000Z`);
  const closed = pulses.filter((p) => p.kind === 'survey' && p.status === 'closed' && p.openedAt !== undefined && p.closedAt !== undefined);
  const opened = (p: P) => time(p.openedAt!);
  const ended = (p: P) => time(p.closedAt!);
  const before = closed.filter((p) => ended(p) <= start).sort((a, b) => ended(b) - ended(a))[0];
  if (!before) {
    return { ok: false, reason: 'no_pulse_before', message: 'No survey pulse closed before this intervention started, so there is nothing to compare with.' };
  }
  const done = intervention.status === 'done' && intervention.completedAt !== undefined;
  const after = done
    ? closed.filter((p) => opened(p) >= time(intervention.completedAt!)).sort((a, b) => opened(a) - opened(b))[0]
    : closed.filter((p) => opened(p) >= start).sort((a, b) => ended(b) - ended(a))[0];
  if (!after) {
    const since = done ? 'was finished' : 'started';
    return { ok: false, reason: 'no_pulse_after', message: `No survey pulse has run since this intervention ${since}. Its impact will show once one has closed.` };
  }
  return { ok: true, before, after };
}
