import type { Collaborative } from '../../domain/model/collaborative';
import { signInNameSchema, type Member, type MemberInput } from '../../domain/model/member';
import { guidSchema } from '../../domain/model/primitives';
import type { Versioned } from '../../storage/entity-table';
import { memberIdFor } from '../../storage/keys/member-keys';
import { ConcurrencyError } from '../../storage/storage-errors';
import { isPersonalReference } from './conversation-reference';
import { linkedElsewhere, type IdentityConflict } from './identity-conflicts';
import { WRITE_ATTEMPTS, type ConversationReferenceJson, type InstallDeps, type TeamsPerson } from './install-ports';
import { isTenantAllowed } from './tenant-rule';

/**
 * Keeping a collaborative's member list in step with its team: everyone Teams lists is
 * recorded as reachable through the team, matched to a roster row by Entra object id, then
 * UPN, then e-mail, so a person imported from a roster file is not added a second time. A
 * row already linked to another Entra object id is never rebound by a UPN or e-mail match:
 * that is reported as a conflict instead (see identity-conflicts.ts).
 */

/**
 * The organisation given to people Teams tells us about before a roster names theirs. The
 * member model needs one; a roster import later sets the real one.
 */
export const UNASSIGNED_ORGANISATION_ID = 'unassigned';

/** How recording a team's members went, in counts. */
export interface MemberSyncResult {
  added: number;
  updated: number;
  unchanged: number;
  /** People left out: no Entra object id (bots, some external accounts) or a tenant not allowed. */
  skipped: number;
  /** People left out because their UPN or e-mail matched a row linked to another account. */
  conflicts: IdentityConflict[];
}

/** The counts of a sync, for logs and the audit trail (never names). */
export function syncCounts(result: MemberSyncResult): Record<string, number> {
  return { added: result.added, updated: result.updated, unchanged: result.unchanged, skipped: result.skipped, conflicts: result.conflicts.length };
}

/** A sign-in name in the model's form, or undefined when Teams gave something else. */
function signInName(value: string | undefined): string | undefined {
  const parsed = signInNameSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** Everyone with an Entra object id from an allowed tenant, once each. */
function eligible(collaborative: Collaborative, people: readonly TeamsPerson[], teamTenantId?: string): { keep: TeamsPerson[]; skipped: number } {
  const seen = new Set<string>();
  const keep: TeamsPerson[] = [];
  for (const person of people) {
    const aad = guidSchema.safeParse(person.aadObjectId);
    if (!aad.success || seen.has(aad.data) || !isTenantAllowed(collaborative, person.tenantId ?? teamTenantId, teamTenantId)) continue;
    seen.add(aad.data);
    keep.push({ ...person, aadObjectId: aad.data });
  }
  return { keep, skipped: people.length - keep.length };
}

interface Plan {
  create: MemberInput[];
  replace: { previous: Versioned<Member>; next: MemberInput }[];
  unchanged: number;
  conflicts: IdentityConflict[];
}

function plan(
  collaborative: Collaborative,
  people: readonly TeamsPerson[],
  members: readonly Versioned<Member>[],
  reference: ConversationReferenceJson,
  organisationByTenant: ReadonlyMap<string, string>,
): Plan {
  const byAad = new Map<string, Versioned<Member>>();
  const byName = new Map<string, Versioned<Member>>();
  for (const m of members) {
    if (m.value.aadObjectId) byAad.set(m.value.aadObjectId, m);
    for (const name of [m.value.upn, m.value.email]) if (name) byName.set(name, m);
  }
  const named = (name: string | undefined) => (name ? byName.get(name) : undefined);
  const result: Plan = { create: [], replace: [], unchanged: 0, conflicts: [] };
  // Rows given an Entra object id in this sync: the first account matched wins the row.
  const claimed = new Map<string, string>();
  for (const person of people) {
    const upn = signInName(person.upn);
    const email = signInName(person.email);
    const own = byAad.get(person.aadObjectId!);
    const existing = own ?? named(upn) ?? named(email);
    // Matched by name only, to a row that belongs (or now belongs) to another account: leave it be.
    const holder = existing && !own ? (claimed.get(existing.value.id) ?? existing.value.aadObjectId) : undefined;
    if (existing && holder !== undefined && linkedElsewhere({ aadObjectId: holder }, person.aadObjectId!)) {
      result.conflicts.push({
        collaborativeId: collaborative.id,
        member: { id: existing.value.id, displayName: existing.value.displayName },
        account: { aadObjectId: person.aadObjectId!, ...(person.name ? { name: person.name } : {}), ...(person.tenantId ? { tenantId: person.tenantId } : {}) },
      });
      continue;
    }
    const teamsFacts = {
      aadObjectId: person.aadObjectId!,
      teamsUserId: person.teamsUserId,
      ...(person.tenantId ? { tenantId: person.tenantId } : {}),
    };
    if (!existing) {
      result.create.push({
        collaborativeId: collaborative.id,
        id: memberIdFor(collaborative.id, `aad:${person.aadObjectId}`),
        ...teamsFacts,
        ...(upn ? { upn } : {}),
        ...(email && email !== upn ? { email } : {}),
        displayName: (person.name ?? upn ?? 'Teams member').trim().slice(0, 200) || 'Teams member',
        organisationId: (person.tenantId && organisationByTenant.get(person.tenantId.toLowerCase())) || UNASSIGNED_ORGANISATION_ID,
        installState: 'installed',
        conversationReference: reference,
      });
      continue;
    }
    if (claimed.has(existing.value.id)) continue; // the same account listed twice
    claimed.set(existing.value.id, person.aadObjectId!);
    const before = existing.value;
    // A personal chat already works and outlives the team, so it is kept; otherwise the team's.
    const keepsPersonal = before.installState === 'installed' && isPersonalReference(before.conversationReference);
    const next: Member = {
      ...before,
      ...teamsFacts,
      upn: before.upn ?? upn,
      installState: 'installed',
      conversationReference: keepsPersonal ? before.conversationReference : reference,
    };
    if (next.upn === undefined) delete next.upn;
    if (JSON.stringify(next) === JSON.stringify(before)) result.unchanged += 1;
    else result.replace.push({ previous: existing, next });
  }
  return result;
}

/**
 * Records people Teams lists in the collaborative's team: new ones added (reachable through
 * the team's reference), roster rows matched and given their Teams identity. People from
 * tenants the collaborative does not allow are left out. Retries when the bot or a roster
 * import changed a row meanwhile; writes nothing when everything is already so.
 */
export async function syncTeamMembers(
  deps: Pick<InstallDeps, 'members' | 'organisations'>,
  collaborative: Collaborative,
  people: readonly TeamsPerson[],
  reference: ConversationReferenceJson,
  teamTenantId?: string,
): Promise<MemberSyncResult> {
  const { keep, skipped } = eligible(collaborative, people, teamTenantId);
  const organisations = await deps.organisations.list(collaborative.id);
  const organisationByTenant = new Map(
    organisations.flatMap((o) => (o.tenantId && o.retiredAt === undefined ? [[o.tenantId.toLowerCase(), o.id] as const] : [])),
  );
  for (let attempt = 1; ; attempt++) {
    const members = await deps.members.listVersioned(collaborative.id);
    const changes = plan(collaborative, keep, members, reference, organisationByTenant);
    try {
      await deps.members.saveChanges({ create: changes.create, replace: changes.replace });
      return { added: changes.create.length, updated: changes.replace.length, unchanged: changes.unchanged, skipped, conflicts: changes.conflicts };
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || attempt >= WRITE_ATTEMPTS) throw error;
    }
  }
}
