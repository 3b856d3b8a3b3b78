import { identityConflictCard } from '../../cards/identity-conflict-card';
import type { Member } from '../../domain/model/member';
import type { Storage } from '../../storage/storage';
import { recordAudit } from '../audit';
import { auditActorOf, type CardSender } from '../ports';
import type { InstallDeps } from './install-ports';

/**
 * A Teams account whose UPN or e-mail matches a row on a collaborative's list that is already
 * linked to a different Entra object id: someone from another tenant with the same address,
 * a second account, or someone trying to take another person's place. The row is never
 * rebound (its object id is where that person's cards go and what their respondent key is
 * made from); the facilitators are told instead.
 */
export interface IdentityConflict {
  collaborativeId: string;
  /** The row on the list that matched, as it stays. */
  member: Pick<Member, 'id' | 'displayName'>;
  /** The Teams account that was not linked to it. */
  account: { aadObjectId: string; name?: string; tenantId?: string };
}

/** True when the row belongs to another Entra object id than `aadObjectId` (a row with none is free). */
export function linkedElsewhere(row: Pick<Member, 'aadObjectId'>, aadObjectId: string): boolean {
  return row.aadObjectId !== undefined && row.aadObjectId.toLowerCase() !== aadObjectId.toLowerCase();
}

/** What reporting needs: the install dependencies and a way to post in the collaborative's channel. */
export interface ConflictReportDeps extends Pick<InstallDeps, 'collaboratives' | 'clock' | 'log'> {
  audit: Pick<Storage['audit'], 'record' | 'list'>;
  sender: Pick<CardSender, 'sendToChannel'>;
}

const ACTION = 'teams.identity_conflict';

/** Entries read back to tell a conflict already reported (Teams sends one install as two events). */
const RECENT_ENTRIES = 200;

/**
 * Tells a collaborative's facilitators about each conflict, where they will notice it: a card
 * in the collaborative's channel (where RC Pulse posts everything facilitators act on), and an
 * entry in the audit trail for the record. A conflict already in the recent audit trail is not
 * posted again. A channel that cannot be reached is logged; the audit entry stays.
 */
export async function reportIdentityConflicts(deps: ConflictReportDeps, conflicts: readonly IdentityConflict[]): Promise<void> {
  for (const conflict of conflicts) {
    const { collaborativeId, member, account } = conflict;
    const recent = await deps.audit.list(collaborativeId, RECENT_ENTRIES);
    const known = recent.some((e) => e.action === ACTION && e.details?.memberId === member.id && e.details?.aadObjectId === account.aadObjectId);
    if (known) continue;
    const actor = auditActorOf({ aadObjectId: account.aadObjectId, displayName: account.name });
    await recordAudit({ storage: deps, clock: deps.clock, actor }, collaborativeId, ACTION, member.id, {
      memberId: member.id,
      aadObjectId: account.aadObjectId,
      ...(account.tenantId ? { tenantId: account.tenantId } : {}),
    });
    const collaborative = (await deps.collaboratives.find(collaborativeId))?.value;
    const outcome = collaborative
      ? await deps.sender.sendToChannel(collaborative, identityConflictCard({ listName: member.displayName, ...(account.name ? { accountName: account.name } : {}) }))
      : { status: 'not_found' as const };
    if (outcome.status !== 'sent') {
      deps.log.warn('a Teams account that matched a row linked to another account could not be reported in the channel; it is in the audit trail', {
        collaborativeId,
        memberId: member.id,
        status: outcome.status,
      });
    }
  }
}
