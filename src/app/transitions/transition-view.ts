import { ForbiddenError } from '../../domain/errors';
import { catalogueEntry, type CatalogueEntry } from '../../domain/intervention-catalogue';
import type { PulseScope } from '../../domain/model/pulse';
import type { TransitionCheck } from '../../domain/model/transition';
import type { TransitionPublication, WeakTie } from '../../domain/transition-figures';
import { belowK } from '../../domain/anonymity';
import { isFacilitator } from '../access-rules';
import type { Actor } from '../ports';
import { workgroupNames } from '../pulse/pulse-lookup';
import type { TransitionDeps } from './transition-deps';
import { transitionReach, type TransitionReachView } from './transition-reach';

/**
 * One check as its own views show it (the bot's cards in its chats and channel, the tab's
 * page): its fields (the reference included: only the check's own views carry it), its staff
 * with their roles' names, its reach, and, once it has closed, the figures it published once
 * with the weak alert and its interventions. Before it closes: progress only.
 */

export interface TransitionStaffView {
  aadObjectId: string;
  workgroupId: string;
  workgroupName: string;
}

export interface TransitionPublishedView {
  publication: TransitionPublication;
  /** Staff who answered, or null when fewer than k (the count is shown only with the figure). */
  staffAnswered: number | null;
  weakestTies: (WeakTie & { fromName: string; toName: string })[];
  /** The catalogue entries of the weak alert, best first (empty when nothing is weak). */
  interventions: CatalogueEntry[];
}

export interface TransitionCheckView {
  check: TransitionCheck;
  k: number;
  staff: TransitionStaffView[];
  reach: TransitionReachView;
  published: TransitionPublishedView | null;
}

type ViewDeps = Pick<TransitionDeps, 'storage'>;

/**
 * The check's view, for the bot's cards (no access check: the bot decides where it posts). A
 * read: it writes nothing, and figures appear only once the close has stored them.
 */
export async function transitionCheckView(deps: ViewDeps, scope: PulseScope): Promise<TransitionCheckView> {
  const [check, pulse, workgroups, reach] = await Promise.all([
    deps.storage.transitions.get(scope.collaborativeId, scope.pulseId),
    deps.storage.pulses.get(scope.collaborativeId, scope.pulseId),
    deps.storage.workgroups.list(scope.collaborativeId),
    transitionReach(deps, scope),
  ]);
  const names = workgroupNames(workgroups);
  const nameOf = (id: string) => names.get(id) ?? id;
  const k = pulse.value.k ?? 3;
  const publication = check.value.status === 'closed' ? check.value.publication : undefined;
  const published: TransitionPublishedView | null = publication
    ? {
        publication,
        staffAnswered: belowK(publication.staffAnswered, publication.k) ? null : publication.staffAnswered,
        weakestTies: publication.weakestTies.map((t) => ({ ...t, fromName: nameOf(t.from), toName: nameOf(t.to) })),
        interventions: publication.alert.interventionIds.flatMap((id) => {
          const entry = catalogueEntry(id);
          return entry ? [entry] : [];
        }),
      }
    : null;
  return {
    check: check.value,
    k,
    staff: check.value.staff.map((s) => ({ ...s, workgroupName: nameOf(s.workgroupId) })),
    reach,
    published,
  };
}

/** Whether a person may see a check: its starter, its staff, or a facilitator of its collaborative. */
export function maySeeCheck(check: Pick<TransitionCheck, 'startedBy' | 'staff'>, collaborative: { facilitatorIds: string[] }, actor: Pick<Actor, 'aadObjectId'>): boolean {
  const id = actor.aadObjectId.toLowerCase();
  return check.startedBy === id || check.staff.some((s) => s.aadObjectId === id) || isFacilitator(collaborative, actor);
}

/** Whether a person may close a check: its starter or a facilitator. */
export function mayCloseCheck(check: Pick<TransitionCheck, 'startedBy'>, collaborative: { facilitatorIds: string[] }, actor: Pick<Actor, 'aadObjectId'>): boolean {
  return check.startedBy === actor.aadObjectId.toLowerCase() || isFacilitator(collaborative, actor);
}

/** The check's view for one person (the tab): refused unless they started it, are on its staff, or facilitate. */
export async function transitionCheckViewFor(deps: ViewDeps, actor: Actor, scope: PulseScope): Promise<TransitionCheckView & { canClose: boolean }> {
  const [collaborative, check] = await Promise.all([deps.storage.collaboratives.get(scope.collaborativeId), deps.storage.transitions.get(scope.collaborativeId, scope.pulseId)]);
  if (!maySeeCheck(check.value, collaborative.value, actor)) {
    throw new ForbiddenError('Only the person who started this transition check, its staff and the facilitators can see it.', `${actor.aadObjectId} may not see ${scope.pulseId}`);
  }
  const view = await transitionCheckView(deps, scope);
  return { ...view, canClose: view.check.status === 'open' && mayCloseCheck(check.value, collaborative.value, actor) };
}
