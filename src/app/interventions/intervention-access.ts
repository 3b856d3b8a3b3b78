import { ForbiddenError, NotFoundError } from '../../domain/errors';
import type { Intervention, InterventionContext } from '../../domain/model/intervention';
import type { Member } from '../../domain/model/member';
import { idSchema } from '../../domain/model/primitives';
import type { Workgroup } from '../../domain/model/workgroup';
import type { Versioned } from '../../storage/entity-table';
import type { Storage } from '../../storage/storage';
import { assertFacilitator } from '../access-rules';
import type { AuditActor, Clock } from '../ports';
import { recordAudit } from '../audit';
import type { CollaborativeAccess } from '../results/collaborative-access';

/**
 * Who may do what with a collaborative's interventions. The caller decides the person's role
 * with the tab's access rules (openCollaborative / roleIn in tab-access.ts), so only people
 * on the collaborative's list, or its facilitators, get this far. Then: facilitators record
 * interventions; facilitators and an intervention's owners change it; everyone reads them
 * and adds updates to their logs.
 */

/** The person asking and their role in the collaborative, as openCollaborative gives it. */
export type InterventionAccess = Pick<CollaborativeAccess, 'collaborative' | 'role'> & {
  person: Pick<CollaborativeAccess['person'], 'aadObjectId' | 'name'>;
};

/** What the intervention use-cases read and write. */
export interface InterventionDeps {
  storage: Pick<Storage, 'interventions' | 'workgroups' | 'members' | 'audit'>;
  clock: Clock;
}

/** The intervention by id in the person's collaborative; NotFoundError for an id that is not one. */
export async function loadIntervention(
  deps: { storage: Pick<Storage, 'interventions'> },
  access: InterventionAccess,
  interventionId: unknown,
): Promise<Versioned<Intervention>> {
  const id = idSchema.safeParse(interventionId);
  if (!id.success) throw new NotFoundError('intervention', `not an intervention id: ${JSON.stringify(String(interventionId).slice(0, 80))}`);
  return deps.storage.interventions.get(access.collaborative.id, id.data);
}

/** The collaborative's workgroups and people, read once per use-case for rules and names. */
export interface Directory {
  workgroups: Workgroup[];
  members: Member[];
}

/** Reads the collaborative's workgroups and list of people. */
export async function loadDirectory(deps: { storage: Pick<Storage, 'workgroups' | 'members'> }, collaborativeId: string): Promise<Directory> {
  const [workgroups, members] = await Promise.all([deps.storage.workgroups.list(collaborativeId), deps.storage.members.list(collaborativeId)]);
  return { workgroups, members };
}

const NAME_MAX = 200;

/**
 * The person acting, as update logs and the audit trail name them: their Entra object id, and
 * their name from sign-in, else from the list.
 */
export function authorOf(access: InterventionAccess, directory: Directory): InterventionContext['author'] {
  const id = access.person.aadObjectId.toLowerCase();
  const listed = directory.members.find((m) => m.aadObjectId === id)?.displayName;
  return { id, name: (access.person.name.trim() || listed || 'Someone in the collaborative').slice(0, NAME_MAX) };
}

/** Records a change in the audit trail as the person's (after it was saved: see recordAudit). */
export function auditChange(
  deps: InterventionDeps,
  access: InterventionAccess,
  directory: Directory,
  change: { action: string; subject: string; details: Record<string, unknown> },
): Promise<void> {
  const actor: AuditActor = authorOf(access, directory);
  return recordAudit({ storage: deps.storage, clock: deps.clock, actor }, access.collaborative.id, change.action, change.subject, change.details);
}

/**
 * What the domain needs to check a body: the workgroups a tie may join (the active ones, and
 * any the intervention already names, so retiring a group does not block other edits), the
 * people who may own it (everyone on the list known to Teams, and the facilitators), and who
 * is writing.
 */
export function contextOf(access: InterventionAccess, directory: Directory, current?: Intervention): InterventionContext {
  const active = directory.workgroups.filter((w) => w.retiredAt === undefined).map((w) => w.id);
  const named = (current?.ties ?? []).flatMap((t) => [t.from, t.to]);
  const listed = directory.members.flatMap((m) => (m.aadObjectId ? [m.aadObjectId] : []));
  return {
    workgroupIds: [...new Set([...active, ...named])],
    memberIds: [...new Set([...listed, ...access.collaborative.facilitatorIds])],
    author: authorOf(access, directory),
  };
}

/** True when the person owns the intervention. */
export function owns(access: InterventionAccess, intervention: Pick<Intervention, 'ownerIds'>): boolean {
  return intervention.ownerIds.includes(access.person.aadObjectId.toLowerCase());
}

/** True when the person may change the intervention: a facilitator, or one of its owners. */
export function mayEdit(access: InterventionAccess, intervention: Pick<Intervention, 'ownerIds'>): boolean {
  return access.role === 'facilitator' || owns(access, intervention);
}

/** Refuses, kindly, anyone who may not change the intervention; `task` completes "can ...". */
export function assertMayEdit(access: InterventionAccess, intervention: Intervention, task = 'change it'): void {
  if (mayEdit(access, intervention)) return;
  throw new ForbiddenError(
    `Only the collaborative's facilitators and this intervention's owners can ${task}. You can still add an update to say how it is going.`,
    `${access.person.aadObjectId} may not edit intervention ${intervention.collaborativeId}/${intervention.id}`,
  );
}

/** Refuses anyone but a facilitator, naming the facilitators to ask (access-rules.ts). */
export async function assertMayRecord(deps: { storage: Pick<Storage, 'members'> }, access: InterventionAccess): Promise<void> {
  if (access.role === 'facilitator') return;
  await assertFacilitator(deps.storage.members, access.collaborative, { aadObjectId: access.person.aadObjectId }, 'record an intervention');
}
