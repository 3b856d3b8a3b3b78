import type { Storage } from '../../storage/storage';
import type { Actor, MemberDirectory } from '../ports';

export interface FindSurveyCollaborativeDeps {
  collaboratives: Pick<Storage['collaboratives'], 'find'>;
  pulses: Pick<Storage['pulses'], 'findEverywhere'>;
  members: MemberDirectory;
}

/**
 * Which collaborative a survey card belongs to. The cards carry only the pulse id, so the
 * bot, in a 1:1 chat, asks here: the collaborative that has a pulse with that id and has the
 * person on its list (or as a facilitator). Pulse ids made by startPulse carry a digest of
 * the collaborative id, so in practice exactly one matches. Undefined when none does.
 */
export async function findSurveyCollaborative(
  deps: FindSurveyCollaborativeDeps,
  actor: Pick<Actor, 'aadObjectId'>,
  pulseId: string,
): Promise<string | undefined> {
  for (const pulse of await deps.pulses.findEverywhere(pulseId)) {
    const [collaborative, member] = await Promise.all([
      deps.collaboratives.find(pulse.collaborativeId),
      deps.members.findByAadObjectId(pulse.collaborativeId, actor.aadObjectId),
    ]);
    if (member || collaborative?.value.facilitatorIds.includes(actor.aadObjectId.toLowerCase())) return pulse.collaborativeId;
  }
  return undefined;
}
