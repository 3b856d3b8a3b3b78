import type { Collaborative } from '../../domain/model/collaborative';
import type { Member } from '../../domain/model/member';
import { guidSchema } from '../../domain/model/primitives';
import { ConcurrencyError } from '../../storage/storage-errors';
import { recordAudit } from '../audit';
import { isPersonalReference } from './conversation-reference';
import { linkedElsewhere, type IdentityConflict } from './identity-conflicts';
import { WRITE_ATTEMPTS, type ConversationReferenceJson, type InstallDeps, type TeamsPerson } from './install-ports';
import { isTenantAllowed, TENANT_REFUSAL } from './tenant-rule';

/**
 * RC Pulse installed (or removed) for one person, in their 1:1 chat. The chat's reference is
 * saved on their row in every collaborative whose list has them, so pulse cards reach them
 * there. Nobody is added to a list this way: that is the roster's or the team's job. A row
 * found by UPN or e-mail that is already linked to another Entra object id is not theirs: it
 * is left as it is and reported as a conflict (see identity-conflicts.ts).
 */

export type PersonalInstallResult = (
  | { outcome: 'installed'; collaboratives: Pick<Collaborative, 'id' | 'name'>[]; newlyInstalled: boolean }
  /** On no collaborative's list: nothing stored; they are told who can add them. */
  | { outcome: 'not_on_list' }
  /** On a list, but from a tenant none of those collaboratives allows: nothing stored. */
  | { outcome: 'refused'; message: string }
) & {
  /** Rows their UPN or e-mail matched that belong to another account, in collaboratives that allow their tenant. */
  conflicts: IdentityConflict[];
};

/** The row with the person's Teams identity and their 1:1 chat. */
function installedRow(before: Member, person: TeamsPerson, reference: ConversationReferenceJson): Member {
  return {
    ...before,
    aadObjectId: person.aadObjectId!,
    teamsUserId: person.teamsUserId,
    ...(person.tenantId ? { tenantId: person.tenantId } : {}),
    installState: 'installed',
    conversationReference: reference,
  };
}

/** Changes the person's row in one collaborative, re-reading when it changed meanwhile; true when anything changed. */
async function update(deps: InstallDeps, collaborativeId: string, person: TeamsPerson, change: (m: Member) => Member | undefined): Promise<boolean> {
  const identity = { aadObjectId: person.aadObjectId, ...(person.upn ? { upn: person.upn } : {}), ...(person.email ? { email: person.email } : {}) };
  for (let attempt = 1; ; attempt++) {
    const found = await deps.members.findByIdentity(collaborativeId, identity);
    const next = found ? change(found.value) : undefined;
    if (!found || !next || JSON.stringify(next) === JSON.stringify(found.value)) return false;
    try {
      await deps.members.update(found, next);
      return true;
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || attempt >= WRITE_ATTEMPTS) throw error;
    }
  }
}

/**
 * The app was installed for a person: save their 1:1 chat's reference on each list they are
 * on (matched by Entra object id, UPN or e-mail) and mark them installed. A person from a
 * tenant a collaborative does not allow is refused there, and nothing of theirs is stored.
 */
export async function installPersonal(deps: InstallDeps, person: TeamsPerson, reference: ConversationReferenceJson): Promise<PersonalInstallResult> {
  const aad = guidSchema.safeParse(person.aadObjectId);
  if (!aad.success) return { outcome: 'not_on_list', conflicts: [] };
  const who: TeamsPerson = { ...person, aadObjectId: aad.data };
  const identity = { aadObjectId: aad.data, ...(person.upn ? { upn: person.upn } : {}), ...(person.email ? { email: person.email } : {}) };
  const known: Collaborative[] = [];
  const conflicts: IdentityConflict[] = [];
  for (const collaborative of await deps.collaboratives.list()) {
    const row = (await deps.members.findByIdentity(collaborative.id, identity))?.value;
    if (!row) continue;
    if (!linkedElsewhere(row, aad.data)) known.push(collaborative);
    else if (isTenantAllowed(collaborative, person.tenantId)) {
      const account = { aadObjectId: aad.data, ...(person.name ? { name: person.name } : {}), ...(person.tenantId ? { tenantId: person.tenantId } : {}) };
      conflicts.push({ collaborativeId: collaborative.id, member: { id: row.id, displayName: row.displayName }, account });
    }
  }
  if (known.length === 0) return { outcome: 'not_on_list', conflicts };
  const allowed = known.filter((c) => isTenantAllowed(c, person.tenantId));
  if (allowed.length === 0) return { outcome: 'refused', message: TENANT_REFUSAL, conflicts };

  let newlyInstalled = false;
  for (const c of allowed) {
    // Read again on every attempt: a row linked to another account meanwhile is left alone.
    const changed = await update(deps, c.id, who, (m) => (linkedElsewhere(m, aad.data) ? undefined : installedRow(m, who, reference)));
    newlyInstalled ||= changed;
  }
  if (newlyInstalled) {
    await Promise.all(
      allowed.map((c) =>
        recordAudit({ storage: deps, clock: deps.clock, actor: { id: aad.data } }, c.id, 'teams.personal_installed', aad.data),
      ),
    );
  }
  return { outcome: 'installed', collaboratives: allowed.map((c) => ({ id: c.id, name: c.name })), newlyInstalled, conflicts };
}

/**
 * The app was removed from a person's 1:1 chat: on every list, a row reached through that
 * chat is marked removed (no more cards there). Nothing is deleted. Returns how many rows changed.
 */
export async function uninstallPersonal(deps: InstallDeps, person: TeamsPerson): Promise<number> {
  const aad = guidSchema.safeParse(person.aadObjectId);
  if (!aad.success) return 0;
  const who: TeamsPerson = { teamsUserId: person.teamsUserId, aadObjectId: aad.data };
  let changed = 0;
  for (const c of await deps.collaboratives.list()) {
    const removed = await update(deps, c.id, who, (m) =>
      m.installState === 'installed' && isPersonalReference(m.conversationReference) ? { ...m, installState: 'removed' } : undefined,
    );
    if (removed) changed += 1;
  }
  return changed;
}
