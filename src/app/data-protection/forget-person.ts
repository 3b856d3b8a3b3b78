import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../domain/errors';
import { signInNameSchema, type Member } from '../../domain/model/member';
import type { TransitionCheck } from '../../domain/model/transition';
import { parseModel } from '../../domain/model/parse';
import { guidSchema, idSchema } from '../../domain/model/primitives';
import { scopeOf } from '../../domain/model/pulse';
import type { EntityKeys } from '../../storage/keys/key-rules';
import { draftKeys, ledgerKeys } from '../../storage/keys/submission-keys';
import type { Storage } from '../../storage/storage';
import { recordAudit } from '../audit';
import type { AuditActor, Clock } from '../ports';
import { loadCollaborative } from '../setup/setup-context';

/**
 * Forgetting a person (the right to erasure): everything the product keeps that says who they
 * are or whether they answered goes. Released answers stay: they hold a workgroup, ratings and
 * a day, nothing that points to anyone (rc-measurement.md section 4), so they are no longer
 * the person's data, and removing "theirs" would first need the link the product promises
 * not to keep.
 */

/** Who to forget: an Entra object id, or a UPN / e-mail looked up on the collaborative's list. */
export const forgetRequestSchema = z.object({
  collaborativeId: idSchema,
  person: z.union([guidSchema, signInNameSchema], 'give an Entra object id (a GUID) or a UPN such as name@nhs.net'),
});
export type ForgetRequest = z.input<typeof forgetRequestSchema>;

/** What the product kept in place of the person in audit entries that named them. */
export const FORGOTTEN = '[forgotten]';

/** What forgetting removed (row counts, never who) and what it kept. */
export interface ForgetResult {
  collaborativeId: string;
  removed: {
    rosterRows: number;
    ledgerRows: number;
    drafts: number;
    /** Invitations, reminders and cards about interventions they own. */
    sendingRows: number;
    /** Their place among the collaborative's facilitators (0 or 1). */
    facilitatorRoles: number;
    /** Audit entries that named them, now reading FORGOTTEN in their place. */
    auditEntriesRedacted: number;
    /** Transition checks that named them (as staff or starter), now under an id that is no one's. */
    transitionChecks: number;
  };
  /** Pulses looked through. */
  pulses: number;
  /** Released anonymous answers in those pulses, all kept (nothing in them is the person's). */
  anonymousResponsesKept: number;
  /**
   * Interventions that still name them as an owner or as the author of a log entry: the
   * collaborative's record of its decisions, kept as written; a facilitator changes the owner.
   */
  interventionsNamingThem: number;
}

export interface ForgetDeps {
  storage: Pick<Storage, 'collaboratives' | 'members' | 'pulses' | 'submissions' | 'responses' | 'pulseRows' | 'audit' | 'respondentKey' | 'interventions' | 'transitions'>;
  clock: Clock;
  actor: AuditActor;
}

/** Nobody by that id or name: exit 2 on the command line, nothing changed. */
export class UnknownPersonError extends AppError {
  constructor(collaborativeId: string) {
    super({
      code: 'not_found',
      status: 404,
      userMessage: `Nobody with that object id or UPN is on the list of ${collaborativeId}, and nothing is kept under it. Nothing was changed.`,
    });
  }
}

const isGuid = (s: string) => guidSchema.safeParse(s).success;

/** The person's row on the list: by object id, else by UPN or e-mail. */
async function findMember(deps: ForgetDeps, collaborativeId: string, person: string): Promise<Member | undefined> {
  const found = isGuid(person) ? await deps.storage.members.findByAadObjectId(collaborativeId, person) : await deps.storage.members.findByUpnOrEmail(collaborativeId, person);
  return found?.value;
}

/**
 * Forgets one person in one collaborative: validate, find everything first (so an unknown
 * person changes nothing), then delete their roster row (with its conversation reference),
 * their ledger rows and drafts in every pulse (found by their respondent key in each), their
 * sending rows, their facilitator role, and blank them out of the audit trail; then record
 * 'person.forgotten' with counts only. Safe to run again.
 */
