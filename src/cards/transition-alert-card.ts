import { catalogueEntry, type CatalogueEntry } from '../domain/intervention-catalogue';
import type { TransitionType } from '../domain/model/transition';
import type { ShownFigure } from '../domain/shown-figure';
import { adaptiveCard, facts, heading, plain, run, text } from './card-kit';
import type { AdaptiveCard, CardButton, CardElement } from './card-types';
import { dimensionTitle, shownText, type DimensionView } from './transition-check-card';
import { TRANSITION_TYPE_WORDS } from './transition-start-card';

/**
 * The weak alert (rc-measurement.md section 5): when a closed check's team RC or the family's
 * view is weak, a plain card in the collaborative's channel with the weakest ties and
 * dimensions, the interventions from the catalogue that address them, and a button to plan
 * one in the tab (its intervention form, filled in with the tie, the dimensions and the check).
 * Framed for shared sense-making: roles, never individuals.
 */

/** A tie with its workgroup ids (for the plan link) and names (for people). */
export interface AlertTieView {
  fromId: string;
  toId: string;
  from: string;
  to: string;
  figure: ShownFigure;
}

export interface TransitionAlertView {
  checkId: string;
  type: TransitionType;
  reference: string;
  k: number;
  teamRc: ShownFigure | null;
  /** Null unless the family chose to share its view with the team. */
  familyView: ShownFigure | null;
  weakestTies: readonly AlertTieView[];
  /** Weakest first. */
  weakestDimensions: readonly DimensionView[];
  /** The catalogue's interventions for what is weak, best first (ids; unknown ones are skipped). */
  interventionIds: readonly string[];
  /** Deep link to the tab; plan buttons appear only for an https link. */
  tabUrl: string;
}

/** The tab's route to its intervention form, filled in (the format the tab's router reads). */
export function planHash(tie: { fromId: string; toId: string } | undefined, dimensions: readonly string[], pulseId: string, catalogueId?: string): string {
  const q = new URLSearchParams();
  if (tie) {
    q.set('from', tie.fromId);
    q.set('to', tie.toId);
  }
  if (dimensions.length > 0) q.set('dimensions', dimensions.join(','));
  q.set('pulse', pulseId);
  if (catalogueId) q.set('catalogue', catalogueId);
  return `#interventions/new?${q.toString()}`;
}

/**
 * A link into the tab at `hash`: a Teams deep link carries it as the tab's sub-page
 * (context.subEntityId); a plain web address carries it as its hash. Anything but https: none.
 */
export function tabLinkTo(tabUrl: string, hash: string): string | undefined {
  let url: URL;
  try {
    url = new URL(tabUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:') return undefined;
  if (url.hostname === 'teams.microsoft.com' && url.pathname.startsWith('/l/entity/')) {
    url.searchParams.set('context', JSON.stringify({ subEntityId: hash.replace(/^#/, '') }));
    return url.toString();
  }
  url.hash = hash;
  return url.toString();
}

/** Which of the two figures is weak, in words. */
function weakWhat(view: TransitionAlertView): string {
  const team = view.teamRc?.band === 'weak';
  const family = view.familyView?.band === 'weak';
  if (team && family) return 'Team RC and the family’s view are both weak';
  return family ? 'The family’s view is weak' : 'Team RC is weak';
}

/** The alert card posted in the collaborative's channel when a check closes weak. */
export function transitionAlertCard(view: TransitionAlertView): AdaptiveCard {
  const dimensions = [...new Set(view.weakestDimensions.map((d) => d.dimension))];
  const suggestions = view.interventionIds.map(catalogueEntry).filter((e): e is CatalogueEntry => e !== undefined);
  const body: CardElement[] = [
    heading('A transition check closed weak'),
    plain([`${TRANSITION_TYPE_WORDS[view.type]}: `, run(view.reference, { weight: 'bolder' })], { spacing: 'none' }),
    text(`${weakWhat(view)}. This is about how roles work together around one family, not about anyone's work on their own.`, { spacing: 'small' }),
    facts(
      [
        ['Team RC', shownText(view.teamRc, view.k)],
        ...(view.familyView ? [['The family’s view', shownText(view.familyView, 1)] as const] : []),
      ],
      'medium',
    ),
  ];
  if (view.weakestTies.length > 0) {
    body.push(text('Weakest ties', { weight: 'bolder', spacing: 'medium' }));
    body.push(...view.weakestTies.map((t) => plain([t.from, ' → ', t.to, ': ', run(shownText(t.figure, view.k), { weight: 'bolder' })], { spacing: 'small' })));
  }
  if (view.weakestDimensions.length > 0) {
    body.push(text('Weakest dimensions', { weight: 'bolder', spacing: 'medium' }));
    body.push(facts(view.weakestDimensions.map((d) => [dimensionTitle(d), shownText(d.figure, d.from === 'family' ? 1 : view.k)] as const), 'small'));
  }
  if (suggestions.length > 0) {
    body.push(text('Interventions that address these', { weight: 'bolder', spacing: 'medium' }));
    body.push(...suggestions.flatMap((s) => [text(s.title, { weight: 'bolder', spacing: 'small' }), text(s.description, { spacing: 'none' })]));
  }
  const tie = view.weakestTies[0];
  const actions: CardButton[] = suggestions.slice(0, 2).flatMap((s) => {
    const url = tabLinkTo(view.tabUrl, planHash(tie, dimensions, view.checkId, s.id));
    return url ? [{ type: 'Action.OpenUrl' as const, title: `Plan: ${s.title}`, url }] : [];
  });
  if (suggestions.length === 0) {
    const url = tabLinkTo(view.tabUrl, planHash(tie, dimensions, view.checkId));
    if (url) actions.push({ type: 'Action.OpenUrl', title: 'Plan an intervention', url });
  }
  return adaptiveCard(body, actions);
}
