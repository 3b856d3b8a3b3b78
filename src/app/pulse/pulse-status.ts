import type { DeliveryCounts, PulseStatusView, WorkgroupProgress } from '../../cards/pulse-status-card';
import type { Delivery } from '../../domain/model/delivery';
import { INVITE_CHECK_JOB } from '../../domain/model/job';
import { FAMILIES_WORKGROUP_ID } from '../../domain/model/family';
import { effectiveK, type Pulse, scopeOf } from '../../domain/model/pulse';
import { respondentWorkgroupIds } from '../../domain/model/pulse-scope';
import type { Storage } from '../../storage/storage';
import { assertFacilitator } from '../access-rules';
import type { Actor, Clock, MemberDirectory, WorkgroupDirectory } from '../ports';
import { notYetInvited } from './deliver-pulse-cards';
import { currentPulse, pulseTargets } from './pulse-lookup';

export interface PulseStatusDeps {
  collaboratives: Pick<Storage['collaboratives'], 'get'>;
  pulses: Pick<Storage['pulses'], 'list'>;
  deliveries: Pick<Storage['deliveries'], 'list'>;
  jobs: Pick<Storage['jobs'], 'find'>;
  submissions: Pick<Storage['submissions'], 'listLedger'>;
  responses: Pick<Storage['responses'], 'list'>;
  familyLinks: Pick<Storage['familyLinks'], 'listForPulse'>;
  workgroups: WorkgroupDirectory;
  members: MemberDirectory;
  clock: Clock;
}

/** Delivery rows in the four counts the status card shows (not_found reads as blocked, sending as pending). */
export function deliveryCounts(rows: readonly Delivery[]): DeliveryCounts {
  const counts: DeliveryCounts = { sent: 0, pending: 0, failed: 0, blocked: 0 };
  const column = { pending: 'pending', sending: 'pending', sent: 'sent', blocked: 'blocked', not_found: 'blocked', failed: 'failed' } as const;
  for (const row of rows) counts[column[row.status]] += 1;
  return counts;
}

/**
 * Answered counts by the workgroup people chose, from RELEASED responses only. A response
 * waiting in the pending area is left out on purpose: counting it would move its group's
 * figure the moment one person submits, telling whoever watches the card which group that
 * person chose, and undo the batch release (measurement contract, section 4, "Progress
 * without linking"). Released responses arrive k or more at a time, shuffled, so a group's
 * count moves only with a batch. Never from the ledger either: it knows who, not which group.
 */
async function answeredByWorkgroup(deps: PulseStatusDeps, pulse: Pulse): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const response of await deps.responses.list(scopeOf(pulse))) {
    counts.set(response.respondentWorkgroupId, (counts.get(response.respondentWorkgroupId) ?? 0) + 1);
  }
  return counts;
}

/**
 * Where a pulse stands, for facilitators: invited (delivery rows, and members the fan-out has
 * still to reach), answered and started (ledger), progress by workgroup (invited from the
 * list, answered from the released responses) and how sending went. The open pulse unless `pulseId`
 * names another; else the latest one. Exact numbers go in; the status card hides those below
 * k and their complements.
 */
export async function pulseStatus(
  deps: PulseStatusDeps,
  actor: Actor,
  collaborativeId: string,
  options: { pulseId?: string } = {},
): Promise<PulseStatusView> {
  const collaborative = (await deps.collaboratives.get(collaborativeId)).value;
  await assertFacilitator(deps.members, collaborative, actor, 'see how a pulse is going');
  const pulse = await currentPulse(deps.pulses, collaborativeId, options.pulseId);
  const scope = scopeOf(pulse);

  const [ledger, rows, members, workgroups, answered, check, links] = await Promise.all([
    deps.submissions.listLedger(scope),
    deps.deliveries.list(scope),
    deps.members.list(collaborativeId),
    deps.workgroups.list(collaborativeId),
    answeredByWorkgroup(deps, pulse),
    deps.jobs.find(scope, INVITE_CHECK_JOB),
    deps.familyLinks.listForPulse(scope),
  ]);
  // While the invitation check still watches the fan-out, members with no row yet are on their
  // way: the fan-out is still writing rows (right after `pulse start`), or the check invites
  // those an instance that stopped never reached. They count as invited and waiting.
  const onTheirWay = pulse.status === 'open' && check?.value.state === 'due' ? notYetInvited(members, rows, pulse) : [];
  const invitedIds = [...rows.map((d) => d.aadObjectId), ...onTheirWay.map((m) => m.aadObjectId!)];

  // Invited by group: the roster's group of each person sent the card (a count of people, not answers).
  const groupOf = new Map(members.flatMap((m) => (m.aadObjectId && m.workgroupId ? [[m.aadObjectId.toLowerCase(), m.workgroupId] as const] : [])));
  const invitedBy = new Map<string, number>();
  for (const id of invitedIds) {
    const group = groupOf.get(id.toLowerCase());
    if (group) invitedBy.set(group, (invitedBy.get(group) ?? 0) + 1);
  }
  const delivery = deliveryCounts(rows);
  // Families are invited by the links handed out, not by cards: their row counts links, and
  // shows only once some were made.
  invitedBy.set(FAMILIES_WORKGROUP_ID, links.length);
  const asked = new Set(respondentWorkgroupIds(pulse));
  const progress: WorkgroupProgress[] = pulseTargets(pulse, workgroups)
    .filter((t) => (t.id === FAMILIES_WORKGROUP_ID ? links.length > 0 : asked.has(t.id)))
    .map((t) => ({
      name: t.name,
      invited: invitedBy.get(t.id) ?? 0,
      answered: answered.get(t.id) ?? 0,
    }));

  return {
    collaborativeId,
    pulseId: pulse.id,
    focalProcess: pulse.focalProcess,
    status: pulse.status,
    k: effectiveK(pulse, collaborative.k),
    invited: invitedIds.length + links.length,
    answered: ledger.filter((e) => e.status === 'finished').length,
    started: ledger.filter((e) => e.status === 'started').length,
    workgroups: progress,
    delivery: { ...delivery, pending: delivery.pending + onTheirWay.length },
    ...(pulse.closesAt ? { closesAt: pulse.closesAt } : {}),
    ...(pulse.extensions ? { extensions: pulse.extensions } : {}),
    asOf: deps.clock().toISOString(),
    canManage: true,
  };
}
