import { ConcurrencyError } from '../../storage/storage-errors';
import type { Storage } from '../../storage/storage';
import type { Logger } from '../ports';
import { openPulses, type PulseList } from './pulse-lookup';
import type { PulseScheduler } from './open-pulse';
import { scopeOf } from '../../domain/model/pulse';

/** What inviting people who have just become reachable needs. */
export interface LateJoinerDeps {
  pulses: PulseList;
  deliveries: Pick<Storage['deliveries'], 'find' | 'remove'>;
  /** Absent when cards go directly (no delivery engine): nobody is invited later then. */
  scheduler?: PulseScheduler;
  log: Logger;
}

/**
 * People who can be reached for the first time while a pulse is open (they installed RC Pulse
 * in a chat, joined the collaborative's team, or the team added the app) are invited to it,
 * as `pulse start` would have invited them: each collaborative's open pulse has its
 * invitation check look again, which sends a card to every reachable member who has no
 * invitation yet. Nobody already invited gets a second card. Someone named in `people`
 * (Entra object ids) whose card could not be delivered because they had removed the app
 * (blocked, or their chat not found) and who has now added it back is invited again: that
 * ended row is removed, so the check sees them as not yet invited. Returns how many pulses
 * were asked to look again. Never throws: the install it follows is already recorded; a
 * pulse that could not be told is logged.
 */
export async function inviteNewlyReachable(deps: LateJoinerDeps, collaborativeIds: readonly string[], people: readonly string[] = []): Promise<number> {
  if (!deps.scheduler) return 0;
  let asked = 0;
  for (const collaborativeId of new Set(collaborativeIds)) {
    try {
      // Every open pulse looks again: each invites only the groups it asks.
      for (const pulse of await openPulses(deps.pulses, collaborativeId)) {
        for (const id of people) {
          const row = await deps.deliveries.find(scopeOf(pulse), id);
          if (!row || (row.value.status !== 'blocked' && row.value.status !== 'not_found')) continue;
          // Removed with its ETag: a row that changed meanwhile is left as it is.
          await deps.deliveries.remove(row).catch((error: unknown) => {
            if (!(error instanceof ConcurrencyError)) throw error;
          });
        }
        await deps.scheduler.membersReachable(pulse);
        asked += 1;
      }
    } catch (error) {
      deps.log.warn('inviting people who can now be reached to the open pulse failed', { collaborativeId, error: String(error) });
    }
  }
  return asked;
}
