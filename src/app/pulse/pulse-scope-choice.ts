import { IllegalStateError, ValidationError } from '../../domain/errors';
import type { Pulse } from '../../domain/model/pulse';
import { sharedParticipantGroups } from '../../domain/model/pulse-scope';
import type { Workgroup } from '../../domain/model/workgroup';

/**
 * Turning a facilitator's "asking ... rating ..." into a pulse's scope, and refusing a pulse
 * whose people are already being asked in another open pulse.
 */

/** What a facilitator chose: workgroup names or ids; absent means every active group. */
export interface ScopeChoice {
  /** Who is asked. */
  asking?: readonly string[];
  /** Which groups are rated. */
  rating?: readonly string[];
}

export interface ResolvedScope {
  targetWorkgroupIds: string[];
  /** Absent when everyone is asked. */
  participantWorkgroupIds?: string[];
}

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

function resolveGroups(words: readonly string[], active: readonly Workgroup[], role: 'asking' | 'rating'): string[] {
  const ids: string[] = [];
  const unknown: string[] = [];
  for (const word of words) {
    const found = active.find((w) => w.id === word.trim() || norm(w.name) === norm(word));
    if (!found) unknown.push(word.trim());
    else if (!ids.includes(found.id)) ids.push(found.id);
  }
  if (unknown.length > 0) {
    const known = active.map((w) => w.name).join(', ');
    throw new ValidationError(`I could not find ${unknown.map((u) => `"${u}"`).join(', ')} among the workgroups (${role}). The workgroups are: ${known}.`);
  }
  if (ids.length === 0) throw new ValidationError(`Please name at least one workgroup after "${role}".`);
  return ids;
}

/**
 * The pulse's targets and participants from the facilitator's choice, by active workgroup
 * name or id. Nothing chosen: every active group is rated and everyone is asked (the
 * participant list is left out, so the pulse reads exactly as pulses always did).
 */
export function resolveScope(choice: ScopeChoice, active: readonly Workgroup[]): ResolvedScope {
  const targetWorkgroupIds = choice.rating ? resolveGroups(choice.rating, active, 'rating') : active.map((w) => w.id);
  if (!choice.asking) return { targetWorkgroupIds };
  const participantWorkgroupIds = resolveGroups(choice.asking, active, 'asking');
  // A respondent rates their own group too (within-group ties), so every group asked is rated.
  const notRated = participantWorkgroupIds.filter((id) => !targetWorkgroupIds.includes(id));
  if (notRated.length > 0) {
    const names = notRated.map((id) => active.find((w) => w.id === id)?.name ?? id).join(', ');
    throw new ValidationError(`Every group asked is also rated, so its own teamwork is measured. Please add ${names} after "rating" too.`);
  }
  return { targetWorkgroupIds, participantWorkgroupIds };
}

/**
 * Refuses a new survey pulse while an open survey pulse asks any of the same groups (each
 * person is in one group on the roster, so sharing a group is how two pulses would ask the
 * same person twice). Says which pulse and which groups. Transition checks never count.
 */
export function assertNoOverlap(scope: ResolvedScope, pulses: readonly Pulse[], workgroups: readonly Workgroup[]): void {
  const names = new Map(workgroups.map((w) => [w.id, w.name]));
  const all = workgroups.filter((w) => w.retiredAt === undefined).map((w) => w.id);
  for (const open of pulses.filter((p) => p.kind === 'survey' && p.status === 'open')) {
    const shared = sharedParticipantGroups(scope, open, all);
    if (shared.length === 0) continue;
    const groups = shared.map((id) => names.get(id) ?? id).join(', ');
    throw new IllegalStateError(
      `The pulse "${pulseName(open)}" is open and already asks ${groups}, so these people would be asked twice. ` +
        'Close it with "pulse close" first, or ask only groups it does not ask.',
      `open pulse ${open.id} overlaps on ${shared.join(',')}`,
      'pulse_already_open',
    );
  }
}

/** A pulse as people see it named: its title, else its focal process. */
export function pulseName(pulse: Pick<Pulse, 'title' | 'focalProcess'>): string {
  return pulse.title ?? pulse.focalProcess;
}

/** A title that tells two open pulses apart, for a scoped pulse the facilitator did not name. */
export function defaultScopedTitle(scope: ResolvedScope, workgroups: readonly Workgroup[]): string | undefined {
  if (!scope.participantWorkgroupIds && workgroups.filter((w) => w.retiredAt === undefined).length === scope.targetWorkgroupIds.length) return undefined;
  const names = new Map(workgroups.map((w) => [w.id, w.name]));
  const list = (ids: readonly string[]) => ids.map((id) => names.get(id) ?? id).join(', ');
  const asking = scope.participantWorkgroupIds ? list(scope.participantWorkgroupIds) : 'everyone';
  return `Asking ${asking}; rating ${list(scope.targetWorkgroupIds)}`.slice(0, 200);
}
