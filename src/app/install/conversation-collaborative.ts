import { AppError, ForbiddenError } from '../../domain/errors';
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

/**
 * Where a command was typed, as far as who reads the reply goes: a team's channel (its
 * members), a person's own chat with RC Pulse (them alone), or a group chat (anyone the
 * chat's members added, from any team or organisation).
 */
export type Conversation = { kind: 'team'; teamId: string } | { kind: 'personal' } | { kind: 'group' };

/** The refusal for a collaborative's own business asked for elsewhere: kind, and it names no collaborative. */
export const NOT_HERE_MESSAGE =
  "Sorry, I can't show that here. Please ask in the team RC Pulse is set up for, or in your own chat with me.";

/** A collaborative's results, status or set-up asked for where others could read the reply. */
export class NotHereError extends ForbiddenError {
  constructor(detail: string) {
    super(NOT_HERE_MESSAGE, detail);
  }
}

/**
 * The collaborative whose own business (results, pulse status, set-up, running a pulse) may
 * be answered in this conversation: in a team, the collaborative linked to that team; in a
 * person's own chat, theirs (the one they facilitate or are on the list of). In a group chat
 * nothing is: NotHereError. `unlinkedTeam` says what a team with no collaborative gets:
 * the same refusal (results and status), or the advice on linking (the set-up and pulse commands).
 */
export async function collaborativeOfConversation(
  deps: ConversationCollaborativeDeps,
  actor: { aadObjectId?: string },
  conversation: Conversation,
  unlinkedTeam: 'refuse' | 'advise',
): Promise<Collaborative> {
  if (conversation.kind === 'group') throw new NotHereError(`asked in a group chat by ${actor.aadObjectId ?? 'someone unknown'}`);
  const teamId = conversation.kind === 'team' ? conversation.teamId : undefined;
  const found = await collaborativeForConversation(deps, actor, teamId ? { teamId } : {});
  if (!found && teamId && unlinkedTeam === 'refuse') throw new NotHereError(`asked in team ${teamId}, which is linked to no collaborative`);
  return requireCollaborative(found, teamId !== undefined);
}

/**
 * True when a conversation is one where the collaborative's own business may be shown: its
 * own team, or a person's own chat (the use-case then checks that person's rights).
 */
export async function isHomeOf(deps: Pick<ConversationCollaborativeDeps, 'collaboratives'>, collaborativeId: string, conversation: Conversation): Promise<boolean> {
  if (conversation.kind === 'personal') return true;
  if (conversation.kind === 'group') return false;
  return (await deps.collaboratives.findByTeamsTeam(conversation.teamId))?.value.id === collaborativeId;
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
