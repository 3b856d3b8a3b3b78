import type { Storage } from '../../storage/storage';
import { isFacilitator } from '../access-rules';
import type { Actor, MemberDirectory } from '../ports';

export interface OldCardDeps {
  collaboratives: Pick<Storage['collaboratives'], 'list'>;
  pulses: Pick<Storage['pulses'], 'find'>;
  members: MemberDirectory;
}

/**
 * The collaborative of a card sent before card data named it (such cards carry the pulse id
 * alone): of the collaboratives that have a pulse with that id, found by one point read in
 * each, the one the person facilitates or is on the list of. Undefined when none is theirs.
 * Looked up once per press, never remembered: every use-case checks the person's rights again.
 *
 * Only for cards already sent: remove after 2027-06-01, when every such card's pulse has closed.
 */
export async function collaborativeOfOldCard(deps: OldCardDeps, actor: Pick<Actor, 'aadObjectId'>, pulseId: string): Promise<string | undefined> {
  const collaboratives = await deps.collaboratives.list();
  const found = await Promise.all(collaboratives.map(async (c) => ((await deps.pulses.find(c.id, pulseId)) ? c : undefined)));
  for (const collaborative of found) {
    if (!collaborative) continue;
    if (isFacilitator(collaborative, actor) || (await deps.members.findByAadObjectId(collaborative.id, actor.aadObjectId))) return collaborative.id;
  }
  return undefined;
}
