import type { AdaptiveCard } from '../../cards/card-types';
import type { Member } from '../../domain/model/member';
import type { Pulse, PulseScope } from '../../domain/model/pulse';
import type { TransitionCheck, TransitionType } from '../../domain/model/transition';
import type { Workgroup } from '../../domain/model/workgroup';
import type { Storage } from '../../storage/storage';
import { reachable } from '../pulse/deliver-pulse-cards';
import { pulseTargets } from '../pulse/pulse-lookup';
import { surveyContext, type TransitionSeat } from '../survey/survey-state';
import { stepCard } from '../survey/survey-step-cards';

/**
 * A check's staff as the survey and the delivery see them: each one's seat (the role the check
 * gives them, whatever the collaborative's list says), the card they are sent, and how they are
 * reached (any collaborative's list that has their 1:1 chat, since staff come from any Trust).
 */

const ARTICLE: Record<TransitionType, string> = { admission: 'this admission', discharge: 'this discharge', transfer: 'this transfer' };

/**
 * What a check's own cards say they are about: its type and reference. Only the check's own
 * cards carry it; its pulse's focal process (listed elsewhere) never does.
 */
export function transitionHeading(check: Pick<TransitionCheck, 'type' | 'reference'>): string {
  return `${ARTICLE[check.type]} (transition check '${check.reference}')`;
}

/** The focal process stored on a check's pulse: its type only, never its reference. */
export function transitionFocalProcess(type: TransitionType): string {
  return `a ${type === 'admission' ? 'mother and baby unit admission' : type} (transition check)`;
}

/** The seat of a person in a check, or undefined when the check does not name them. */
export function seatOf(check: TransitionCheck, aadObjectId: string): TransitionSeat | undefined {
  const staff = check.staff.find((s) => s.aadObjectId === aadObjectId.toLowerCase());
  return staff ? { workgroupId: staff.workgroupId, heading: transitionHeading(check) } : undefined;
}

/**
 * The first card a member of staff gets: the first role to rate, with the check's heading. The
 * same function builds it now (sent directly) and later (a queue worker), so both are the same.
 */
export function transitionCardFor(check: TransitionCheck, pulse: Pulse, workgroups: readonly Workgroup[], aadObjectId: string, k: number): AdaptiveCard | undefined {
  const seat = seatOf(check, aadObjectId);
  if (!seat) return undefined;
  return stepCard(surveyContext(pulse, k, pulseTargets(pulse, workgroups), undefined, seat), 1);
}

/**
 * The staff the bot can reach now, by object id (lower case): their row on the check's
 * collaborative's list when it has their 1:1 chat, else on any other collaborative's list.
 */
export async function reachableStaff(
  storage: { collaboratives: Pick<Storage['collaboratives'], 'list'>; members: Pick<Storage['members'], 'findByAadObjectId'> },
  check: TransitionCheck,
): Promise<Map<string, Member>> {
  const found = new Map<string, Member>();
  const ids = check.staff.map((s) => s.aadObjectId);
  const look = async (collaborativeId: string, missing: readonly string[]) => {
    const rows = await Promise.all(missing.map((id) => storage.members.findByAadObjectId(collaborativeId, id)));
    for (const row of reachable(rows.flatMap((r) => (r ? [r.value] : [])))) found.set(row.aadObjectId!.toLowerCase(), row);
  };
  await look(check.collaborativeId, ids);
  const missing = () => ids.filter((id) => !found.has(id));
  if (missing().length > 0) {
    for (const c of await storage.collaboratives.list()) {
      if (c.id === check.collaborativeId || missing().length === 0) continue;
      await look(c.id, missing());
    }
  }
  return found;
}

/** The check's scope in the pulse-scoped tables (the check and its pulse share their id). */
export function checkScope(check: Pick<TransitionCheck, 'collaborativeId' | 'id'>): PulseScope {
  return { collaborativeId: check.collaborativeId, pulseId: check.id };
}
