import type { Logger } from '../ports';
import { findOpenPulse, type PulseList } from './pulse-lookup';
import type { PulseScheduler } from './start-pulse';

/** What inviting people who have just become reachable needs. */
export interface LateJoinerDeps {
  pulses: PulseList;
  /** Absent when cards go directly (no delivery engine): nobody is invited later then. */
  scheduler?: PulseScheduler;
  log: Logger;
}

/**
 * People who can be reached for the first time while a pulse is open (they installed RC Pulse
 * in a chat, joined the collaborative's team, or the team added the app) are invited to it,
 * as `pulse start` would have invited them: each collaborative's open pulse has its
 * invitation check look again, which sends a card to every reachable member who has no
 * invitation yet. Nobody already invited gets a second card. Returns how many pulses were
 * asked to look again. Never throws: the install it follows is already recorded; a pulse
 * that could not be told is logged.
 */
export async function inviteNewlyReachable(deps: LateJoinerDeps, collaborativeIds: readonly string[]): Promise<number> {
  if (!deps.scheduler) return 0;
  let asked = 0;
  for (const collaborativeId of new Set(collaborativeIds)) {
    try {
      const pulse = await findOpenPulse(deps.pulses, collaborativeId);
      if (!pulse) continue;
      await deps.scheduler.membersReachable(pulse);
      asked += 1;
    } catch (error) {
      deps.log.warn('inviting people who can now be reached to the open pulse failed', { collaborativeId, error: String(error) });
    }
  }
  return asked;
}
