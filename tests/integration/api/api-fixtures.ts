import { randomUUID } from 'node:crypto';
import { publishClosedPulse } from '../../../src/app/pulse/publish-results';
import { DIMENSIONS } from '../../../src/domain/instrument';
import type { PulseInput } from '../../../src/domain/model/pulse';
import type { Response } from '../../../src/domain/model/response';
import { randomKey } from '../../../src/storage/keys/key-rules';
import type { Storage } from '../../../src/storage/storage';
import { aCollaborative, aMember, aPulse, CREATED_AT } from '../../support/fixtures';
import { startApi, startKeyServer, TENANT, type ApiHarness, type KeyServer } from './api-harness';

/**
 * A collaborative for the API tests: four workgroups, a facilitator, a viewer known by
 * Entra id, a viewer known only by e-mail (from a roster), and pulses in every state.
 */

export const GROUPS = [
  { id: 'mbu', name: 'Mother and baby unit' },
  { id: 'community', name: 'Community perinatal team' },
  { id: 'maternity', name: 'Maternity, services' },
  { id: 'visiting', name: 'Health visiting' },
] as const;
type GroupId = (typeof GROUPS)[number]['id'];

export interface People {
  facilitator: { oid: string; upn: string };
  viewer: { oid: string; upn: string };
  rosterOnly: { oid: string; upn: string };
  stranger: { oid: string; upn: string };
}

export interface Seeded {
  collaborativeId: string;
  teamsTeamId: string;
  people: People;
  pulses: { baseline: string; repeat: string; small: string; empty: string; open: string; draft: string };
}

/** One response: own group, and a score per target (the same on all seven dimensions unless `vary`). */
function response(scope: { collaborativeId: string; pulseId: string }, own: GroupId, score: (target: GroupId) => number, vary = 0): Response {
  const ratings = Object.fromEntries(
    GROUPS.map((g) => [g.id, Object.fromEntries(DIMENSIONS.map((d, j) => [d, Math.min(5, Math.max(1, score(g.id) + (j === 0 ? vary : 0)))]))]),
  );
  return { ...scope, respondentWorkgroupId: own, ratings, day: '2024-05-01' } as Response;
}

/** `count` responses per group, scored by `score(own, target, i)`. */
export function responsesOf(
  scope: { collaborativeId: string; pulseId: string },
  counts: Record<GroupId, number>,
  score: (own: GroupId, target: GroupId, i: number) => number,
): Response[] {
  return GROUPS.flatMap((g) => Array.from({ length: counts[g.id] }, (_, i) => response(scope, g.id, (t) => score(g.id, t, i), i % 2)));
}

/**
 * A pulse with released responses. A closed one gets its final figures as the close publishes
 * them (`final: false` leaves it as a close that stopped half-way would).
 */
export async function pulseWith(storage: Storage, input: PulseInput, responses: Response[], options: { final?: boolean } = {}): Promise<string> {
  await storage.responses.writeReleased(responses.map((r) => ({ releasedAs: randomKey(), response: r })));
  const pulse = (await storage.pulses.create(input)).value;
  if (pulse.status === 'closed' && options.final !== false) {
    await publishClosedPulse({ ...storage, clock: () => new Date() }, pulse, { k: 5 }, pulse.closedAt ?? CREATED_AT);
  }
  return input.id;
}

