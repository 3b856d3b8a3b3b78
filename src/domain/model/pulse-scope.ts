import type { Pulse } from './pulse';

/**
 * A pulse's scope: who is asked (participant workgroups) and which groups are rated (target
 * workgroups). Pure rules shared by starting a pulse, the survey, comparisons and trends.
 */

type Scoped = Pick<Pulse, 'targetWorkgroupIds' | 'participantWorkgroupIds'>;

/** Whether the pulse asks everyone (no participant list: the default, and every older row). */
export function asksEveryone(pulse: Pick<Pulse, 'participantWorkgroupIds'>): boolean {
  return pulse.participantWorkgroupIds === undefined;
}

/**
 * The groups a respondent may say they work in. A pulse that asks everyone offers its targets,
 * as pulses always did; a scoped pulse offers only its participant groups.
 */
export function respondentWorkgroupIds(pulse: Scoped): readonly string[] {
  return pulse.participantWorkgroupIds ?? pulse.targetWorkgroupIds;
}

/** Whether a member of `workgroupId` (undefined: not on the roster's groups) is invited. */
export function invitesWorkgroup(pulse: Pick<Pulse, 'participantWorkgroupIds'>, workgroupId: string | undefined): boolean {
  if (pulse.participantWorkgroupIds === undefined) return true;
  return workgroupId !== undefined && pulse.participantWorkgroupIds.includes(workgroupId);
}

/**
 * The groups two pulses both ask: every group of `allGroupIds` when either asks everyone.
 * Each member is in one group on the roster, so two pulses share a person exactly when they
 * share a group that has members (see overlappingGroups).
 */
export function sharedParticipantGroups(a: Scoped, b: Scoped, allGroupIds: readonly string[]): string[] {
  const groupsOf = (p: Scoped) => p.participantWorkgroupIds ?? allGroupIds;
  const inB = new Set(groupsOf(b));
  return groupsOf(a).filter((id) => inB.has(id));
}

/**
 * A scope's key: two pulses with the same participants and the same targets (in any order)
 * have the same key, so their figures can be followed over time like with like.
 */
export function scopeKey(pulse: Scoped): string {
  const sorted = (ids: readonly string[]) => [...ids].sort().join(',');
  return `asking=${pulse.participantWorkgroupIds ? sorted(pulse.participantWorkgroupIds) : '*'};rating=${sorted(pulse.targetWorkgroupIds)}`;
}

/**
 * Whether a pulse asked people in `fromId` about `toId`: the tie is in its scope. Used to
 * compare two pulses only on the ties both asked about.
 */
export function askedTie(pulse: Scoped, fromId: string, toId: string): boolean {
  return respondentWorkgroupIds(pulse).includes(fromId) && pulse.targetWorkgroupIds.includes(toId);
}
