import { AppError } from '../../domain/errors';
import type { Collaborative } from '../../domain/model/collaborative';
import { guidSchema } from '../../domain/model/primitives';
import type { Storage } from '../../storage/storage';
import { isFacilitator } from '../access-rules';
import type { MemberDirectory } from '../ports';

/**
 * Which collaborative a command is about. In a team's channel: the collaborative linked to
 * that team. In a 1:1 or group chat: the person's own, i.e. the one they facilitate, else
 * the one whose list they are on; when several match, the most recently created (a person in
 * two collaboratives is rare, and the newest is the one they are most likely setting up).
 */

export interface ConversationCollaborativeDeps {
  collaboratives: Pick<Storage['collaboratives'], 'findByTeamsTeam' | 'list'>;
  members: MemberDirectory;
}

/** The collaborative for a command, or undefined when none can be found. */
export async function collaborativeForConversation(
  deps: ConversationCollaborativeDeps,
  actor: { aadObjectId?: string },
  where: { teamId?: string },
): Promise<Collaborative | undefined> {
  if (where.teamId) return (await deps.collaboratives.findByTeamsTeam(where.teamId))?.value;
  const aad = guidSchema.safeParse(actor.aadObjectId);
  if (!aad.success) return undefined;
  const all = (await deps.collaboratives.list()).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const facilitated = all.find((c) => isFacilitator(c, { aadObjectId: aad.data }));
  if (facilitated) return facilitated;
  for (const c of all) {
    if (await deps.members.findByAadObjectId(c.id, aad.data)) return c;
  }
  return undefined;
}

/** No collaborative uses RC Pulse in this conversation (or for this person) yet. */
export class NoCollaborativeError extends AppError {
  constructor(inTeam: boolean) {
    super({
      code: 'no_collaborative',
      status: 404,
      userMessage: inTeam
        ? 'This team is not linked to a collaborative yet. Removing RC Pulse from the team and adding it again links it.'
        : 'You are not on the list of any collaborative that uses RC Pulse yet. Please ask a facilitator to add you.',
    });
  }
}

/** The collaborative found for a command; NoCollaborativeError (a kind message) when there is none. */
export function requireCollaborative(collaborative: Collaborative | undefined, inTeam: boolean): Collaborative {
  if (!collaborative) throw new NoCollaborativeError(inTeam);
  return collaborative;
}
