import { countOrFewer, dayText, figureText, percent } from '../contract/display-format';
import type { Figure } from '../domain/figures';
import { adaptiveCard, heading, plain, run, text } from './card-kit';
import type { AdaptiveCard, CardButton, CardElement, Column } from './card-types';

/**
 * The results summary posted to the collaborative's channel: overall and between-group RC
 * with band and 95% interval, response rate, strongest and weakest ties, and a button to the
 * results tab. Framed for shared sense-making: ties between groups, never individuals.
 * Figures are published once, when a pulse closes: before that the card shows progress only.
 */

/** A tie from one group to another (names, not ids), with its published figure. */
export interface TieView {
  from: string;
  to: string;
  figure: Figure;
}

interface ResultsViewBase {
  focalProcess: string;
  k: number;
  /** People who answered (shown only from k on: below it, "fewer than k"). */
  respondents: number;
  invited: number;
  /** Deep link to the results tab; the button appears only for an https link. */
  tabUrl: string;
}

/** A closed pulse's final figures. */
export interface FinalResultsView extends ResultsViewBase {
  status: 'closed';
  overall: Figure;
  overallBetween: Figure;
  strongest: readonly TieView[];
  weakest: readonly TieView[];
}

/** No figures yet: the pulse is open, or closed with its figures still being prepared. */
export interface ProgressView extends ResultsViewBase {
  status: 'open' | 'preparing';
  /** ISO instant the pulse closes, when it has a closing date. */
  closesAt?: string;
}

export type ResultsView = FinalResultsView | ProgressView;

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

function finalLine(view: FinalResultsView): string {
  if (!tooFewToShow(view)) return 'Final results: the pulse has closed.';
  const why = `Figures need at least ${view.k} people, so that nobody's answers can be picked out.`;
  return `The pulse has closed. Too few people answered for figures to be shown. ${why}`;
}

/**
 * "42 of 120 people answered (35%)." Below k the count reads "fewer than k" and no rate gives
 * it away; `soFar` words it for a pulse still open ("So far fewer than 5 people have answered.").
 */
function answeredLine(view: ResultsViewBase, soFar = false): string {
  const count = countOrFewer(view.respondents, view.k);
  const rate = tooFewToShow(view) ? undefined : percent(view.respondents, view.invited);
  const of = view.invited > 0 ? ` of ${view.invited}` : '';
  const sentence = soFar ? `So far ${count}${of} people have answered` : `${count.charAt(0).toUpperCase()}${count.slice(1)}${of} people answered`;
  return `${sentence}${rate && of ? ` (${rate})` : ''}.`;
}

/** Only an https deep link becomes a button: anything else would be a bug, or worse. */
function tabButton(view: ResultsViewBase): CardButton[] {
  return /^https:\/\//i.test(view.tabUrl) ? [{ type: 'Action.OpenUrl', title: 'Open the full results', url: view.tabUrl }] : [];
}

/**
 * No figures yet, in plain words: when they will appear and how many have answered so far
 * (the count under the k rule). Nothing else, so two looks a few answers apart tell nothing.
 */
function progressCard(view: ProgressView): AdaptiveCard {
  const when =
    view.status === 'preparing'
      ? 'The pulse has closed. Its figures are being prepared and will appear here shortly.'
      : `Figures appear when the pulse closes${view.closesAt ? ` on ${dayText(view.closesAt)}` : ''}.`;
  const body: CardElement[] = [
    heading('Results: how our groups work together'),
    plain(['About ', run(view.focalProcess, { weight: 'bolder' })], { spacing: 'none' }),
    text(`${when} ${answeredLine(view, view.status === 'open')}`, { spacing: 'medium' }),
    text(
      'Figures are published once, when the pulse closes, and never change, so that nobody\'s answers can be worked out by comparing one look with the next.',
      { isSubtle: true, size: 'small', spacing: 'small' },
    ),
  ];
  return adaptiveCard(body, tabButton(view));
}

/** The channel summary of a pulse's results (or, before they are published, its progress). */
export function resultsCard(view: ResultsView): AdaptiveCard {
  if (view.status !== 'closed') return progressCard(view);
  const noTies = view.strongest.length === 0 && view.weakest.length === 0;
  const body: CardElement[] = [
    heading('Results: how our groups work together'),
    plain(['About ', run(view.focalProcess, { weight: 'bolder' })], { spacing: 'none' }),
    text(finalLine(view), { isSubtle: true, spacing: 'small' }),
    {
      type: 'ColumnSet',
      spacing: 'medium',
      columns: [figureColumn('Overall RC', view.overall, view.k), figureColumn('Between groups', view.overallBetween, view.k)],
    },
    text(answeredLine(view), { spacing: 'medium' }),
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
  return adaptiveCard(body, tabButton(view));
}
