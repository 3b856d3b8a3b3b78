import { randomUUID } from 'node:crypto';
import { createIntervention, updateIntervention, type InterventionDetail, type InterventionDeps } from '../../../src/app/interventions';
import type { ImpactDeps } from '../../../src/app/interventions/intervention-impact';
import type { SignedInPerson } from '../../../src/app/results/signed-in-person';
import { openCollaborative, type CollaborativeAccess } from '../../../src/app/results/collaborative-access';
import type { Storage } from '../../../src/storage/storage';
import { aCollaborative } from '../../support/fixtures';

/**
 * A collaborative for the intervention use-cases on the test Azurite: three active workgroups
 * and a retired one, a facilitator, an owner-to-be, a viewer and another member (all on the
 * list and signed in from the collaborative's tenant), a clock that stands still until moved,
 * and each person's access decided by the tab's own rules (openCollaborative).
 */

export const TENANT = 'a0000000-0000-4000-8000-0000000000aa';
export const GROUPS = [
  { id: 'mbu', name: 'Mother and baby unit' },
  { id: 'community', name: 'Community perinatal team' },
  { id: 'maternity', name: 'Maternity' },
] as const;
export const RETIRED = { id: 'old-liaison', name: 'Old liaison team' };

export type Who = 'facilitator' | 'owner' | 'viewer' | 'other';
const NAMES: Record<Who, string> = { facilitator: 'Fran Facilitator', owner: 'Olu Owner', viewer: 'Vic Viewer', other: 'Oz Other' };

export interface Kit {
  storage: Storage;
  collaborativeId: string;
  deps: InterventionDeps & ImpactDeps;
  clock: { set(iso: string): void };
  people: Record<Who, SignedInPerson>;
  access(who: Who): Promise<CollaborativeAccess>;
  /** Every row of the collaborative's interventions, and its audit rows, for "nothing changed". */
  snapshot(): Promise<{ interventions: Record<string, unknown>[]; audit: number }>;
}

function person(who: Who): SignedInPerson {
  return { aadObjectId: randomUUID(), tenantId: TENANT, name: NAMES[who], upn: `${who}.${randomUUID().slice(0, 6)}@nhs.net` };
}

/** A fresh collaborative (its own partition) on `storage`. */
export async function aKit(storage: Storage, options: { k?: number } = {}): Promise<Kit> {
  const people = { facilitator: person('facilitator'), owner: person('owner'), viewer: person('viewer'), other: person('other') };
  const collaborative = (
    await storage.collaboratives.create(
      aCollaborative({ k: options.k ?? 3, facilitatorIds: [people.facilitator.aadObjectId], allowedTenantIds: [TENANT] }),
    )
  ).value;
  const collaborativeId = collaborative.id;
  await storage.workgroups.upsertMany([
    ...GROUPS.map((g) => ({ collaborativeId, ...g })),
    { collaborativeId, ...RETIRED, retiredAt: '2024-01-01T00:00:00.000Z' },
  ]);
  await storage.members.upsertMany([
    ...(Object.entries(people) as [Who, SignedInPerson][]).map(([who, p], i) => ({
      collaborativeId,
      id: `m-${who}-${i}`,
      aadObjectId: p.aadObjectId,
      tenantId: TENANT,
      upn: p.upn,
      displayName: p.name,
      organisationId: 'lypft',
      workgroupId: GROUPS[i % GROUPS.length]!.id,
    })),
    // On the roster, not yet known to Teams: may not own an intervention until they are.
    { collaborativeId, id: 'm-roster-only', email: 'roster.only@nhs.net', displayName: 'Ro Roster', organisationId: 'lypft' },
  ]);
  let now = new Date('2024-06-03T15:00:00.000Z');
  const deps = { storage, clock: () => new Date(now) };
  const accessDeps = { collaboratives: storage.collaboratives, members: storage.members };
  return {
    storage,
    collaborativeId,
    deps,
    clock: { set: (iso) => void (now = new Date(iso)) },
    people,
    access: (who) => openCollaborative(accessDeps, collaborativeId, people[who]),
    async snapshot() {
      const interventions: Record<string, unknown>[] = [];
      const filter = `PartitionKey eq '${collaborativeId}'`;
      for await (const row of storage.clients.interventions.listEntities({ queryOptions: { filter } })) interventions.push(row as Record<string, unknown>);
      return { interventions, audit: (await storage.audit.list(collaborativeId)).length };
    },
  };
}

/** A body that records an intervention on the unit's tie with community, owned by `ownerId`. */
export function aBody(ownerId: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Joint discharge planning',
    description: 'Community nurses join the unit’s weekly discharge meeting.',
    kind: 'structural',
    catalogueId: 'relational-job-design',
    ties: [{ from: 'mbu', to: 'community' }],
    dimensions: ['timely'],
    ownerIds: [ownerId],
    ...extra,
  };
}

/** The error a promise rejects with; fails the test when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: unknown) => e as Error,
  );
}

/** Records an intervention as the facilitator, owned by the kit's owner. */
export async function recorded(kit: Kit, extra: Record<string, unknown> = {}): Promise<InterventionDetail> {
  return createIntervention(kit.deps, await kit.access('facilitator'), aBody(kit.people.owner.aadObjectId, extra));
}

/** Edits as `who`, from the version `from` (its ETag). */
export async function edit(kit: Kit, who: Who, from: InterventionDetail, patch: unknown): Promise<InterventionDetail> {
  return updateIntervention(kit.deps, await kit.access(who), from.id, patch, from.etag);
}
