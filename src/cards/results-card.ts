import type { Figure } from '../domain/scoring';
import { adaptiveCard, heading, plain, run, text } from './card-kit';
import type { AdaptiveCard, CardButton, CardElement, Column } from './card-types';
import { countOrFewer, figureText, percent } from '../contract/display-format';

/**
 * The results summary posted to the collaborative's channel: overall and between-group RC
 * with band and 95% interval, response rate, strongest and weakest ties, and a button to the
 * results tab. Framed for shared sense-making: ties between groups, never individuals.
 */

/** A tie from one group to another (names, not ids), with its published figure. */
export interface TieView {
  from: string;
  to: string;
  figure: Figure;
}

export interface ResultsView {
  focalProcess: string;
  k: number;
  status: 'open' | 'closed';
  /** People who answered (always shown: it is the response count). */
  respondents: number;
  invited: number;
  overall: Figure;
  overallBetween: Figure;
  strongest: readonly TieView[];
  weakest: readonly TieView[];
  /** Deep link to the results tab; the button appears only for an https link. */
  tabUrl: string;
  /** For an open pulse: the respondent count the published snapshot was computed at. */
  asOfResponses?: number;
}

/** A tie as the scoring report has it: a figure with from and to. */
export type ScoredTie = Figure & { from: string; to: string };

/**
 * The strongest and weakest shown ties (suppressed ones never count), `count` of each and
 * never the same tie twice. Within-group ties are left out unless asked for: the summary is
 * about coordination between groups. `nameOf` turns ids into names when ties carry ids.
 */
export function pickTies(
  ties: readonly ScoredTie[],
  count = 3,
  options: { includeWithinGroup?: boolean; nameOf?: (id: string) => string } = {},
): { strongest: TieView[]; weakest: TieView[] } {
  const name = options.nameOf ?? ((id: string) => id);
  const shown = ties
    .filter((t) => !t.suppressed && t.mean !== null && (options.includeWithinGroup || t.from !== t.to))
    .map((t) => ({ from: name(t.from), to: name(t.to), figure: { mean: t.mean, n: t.n, ci95: t.ci95, band: t.band, suppressed: false } }))
    .sort((a, b) => (b.figure.mean ?? 0) - (a.figure.mean ?? 0) || a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
  const strongest = shown.slice(0, count);
  const weakest = shown.slice(Math.max(count, shown.length - count)).reverse();
  return { strongest, weakest };
}

function figureColumn(title: string, figure: Figure, k: number): Column {
  const t = figureText(figure, k);
  return {
    type: 'Column',
    width: 'stretch',
    items: [
      text(title, { isSubtle: true, size: 'small' }),
      text(t.value, { size: 'large', weight: 'bolder', spacing: 'none' }),
      ...(t.interval ? [text(t.interval, { isSubtle: true, size: 'small', spacing: 'none' })] : []),
    ],
  };
}

function tieLines(title: string, ties: readonly TieView[], k: number): CardElement[] {
  if (ties.length === 0) return [];
  return [
    text(title, { weight: 'bolder', spacing: 'medium' }),
    ...ties.map((t) => plain([t.from, ' → ', t.to, ': ', run(figureText(t.figure, k).value, { weight: 'bolder' })], { spacing: 'small' })),
  ];
}

/** Fewer than k answered in all: no figure can be shown, and the card says so plainly. */
export function tooFewToShow(view: Pick<ResultsView, 'respondents' | 'k'>): boolean {
  return view.respondents < view.k;
}

function snapshotLine(view: ResultsView): string {
  if (tooFewToShow(view)) {
    const why = `Figures need at least ${view.k} people, so that nobody's answers can be picked out.`;
    return view.status === 'closed'
      ? `The pulse has closed. Too few people answered for figures to be shown. ${why}`
      : `Too few people have answered so far for figures to be shown. ${why}`;
  }
  if (view.status === 'closed') return 'Final results: the pulse has closed.';
  const asOf = view.asOfResponses !== undefined ? `, as of ${view.asOfResponses} responses` : '';
  return `Early results${asOf}. They update after at least ${view.k} more people answer.`;
}

/** "42", or "Fewer than 5" below k (it starts the sentence). */
function answeredCount(view: ResultsView): string {
  const count = countOrFewer(view.respondents, view.k);
  return count.charAt(0).toUpperCase() + count.slice(1);
}

/** The channel summary of a pulse's results. */
export function resultsCard(view: ResultsView): AdaptiveCard {
  // Below k even the count reads "fewer than k", and no percentage gives it away.
  const rate = tooFewToShow(view) ? undefined : percent(view.respondents, view.invited);
  const noTies = view.strongest.length === 0 && view.weakest.length === 0;
  const body: CardElement[] = [
    heading('Results: how our groups work together'),
    plain(['About ', run(view.focalProcess, { weight: 'bolder' })], { spacing: 'none' }),
    text(snapshotLine(view), { isSubtle: true, spacing: 'small' }),
    {
      type: 'ColumnSet',
      spacing: 'medium',
      columns: [figureColumn('Overall RC', view.overall, view.k), figureColumn('Between groups', view.overallBetween, view.k)],
    },
    text(`${answeredCount(view)} of ${view.invited} people answered${rate ? ` (${rate})` : ''}.`, { spacing: 'medium' }),
    ...tieLines('Strongest ties', view.strongest, view.k),
    ...tieLines('Weakest ties', view.weakest, view.k),
    text(
      noTies ? `Ties appear once at least ${view.k} people in a group have answered about another group.` : 'A → B is how people in A experience working with B.',
      { isSubtle: true, size: 'small', spacing: 'small' },
    ),
    text(
      'These figures describe ties between groups, never individuals. They are a starting point for talking together ' +
        'about what helps, not a verdict on anyone.',
      { spacing: 'medium' },
    ),
  ];
  // Only an https deep link becomes a button: anything else would be a bug, or worse.
  const actions: CardButton[] = /^https:\/\//i.test(view.tabUrl)
    ? [{ type: 'Action.OpenUrl', title: 'Open the full results', url: view.tabUrl }]
    : [];
  return adaptiveCard(body, actions);
}
