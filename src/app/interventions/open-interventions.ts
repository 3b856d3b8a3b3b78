import type { InterventionLine, InterventionsView } from '../../cards/interventions-card';
import { DIMENSION_TITLES } from '../../domain/dimension-words';
import type { InterventionStatus } from '../../domain/model/intervention';
import type { Storage } from '../../storage/storage';
import { isFacilitator, memberOrFacilitator } from '../access-rules';
import type { Actor, Clock } from '../ports';
import type { InterventionAccess } from './intervention-access';
import type { InterventionSummary } from './intervention-view';
import { listInterventions } from './list-interventions';

/**
 * The collaborative's open interventions for the bot's `interventions` command: anyone on
 * the list (and its facilitators) may read them, the person's own first. Which conversation
 * may hear the answer is the bot's to decide, as for results.
 */

/** Interventions still being worked on: not yet done, and not dropped. */
export const OPEN_INTERVENTION_STATUSES: readonly InterventionStatus[] = ['proposed', 'agreed', 'in_progress'];

export interface OpenInterventionsDeps {
  storage: Pick<Storage, 'collaboratives' | 'interventions' | 'workgroups' | 'members'>;
  clock: Clock;
}

/** Today's date in UK time, 'YYYY-MM-DD': due dates are UK calendar days. */
export function ukToday(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** An intervention summary as the cards list it. */
export function lineOf(summary: InterventionSummary): InterventionLine {
  return {
    title: summary.title,
    statusWords: summary.statusWords,
    ties: summary.ties.map((t) => t.label),
    dimensions: summary.dimensions.map((d) => DIMENSION_TITLES[d]),
    ...(summary.dueOn ? { dueOn: summary.dueOn } : {}),
    owners: summary.owners.map((o) => o.name),
    mine: summary.mine,
  };
}

/** The access the intervention use-cases take, for someone who typed a command in Teams. */
export async function botAccess(deps: OpenInterventionsDeps, actor: Actor, collaborativeId: string): Promise<InterventionAccess> {
  const collaborative = (await deps.storage.collaboratives.get(collaborativeId)).value;
  const member = await memberOrFacilitator(deps.storage.members, collaborative, actor);
  return {
    collaborative,
    role: isFacilitator(collaborative, actor) ? 'facilitator' : 'viewer',
    person: { aadObjectId: actor.aadObjectId.toLowerCase(), name: actor.displayName ?? member?.displayName ?? '' },
  };
}

/**
 * The open interventions (proposed, agreed or in progress) of the collaborative, the
 * person's own (those they own) first, then the most recently changed. Refuses, kindly,
 * anyone not on the list who is not a facilitator.
 */
export async function openInterventions(
  deps: OpenInterventionsDeps,
  actor: Actor,
  collaborativeId: string,
  options: { tabUrl: string },
): Promise<InterventionsView> {
  const access = await botAccess(deps, actor, collaborativeId);
  const all = await listInterventions(deps, access, { order: 'mine_first' });
  const open = all.filter((s) => OPEN_INTERVENTION_STATUSES.includes(s.status));
  return { interventions: open.map(lineOf), more: 0, today: ukToday(deps.clock()), tabUrl: options.tabUrl };
}
