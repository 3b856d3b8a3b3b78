import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { TeamRoster, TeamsPerson } from '../../src/app/install/install-ports';
import { personOf } from './activity-facts';

/** Teams returns 50 to 500 members a page: the fewest it accepts. */
export const MIN_PAGE = 50;
/** The most Teams returns in one page. */
export const MAX_PAGE = 500;

/**
 * A team's members, page by page, through the Bot Connector (TeamsInfo.getPagedTeamMembers),
 * within the turn that asked. Big teams never have to fit in one response.
 */
export function pagedTeamRoster(context: TurnContext, teamId: string, pageSize: number, tenantId?: string): TeamRoster {
  const size = Math.min(MAX_PAGE, Math.max(MIN_PAGE, Math.round(pageSize)));
  return {
    async *pages(): AsyncIterable<readonly TeamsPerson[]> {
      let token: string | undefined;
      do {
        const page = await TeamsInfo.getPagedTeamMembers(context, teamId, size, token);
        yield (page.members ?? []).map((m) => personOf(m, tenantId));
        token = page.continuationToken || undefined;
      } while (token);
    },
  };
}