export async function forgetPerson(deps: ForgetDeps, request: ForgetRequest): Promise<ForgetResult> {
  const valid = parseModel(forgetRequestSchema, request, 'forget');
  const collaborative = (await loadCollaborative(deps.storage, valid.collaborativeId)).value;
  const cId = collaborative.id;
  const member = await findMember(deps, cId, valid.person);
  const aadObjectId = member?.aadObjectId ?? (isGuid(valid.person) ? valid.person : undefined);

  // Find: their respondent key in every pulse, and the rows kept under it or their object id.
  const pulses = await deps.storage.pulses.list(cId);
  const ledger: EntityKeys[] = [];
  const drafts: EntityKeys[] = [];
  const respondentKeys: string[] = [];
  if (aadObjectId) {
    for (const pulse of pulses) {
      const scope = scopeOf(pulse);
      const respondentKey = deps.storage.respondentKey(scope, aadObjectId);
      respondentKeys.push(respondentKey);
      if (await deps.storage.submissions.findLedgerEntry({ ...scope, respondentKey })) ledger.push(ledgerKeys(scope, respondentKey));
      if (await deps.storage.submissions.findDraft({ ...scope, respondentKey })) drafts.push(draftKeys(scope, respondentKey));
    }
  }
  const sending = aadObjectId ? await deps.storage.pulseRows.sendingRowsKeyedBy(cId, [aadObjectId.toLowerCase(), ...respondentKeys]) : [];
  const isFacilitator = aadObjectId !== undefined && collaborative.facilitatorIds.includes(aadObjectId.toLowerCase());
  const checks = aadObjectId ? (await deps.storage.transitions.list(cId)).filter((c) => namesPerson(c, aadObjectId)) : [];
  if (!member && ledger.length + drafts.length + sending.length + checks.length === 0 && !isFacilitator) throw new UnknownPersonError(cId);

  // Delete. Sending rows first: a reminder still queued finds no row and is not sent.
  const sendingRows = await deps.storage.pulseRows.deleteRows('deliveries', sending);
  const ledgerRows = await deps.storage.pulseRows.deleteRows('submissions', ledger);
  const draftRows = await deps.storage.pulseRows.deleteRows('submissions', drafts);
  if (isFacilitator) {
    await deps.storage.collaboratives.modify(cId, (c) => ({ ...c, facilitatorIds: c.facilitatorIds.filter((id) => id !== aadObjectId!.toLowerCase()) }));
  }
  // A check keeps its team's shape (how many staff, in which roles) for its figures, but not who.
  for (const check of checks) await deps.storage.transitions.replacePerson(cId, check.id, aadObjectId!, randomUUID());
  const rosterRows = member && (await deps.storage.members.delete(cId, member.id)) ? 1 : 0;
  const identifiers = [aadObjectId, member?.upn, member?.email, member?.displayName, member?.id, member?.teamsUserId, ...respondentKeys];
  const auditEntriesRedacted = await deps.storage.audit.redact(cId, identifiers.filter((i): i is string => i !== undefined), FORGOTTEN);

  let anonymousResponsesKept = 0;
  for (const pulse of pulses) anonymousResponsesKept += await deps.storage.responses.count(scopeOf(pulse));
  const id = aadObjectId?.toLowerCase();
  const interventions = id ? (await deps.storage.interventions.list(cId)).map((v) => v.value) : [];
  const interventionsNamingThem = interventions.filter((iv) => iv.ownerIds.includes(id!) || iv.updates.some((u) => u.authorId.toLowerCase() === id)).length;
  const removed = { rosterRows, ledgerRows, drafts: draftRows, sendingRows, facilitatorRoles: isFacilitator ? 1 : 0, auditEntriesRedacted, transitionChecks: checks.length };
  // The trail says that someone was forgotten, and how much went; never who.
  await recordAudit(deps, cId, 'person.forgotten', undefined, { ...removed, pulses: pulses.length });
  return { collaborativeId: cId, removed, pulses: pulses.length, anonymousResponsesKept, interventionsNamingThem };
}

/** Whether a transition check names the person, as one of its staff or as its starter. */
function namesPerson(check: TransitionCheck, aadObjectId: string): boolean {
  const id = aadObjectId.toLowerCase();
  return check.startedBy === id || check.staff.some((s) => s.aadObjectId === id);
}
