import { z } from 'zod';
import type { Member, MemberInput } from '../../domain/model/member';
import { parseModel } from '../../domain/model/parse';
import { idSchema } from '../../domain/model/primitives';
import { parseRoster, type RosterEntry, type RosterProblem } from '../../domain/roster';
import type { Versioned } from '../../storage/entity-table';
import { memberIdFor } from '../../storage/keys/member-keys';
import type { ChangeSet } from '../../storage/model-repository';
import { ConcurrencyError } from '../../storage/storage-errors';
import { groupRosterProblems, RosterFileError } from './roster-file-error';
import { recordAudit } from '../audit';
import { loadCollaborative, type SetupDeps } from './setup-context';

/** Largest roster file read (characters): tens of thousands of staff fit easily. */
const MAX_ROSTER_CHARS = 10_000_000;
/** Re-reads after losing a race with the bot or another import before giving up. */
const ATTEMPTS = 3;

/** What importRoster is given: the collaborative and the roster file's text. */
export const importRosterInputSchema = z.object({
  collaborativeId: idSchema,
  csv: z.string().max(MAX_ROSTER_CHARS, 'the roster file is too large (at most 10 million characters)'),
});

export interface RosterImportResult {
  /** People in the file. */
  lines: number;
  added: number;
  updated: number;
  unchanged: number;
}

/**
 * Imports a roster CSV (name, email, organisation, workgroup) into a collaborative.
 *
 * All or nothing: every line is checked first (parseRoster, against the collaborative's
 * current organisations and workgroups); if any is wrong, RosterFileError names every bad
 * line and nothing is stored. Re-importing UPDATES: a line is matched to a member by e-mail
 * or UPN (any case), so nobody is added twice; a matched member keeps what Teams gave them
 * (Entra object id, install state, conversation reference) and their workgroup when the
 * line leaves it empty. Members not in the file are left as they are.
 *
 * Written in batch transactions of up to 100, each change only if the member is unchanged
 * since it was read: if the bot saves an installation meanwhile, the import reads again and
 * keeps it. A failure between batches leaves a part imported; importing the file again
 * completes it. Records 'roster.imported' with counts (no names).
 */
export async function importRoster(deps: SetupDeps, input: { collaborativeId: string; csv: string }): Promise<RosterImportResult> {
  const { collaborativeId, csv } = parseModel(importRosterInputSchema, input, 'roster import');
  await loadCollaborative(deps.storage, collaborativeId);
  const [organisations, workgroups] = await Promise.all([
    deps.storage.organisations.list(collaborativeId),
    deps.storage.workgroups.list(collaborativeId),
  ]);
  const activeGroups = workgroups.filter((w) => w.retiredAt === undefined);
  const parsed = parseRoster(csv, {
    organisations: organisations.filter((o) => o.retiredAt === undefined),
    workgroups: activeGroups.map((w) => w.name),
  });
  if (!parsed.ok) throw new RosterFileError(groupRosterProblems(csv, parsed.problems));
  const groupIds = new Map(activeGroups.map((w) => [w.name, w.id]));

  for (let attempt = 1; ; attempt++) {
    const members = await deps.storage.members.listVersioned(collaborativeId);
    const plan = planImport(collaborativeId, parsed.entries, members, groupIds);
    if (plan.problems.length > 0) throw new RosterFileError(groupRosterProblems(csv, plan.problems));
    try {
      await deps.storage.members.saveChanges(plan.changes);
    } catch (error) {
      if (error instanceof ConcurrencyError && attempt < ATTEMPTS) continue;
      throw error;
    }
    const result: RosterImportResult = {
      lines: parsed.entries.length,
      added: plan.changes.create.length,
      updated: plan.changes.replace.length,
      unchanged: parsed.entries.length - plan.changes.create.length - plan.changes.replace.length,
    };
    await recordAudit(deps, collaborativeId, 'roster.imported', collaborativeId, { ...result });
    return result;
  }
}

interface ImportPlan {
  changes: { create: MemberInput[]; replace: { previous: Versioned<Member>; next: Member }[] } & ChangeSet<MemberInput, Member>;
  problems: RosterProblem[];
}

/** Matches each line to a member (by e-mail, then UPN) and decides what to write. */
function planImport(
  collaborativeId: string,
  entries: readonly RosterEntry[],
  members: readonly Versioned<Member>[],
  groupIds: ReadonlyMap<string, string>,
): ImportPlan {
  const byEmail = new Map<string, Versioned<Member>>();
  const byUpn = new Map<string, Versioned<Member>>();
  for (const m of members) {
    if (m.value.email) byEmail.set(m.value.email, m);
    if (m.value.upn) byUpn.set(m.value.upn, m);
  }
  const ids = new Set(members.map((m) => m.value.id));
  const lineOf = new Map<string, number>();
  const plan: ImportPlan = { changes: { create: [], replace: [] }, problems: [] };
  for (const entry of entries) {
    const workgroupId = entry.workgroup ? groupIds.get(entry.workgroup) : undefined;
    const existing = byEmail.get(entry.email) ?? byUpn.get(entry.email);
    if (!existing) {
      const id = freeMemberId(collaborativeId, entry.email, ids);
      ids.add(id);
      plan.changes.create.push({
        collaborativeId, id, email: entry.email, displayName: entry.name,
        organisationId: entry.organisationId, workgroupId, installState: 'not_installed',
      });
      continue;
    }
    const earlier = lineOf.get(existing.value.id);
    if (earlier !== undefined) {
      plan.problems.push({ line: entry.line, column: 'email', message: `${entry.email} is the same person as line ${earlier} (their e-mail and UPN)` });
      continue;
    }
    lineOf.set(existing.value.id, entry.line);
    const before = existing.value;
    const next: Member = {
      ...before,
      displayName: entry.name,
      organisationId: entry.organisationId,
      workgroupId: workgroupId ?? before.workgroupId,
      email: before.email ?? entry.email,
    };
    if (JSON.stringify(next) !== JSON.stringify(before)) plan.changes.replace.push({ previous: existing, next });
  }
  return plan;
}

/** The id a new member gets from their e-mail; a different one in the rare case it is taken. */
function freeMemberId(collaborativeId: string, email: string, taken: ReadonlySet<string>): string {
  let id = memberIdFor(collaborativeId, email);
  for (let n = 2; taken.has(id); n++) id = memberIdFor(collaborativeId, `${email}\n${n}`);
  return id;
}
