import type { TransitionAlertView } from '../../cards/transition-alert-card';
import type { TransitionCheckView as CheckCardView } from '../../cards/transition-check-card';
import type { TransitionCheckView } from '../transitions';

/**
 * The check's view (src/app/transitions) as its two channel cards show it: the check's card
 * (counts while open, the published figures once closed) and the weak alert. Pure.
 */

/** The check's card's view: counts only while open (the card applies the k rule), figures once published. */
export function checkCardView(view: TransitionCheckView): CheckCardView {
  const { check, reach, published } = view;
  return {
    collaborativeId: check.collaborativeId,
    checkId: check.id,
    type: check.type,
    reference: check.reference,
    k: view.k,
    staffInvited: check.staff.length,
    staffReached: check.staff.length - reach.unreachable.length,
    familyLinks: check.familyLinks,
    answered: reach.answered,
    status: check.status,
    closesAt: check.closesAt,
    ...(check.closedAt ? { closedAt: check.closedAt } : {}),
    ...(check.closeReason ? { closeReason: check.closeReason } : {}),
    ...(published
      ? {
          figures: {
            teamRc: published.publication.teamRc,
            familyView: published.publication.familyView,
            weakestTies: published.weakestTies.map((t) => ({ from: t.fromName, to: t.toName, figure: t.figure })),
            weakestDimensions: published.publication.weakestDimensions,
          },
        }
      : {}),
  };
}

/** The weak alert's view, when the check's publication raised one. */
export function alertCardView(view: TransitionCheckView, tabUrl: string): TransitionAlertView | undefined {
  const { check, published } = view;
  if (!published?.publication.alert.weak) return undefined;
  const { publication } = published;
  return {
    checkId: check.id,
    type: check.type,
    reference: check.reference,
    k: publication.k,
    teamRc: publication.teamRc,
    familyView: publication.familyView,
    weakestTies: published.weakestTies.map((t) => ({ fromId: t.from, toId: t.to, from: t.fromName, to: t.toName, figure: t.figure })),
    weakestDimensions: publication.weakestDimensions,
    interventionIds: publication.alert.interventionIds,
    tabUrl,
  };
}
