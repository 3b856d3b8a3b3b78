import { DEMO_FACILITATOR_AAD_ID, DEMO_TENANT_ID } from '../../src/app/demo/demo-data';
import { publishClosedPulse } from '../../src/app/pulse/publish-results';
import { parseConfig } from '../../src/config/config';
import { DIMENSIONS } from '../../src/domain/instrument';
import type { Response } from '../../src/domain/model/response';
import { randomKey } from '../../src/storage/keys/key-rules';
import { createStorage, type Storage } from '../../src/storage/storage';

/**
 * Small collaboratives beside the demo, so the browser tests reach the designed states the
 * demo (two closed pulses) never does: no pulse yet; an open pulse nobody has answered; an
 * open pulse seven people have answered (still no figure: they are published at close); and a
 * closed pulse too few answered. The demo's facilitator (the development sign-in's first
 * person) runs all four.
 */

export const EMPTY_COLLABORATIVE = 'e2e-no-pulse-yet';
export const QUIET_COLLABORATIVE = 'e2e-open-pulse';
export const OPEN_COLLABORATIVE = 'e2e-open-answered';
export const FEW_COLLABORATIVE = 'e2e-closed-too-few';

const CREATED_AT = '2024-09-01T09:00:00.000Z';
const GROUPS = ['Inpatient team', 'Community team', 'Health visitors'];
const groupId = (i: number) => `group-${i + 1}`;

async function collaborative(storage: Storage, id: string, name: string): Promise<void> {
  await storage.collaboratives.create({
    id, name, focalProcess: 'discharge from the mother and baby unit', facilitatorIds: [DEMO_FACILITATOR_AAD_ID], allowedTenantIds: [DEMO_TENANT_ID], createdAt: CREATED_AT,
  });
}

/** `count` answers to a pulse, released, five from the inpatient team and the rest from the community team. */
async function answers(storage: Storage, collaborativeId: string, pulseId: string, count: number): Promise<void> {
  const day = new Date().toISOString().slice(0, 10);
  const responses = Array.from({ length: count }, (_, i): Response => ({
    collaborativeId,
    pulseId,
    respondentWorkgroupId: groupId(i < 5 ? 0 : 1),
    ratings: Object.fromEntries(GROUPS.map((_, t) => [groupId(t), Object.fromEntries(DIMENSIONS.map((d, j) => [d, 2 + ((i + t + j) % 4)]))])) as Response['ratings'],
    day,
  }));
  await storage.responses.writeReleased(responses.map((response) => ({ releasedAs: randomKey(), response })));
}

async function openPulse(storage: Storage, collaborativeId: string): Promise<string> {
  await storage.workgroups.upsertMany(GROUPS.map((name, i) => ({ collaborativeId, id: groupId(i), name })));
  const now = new Date();
  const id = `${collaborativeId}-autumn`;
  await storage.pulses.create({
    collaborativeId, id, kind: 'survey', title: 'Autumn pulse', focalProcess: 'discharge from the mother and baby unit',
    targetWorkgroupIds: GROUPS.map((_, i) => groupId(i)), status: 'open',
    opensAt: now.toISOString(), closesAt: new Date(now.getTime() + 14 * 86_400_000).toISOString(), openedAt: now.toISOString(), createdAt: CREATED_AT,
  });
  return id;
}

/** Writes the four collaboratives into the stack's storage (env as the server has it). */
export async function addExtraStates(env: Record<string, string>): Promise<void> {
  const storage = createStorage(parseConfig(env));
  await storage.ensureTables();
  await collaborative(storage, EMPTY_COLLABORATIVE, 'North Coast Perinatal Network');
  await collaborative(storage, QUIET_COLLABORATIVE, 'South Valley Perinatal Network');
  await openPulse(storage, QUIET_COLLABORATIVE);
  await collaborative(storage, OPEN_COLLABORATIVE, 'East Moors Perinatal Network');
  await answers(storage, OPEN_COLLABORATIVE, await openPulse(storage, OPEN_COLLABORATIVE), 7);
  // Closed with two answers, its close finished: too few for any figure.
  await collaborative(storage, FEW_COLLABORATIVE, 'West Dales Perinatal Network');
  const few = await openPulse(storage, FEW_COLLABORATIVE);
  await answers(storage, FEW_COLLABORATIVE, few, 2);
  const closing = await storage.pulses.get(FEW_COLLABORATIVE, few);
  const closed = await storage.pulses.advance(closing, 'closed', new Date().toISOString());
  await publishClosedPulse({ ...storage, clock: () => new Date() }, closed.value, { k: 5 }, closed.value.closedAt!);
}
