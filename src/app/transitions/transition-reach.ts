import type { PulseScope } from '../../domain/model/pulse';
import type { TransitionCheck } from '../../domain/model/transition';
import type { DeliverySummary } from '../pulse/deliver-pulse-cards';
import { transitionCards } from './transition-card-kinds';
import type { TransitionDeps } from './transition-deps';
import { reachableStaff } from './transition-staff';

/**
 * Who a check reaches: everyone invited (its staff and its family links), those the bot can
 * reach now (staff whose 1:1 chat with RC Pulse is known, and the links issued), and how many
 * have answered (the ledger: counts only, never who). Staff who cannot be reached yet are
 * named by object id, so whoever started the check can ask them to install RC Pulse.
 */
export interface TransitionReachView {
  invited: number;
  reached: number;
  answered: number;
  unreachable: string[];
}

type ReachDeps = Pick<TransitionDeps, 'storage'>;

async function reachOf(deps: ReachDeps, check: TransitionCheck, reachableIds: ReadonlySet<string>, scope: PulseScope): Promise<TransitionReachView> {
  const answered = await deps.storage.submissions.countFinished(scope);
  const unreachable = check.staff.map((s) => s.aadObjectId).filter((id) => !reachableIds.has(id));
  return {
    invited: check.staff.length + check.familyLinks,
    reached: check.staff.length - unreachable.length + check.familyLinks,
    answered,
    unreachable,
  };
}

/** The check's reach now (a read: it sends nothing). */
export async function transitionReach(deps: ReachDeps, scope: PulseScope): Promise<TransitionReachView> {
  const check = (await deps.storage.transitions.get(scope.collaborativeId, scope.pulseId)).value;
  const reachable = await reachableStaff(deps.storage, check);
  return reachOf(deps, check, new Set(reachable.keys()), scope);
}

/**
 * Sends their card to every member of staff of an open check who can be reached now and has
 * none yet (a delivery row per person makes it once), and answers with the check's reach. The
 * bot calls it when someone installs RC Pulse, so staff unreachable at the start get their card.
 */
export async function inviteReachableStaff(deps: Pick<TransitionDeps, 'storage' | 'deliver'>, scope: PulseScope): Promise<{ reach: TransitionReachView; delivery: DeliverySummary }> {
  const { storage } = deps;
  const [check, pulse, workgroups, rows] = await Promise.all([
    storage.transitions.get(scope.collaborativeId, scope.pulseId),
    storage.pulses.get(scope.collaborativeId, scope.pulseId),
    storage.workgroups.list(scope.collaborativeId),
    storage.deliveries.list(scope),
  ]);
  const reachable = await reachableStaff(storage, check.value);
  const invited = new Set(rows.map((r) => r.aadObjectId.toLowerCase()));
  const recipients = [...reachable.entries()].filter(([id]) => !invited.has(id)).map(([, member]) => member);
  let delivery: DeliverySummary = { sent: 0, blocked: 0, failed: 0 };
  if (check.value.status === 'open' && recipients.length > 0) {
    delivery = await deps.deliver({ scope, recipients, card: transitionCards(check.value, pulse.value, workgroups), purpose: 'invite' });
  }
  return { reach: await reachOf(deps, check.value, new Set(reachable.keys()), scope), delivery };
}