/** Seeds the collaborative. Baseline and repeat differ on purpose: community ties improve, one declines. */
export async function seedCollaborative(storage: Storage): Promise<Seeded> {
  const people: People = {
    facilitator: { oid: randomUUID(), upn: 'facilitator@nhs.net' },
    viewer: { oid: randomUUID(), upn: 'viewer@nhs.net' },
    rosterOnly: { oid: randomUUID(), upn: 'roster.person@nhs.net' },
    stranger: { oid: randomUUID(), upn: 'stranger@nhs.net' },
  };
  const teamsTeamId = `19:${randomUUID()}@thread.tacv2`;
  const collaborative = aCollaborative({ allowedTenantIds: [TENANT], facilitatorIds: [people.facilitator.oid], teamsTeamId });
  const id = collaborative.id;
  await storage.organisations.upsertMany([
    { collaborativeId: id, id: 'lypft', name: 'Leeds and York Partnership NHS Foundation Trust' },
    { collaborativeId: id, id: 'humber', name: 'Humber Teaching NHS Foundation Trust' },
  ]);
  await storage.workgroups.upsertMany(GROUPS.map((g) => ({ collaborativeId: id, id: g.id, name: g.name })));
  await storage.members.upsertMany([
    aMember(id, 1, { aadObjectId: people.viewer.oid, upn: people.viewer.upn, workgroupId: 'mbu', tenantId: TENANT }),
    { collaborativeId: id, id: 'roster-1', email: people.rosterOnly.upn, displayName: 'Roster Person', organisationId: 'humber', workgroupId: 'community' },
  ]);

  const targets = GROUPS.map((g) => g.id);
  const closed = (pulseId: string): PulseInput =>
    aPulse(id, { id: pulseId, title: pulseId, targetWorkgroupIds: targets, status: 'closed', openedAt: CREATED_AT, closedAt: '2024-05-02T17:00:00.000Z' });
  const scope = (pulseId: string) => ({ collaborativeId: id, pulseId });
  const even = { mbu: 8, community: 8, maternity: 8, visiting: 8 };

  const baseline = await pulseWith(storage, { ...closed('baseline'), createdAt: '2024-04-01T09:00:00.000Z' }, responsesOf(scope('baseline'), even, (own, t) => (t === 'community' ? 2 : own === 'visiting' && t === 'mbu' ? 5 : 3)));
  const repeat = await pulseWith(storage, { ...closed('repeat'), createdAt: '2024-09-01T09:00:00.000Z' }, responsesOf(scope('repeat'), even, (own, t) => (t === 'community' ? 4 : own === 'visiting' && t === 'mbu' ? 2 : 3)));
  // Health visiting has 2 respondents only: below k = 5.
  const small = await pulseWith(storage, closed('small'), responsesOf(scope('small'), { mbu: 6, community: 6, maternity: 6, visiting: 2 }, (own, t, i) => (own === 'visiting' ? 1 : 3 + ((i + t.length) % 2))));
  const empty = await pulseWith(storage, closed('empty'), []);
  const open = await pulseWith(storage, aPulse(id, { id: 'open', targetWorkgroupIds: targets, status: 'open', openedAt: CREATED_AT }), responsesOf(scope('open'), { mbu: 1, community: 1, maternity: 1, visiting: 0 }, () => 4));
  const draft = await pulseWith(storage, aPulse(id, { id: 'draft', targetWorkgroupIds: targets, status: 'draft' }), []);
  await storage.collaboratives.create(collaborative);
  return { collaborativeId: id, teamsTeamId, people, pulses: { baseline, repeat, small, empty, open, draft } };
}

/** The key server, the real server over Azurite, and the seeded collaborative, together. */
export interface SeededApi {
  keys: KeyServer;
  api: ApiHarness;
  seeded: Seeded;
  stop(): Promise<void>;
}

/** Starts what most API suites need before their tests (see SeededApi); `stop()` after them. */
export async function startSeededApi(): Promise<SeededApi> {
  const keys = await startKeyServer();
  const api = await startApi({ keys });
  const seeded = await seedCollaborative(api.storage);
  return {
    keys,
    api,
    seeded,
    async stop() {
      api.stop();
      await keys.stop();
    },
  };
}

/** The two groups a pathway pulse asks, each about the other. */
export const PATHWAY_GROUPS = ['mbu', 'community'];

/**
 * A closed pulse "pathway" that asked only the mother and baby unit and the community team,
 * about each other (8 answers each, every score 4): a scope narrower than the seeded pulses'.
 */
export async function aPathwayPulse(world: SeededApi): Promise<void> {
  const { seeded, api } = world;
  const scope = { collaborativeId: seeded.collaborativeId, pulseId: 'pathway' };
  const only = (r: Response): Response => ({ ...r, ratings: Object.fromEntries(Object.entries(r.ratings).filter(([t]) => PATHWAY_GROUPS.includes(t))) });
  await pulseWith(
    api.storage,
    aPulse(seeded.collaborativeId, {
      id: 'pathway',
      title: 'Pathway',
      participantWorkgroupIds: PATHWAY_GROUPS,
      targetWorkgroupIds: PATHWAY_GROUPS,
      status: 'closed',
      openedAt: CREATED_AT,
      closedAt: '2024-11-02T17:00:00.000Z',
      createdAt: '2024-11-01T09:00:00.000Z',
    }),
    responsesOf(scope, { mbu: 8, community: 8, maternity: 0, visiting: 0 }, () => 4).map(only),
  );
}
