import { countOrFewer, dayText, figureText, plural } from '../contract/display-format';
import { DIMENSION_TITLES } from '../domain/dimension-words';
import type { Dimension } from '../domain/instrument';
import type { ShownFigure } from '../domain/shown-figure';
import type { TransitionCloseReason, TransitionType } from '../domain/model/transition';
import { adaptiveCard, executeAction, facts, heading, plain, run, text } from './card-kit';
import type { AdaptiveCard, CardButton, CardElement } from './card-types';
import { TRANSITION_TYPE_WORDS } from './transition-start-card';

/**
 * The check's card, posted where the check was started (the collaborative's channel, or the
 * starter's chat) and updated in place: while open, counts only (invited, reachable,
 * answered under the k rule: never who); once closed, the figures published at the close:
 * team RC with its band, the family's view as the family chose, the weakest ties and
 * dimensions. Figures appear once and never change (rc-measurement.md section 4).
 */

/** A dimension's published figure, the team's or the family's shared view. */
export interface DimensionView {
  dimension: Dimension;
  from: 'team' | 'family';
  figure: ShownFigure;
}

/** A tie between two roles (names), with its published figure. */
export interface RoleTieView {
  from: string;
  to: string;
  figure: ShownFigure;
}

/** What a closed check published (figures that may not be shown are null). */
export interface TransitionFiguresView {
  /** Team RC: staff answers only; null when fewer than k staff answered. */
  teamRc: ShownFigure | null;
  /** The family's own view: null unless the family chose to share it with the team. */
  familyView: ShownFigure | null;
  weakestTies: readonly RoleTieView[];
  weakestDimensions: readonly DimensionView[];
}

/** A published figure in words: "3.41 (weak)", or "fewer than k responses" when it may not be shown. */
export function shownText(figure: ShownFigure | null, k: number): string {
  return figureText(figure ? { ...figure, suppressed: false } : { mean: null, n: null, ci95: null, band: null, suppressed: true }, k).value;
}

/** "Timely communication" for the team, "Timely communication (the family)" for theirs. */
export function dimensionTitle(d: DimensionView): string {
  return d.from === 'family' ? `${DIMENSION_TITLES[d.dimension]} (the family)` : DIMENSION_TITLES[d.dimension];
}

export interface TransitionCheckView {
  collaborativeId: string;
  checkId: string;
  type: TransitionType;
  reference: string;
  /** The check's own k (default 3): below it a count reads "fewer than k". */
  k: number;
  staffInvited: number;
  /** Staff who have RC Pulse in Teams and so have been asked. */
  staffReached: number;
  familyLinks: number;
  /** Everyone who has answered, staff and family together. */
  answered: number;
  status: 'open' | 'closed';
  closesAt: string;
  closedAt?: string;
  closeReason?: TransitionCloseReason;
  /** Present once the check has closed and its figures are published. */
  figures?: TransitionFiguresView;
  /** A line under the heading, e.g. why a press changed nothing. */
  notice?: string;
}

const CLOSE_WORDS: Readonly<Record<TransitionCloseReason, string>> = {
  all_answered: 'everyone invited answered',
  window_ended: 'its window ended',
  closed_by_command: 'it was closed early',
};

function progress(view: TransitionCheckView): CardElement[] {
  const invited = `${plural(view.staffInvited, 'member of staff', 'members of staff')}${view.familyLinks > 0 ? ` and ${plural(view.familyLinks, 'family link')}` : ''}`;
  return [
    facts(
      [
        ['Invited', invited],
        ['Can be reached', `${view.staffReached} of ${view.staffInvited} staff`],
        ['Answered', countOrFewer(view.answered, view.k)],
      ],
      'medium',
    ),
    text(`Figures appear when the check closes: on ${dayText(view.closesAt)}, or sooner if everyone answers.`, { spacing: 'medium' }),
    text('This card shows how many have answered, never who.', { isSubtle: true, size: 'small', spacing: 'small' }),
  ];
}

function figureLine(title: string, figure: ShownFigure | null, k: number): CardElement {
  return plain([`${title}: `, run(shownText(figure, k), { weight: 'bolder' })], { spacing: 'small' });
}

function figures(view: TransitionCheckView, f: TransitionFiguresView): CardElement[] {
  const why = view.closeReason ? `: ${CLOSE_WORDS[view.closeReason]}` : '';
  return [
    text(`The check closed${view.closedAt ? ` on ${dayText(view.closedAt)}` : ''}${why}. These figures are final.`, { isSubtle: true, spacing: 'small' }),
    figureLine('Team RC', f.teamRc, view.k),
    f.familyView
      ? figureLine('The family’s view, as they chose to share it', f.familyView, 1)
      : text('The family’s view is shown here only when the family chooses to share it with the team.', { isSubtle: true, spacing: 'small' }),
    ...(f.weakestTies.length > 0
      ? [
          text('Weakest ties', { weight: 'bolder', spacing: 'medium' }),
          ...f.weakestTies.map((t) => plain([t.from, ' → ', t.to, ': ', run(shownText(t.figure, view.k), { weight: 'bolder' })], { spacing: 'small' })),
        ]
      : []),
    ...(f.weakestDimensions.length > 0
      ? [
          text('Weakest dimensions', { weight: 'bolder', spacing: 'medium' }),
          facts(f.weakestDimensions.map((d) => [dimensionTitle(d), shownText(d.figure, d.from === 'family' ? 1 : view.k)] as const), 'small'),
        ]
      : []),
    text('These figures describe roles around one family, never individuals: a starting point for talking together about what helps.', {
      spacing: 'medium',
    }),
  ];
}

/** The check's card: its progress while open, its final figures once closed. */
export function transitionCheckCard(view: TransitionCheckView): AdaptiveCard {
  const body: CardElement[] = [
    heading('Transition check'),
    plain([`${TRANSITION_TYPE_WORDS[view.type]}: `, run(view.reference, { weight: 'bolder' })], { spacing: 'none' }),
    ...(view.notice ? [text(view.notice, { color: 'attention', spacing: 'small' })] : []),
  ];
  let actions: CardButton[] = [];
  if (view.status === 'closed') {
    body.push(...(view.figures ? figures(view, view.figures) : [text('The check has closed. Its figures are being prepared and will appear here shortly.', { spacing: 'medium' })]));
  } else {
    body.push(...progress(view));
    // The id in a run, never markdown: an id may hold '_'.
    body.push(plain([run('To close it early, whoever started it can send ', { isSubtle: true }), run(`transition close ${view.checkId}`, { weight: 'bolder' })], { spacing: 'small' }));
    actions = [executeAction('Close the check now', 'transition.close', { collaborativeId: view.collaborativeId, checkId: view.checkId })];
  }
  return adaptiveCard(body, actions);
}
