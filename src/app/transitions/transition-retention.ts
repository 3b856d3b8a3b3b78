import { FAMILIES_WORKGROUP_ID } from '../../domain/model/family';
import type { PulseScope } from '../../domain/model/pulse';
import { recordAudit } from '../audit';
import { SYSTEM_ACTOR } from '../ports';
import { familyRespondentId, type TransitionDeps } from './transition-deps';

/**
 * Retention of a check's family answers (rc-measurement.md section 4, and the collaborative's
 * `familyRetentionMonths`, default 12): that many months after a check closes, its family
 * answers (released responses of the families' workgroup), the ledger rows of its family links
 * (their "used" markers) and the links themselves are deleted. The check's row, its staff
 * answers and its published figures stay: figures are published once and never change.
 */

export type RetentionOutcome =
  | { kind: 'deleted'; answers: number; links: number; ledger: number }
  | { kind: 'later'; dueAt: Date }
  | { kind: 'nothing'; reason: string };

/** The instant `months` calendar months after `iso` (UTC). */
export function monthsAfter(iso: string, months: number): Date {
  const d = new Date(iso);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()));
}

type RetentionDeps = Pick<TransitionDeps, 'storage' | 'clock'>;

/**
 * Deletes a closed check's family answers and links when its retention period has passed
 * (read from the collaborative now, so a changed setting applies); otherwise says when. Safe to
 * run again: a check already done is left alone.
 */
export async function purgeFamilyAnswersIfDue(deps: RetentionDeps, scope: PulseScope): Promise<RetentionOutcome> {
  const { storage } = deps;
  const [check, collaborative] = await Promise.all([storage.transitions.find(scope.collaborativeId, scope.pulseId), storage.collaboratives.find(scope.collaborativeId)]);
  if (!check || !collaborative) return { kind: 'nothing', reason: 'the check is gone' };
  if (check.value.status !== 'closed' || !check.value.closedAt) return { kind: 'nothing', reason: 'the check is open' };
  if (check.value.familyDeletedAt) return { kind: 'nothing', reason: 'already deleted' };
  const due = monthsAfter(check.value.closedAt, collaborative.value.familyRetentionMonths);
  const now = deps.clock();
  if (now < due) return { kind: 'later', dueAt: due };

  const links = await storage.familyLinks.listForPulse(scope);
  const keys = links.map((l) => storage.respondentKey(scope, familyRespondentId(l.linkId)));
  const answers = await storage.responses.deleteByWorkgroup(scope, FAMILIES_WORKGROUP_ID);
  const ledger = await storage.submissions.deleteLedgerEntries(scope, keys);
  const deletedLinks = await storage.familyLinks.deleteForPulse(scope);
  await storage.transitions.modify(scope.collaborativeId, scope.pulseId, (c) => (c.familyDeletedAt ? c : { ...c, familyDeletedAt: now.toISOString() }));
  await recordAudit({ storage, clock: () => now, actor: { ...SYSTEM_ACTOR, name: 'RC Pulse (retention)' } }, scope.collaborativeId, 'transition.family_deleted', scope.pulseId, {
    answers,
    links: deletedLinks,
    months: collaborative.value.familyRetentionMonths,
  });
  return { kind: 'deleted', answers, links: deletedLinks, ledger };
}
