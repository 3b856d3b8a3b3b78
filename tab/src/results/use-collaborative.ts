import { apiPaths, meResponseSchema, teamCollaborativeResponseSchema, type CollaborativeRef } from '../../../src/contract/api-contract';
import { ApiError } from '../api/api-client';
import { useServices } from '../app-services';
import { useLoad, type Load } from '../ui/use-load';

/**
 * Which collaborative the results page shows:
 * 1. ?collaborative=ID in the address (the channel tab's content address, set by its
 *    configuration page; or a developer's link);
 * 2. in a team's channel, the collaborative linked to that team;
 * 3. otherwise (the personal tab, a plain browser) the person's own collaboratives: the only
 *    one, or a choice when there are several.
 */
export type CollaborativeChoice =
  | { kind: 'chosen'; id: string }
  | { kind: 'choose'; options: CollaborativeRef[] }
  | { kind: 'none'; reason: 'not_linked' | 'not_member' };

/** Resolves the collaborative as above. */
export function useCollaborative(): Load<CollaborativeChoice> {
  const { api, host } = useServices();
  const asked = new URLSearchParams(window.location.search).get('collaborative');
  const teamId = host.teams.teamId;
  const [state] = useLoad(async (): Promise<CollaborativeChoice> => {
    if (asked) return { kind: 'chosen', id: asked };
    if (teamId) {
      try {
        const linked = await api.get(apiPaths.teamCollaborative(teamId), teamCollaborativeResponseSchema);
        return { kind: 'chosen', id: linked.collaborative.id };
      } catch (err) {
        if (!(err instanceof ApiError && err.status === 404)) throw err;
        return { kind: 'none', reason: 'not_linked' };
      }
    }
    const me = await api.get(apiPaths.me(), meResponseSchema);
    if (me.collaboratives.length === 1) return { kind: 'chosen', id: me.collaboratives[0]!.id };
    if (me.collaboratives.length === 0) return { kind: 'none', reason: 'not_member' };
    return { kind: 'choose', options: me.collaboratives };
  }, [asked, teamId]);
  return state;
}
