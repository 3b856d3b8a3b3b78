import { DEMO_FACILITATOR_AAD_ID, DEMO_TENANT_ID } from '../../src/app/demo/demo-data';
import { parseConfig } from '../../src/config/config';
import { DIMENSIONS } from '../../src/domain/instrument';
import type { Response } from '../../src/domain/model/response';
import { randomKey } from '../../src/storage/keys/key-rules';
import { createStorage, type Storage } from '../../src/storage/storage';

/**
 * Small collaboratives beside the demo, so the browser tests reach the designed states the
 * demo (two closed pulses) never does: no pulse yet; an open pulse nobody has answered; and an
 * open pulse with a first publication ("as of N responses"). The demo's facilitator (the
 * development sign-in's first person) runs all three.
 */

export const EMPTY_COLLABORATIVE = 'e2e-no-pulse-yet';
export const QUIET_COLLABORATIVE = 'e2e-open-pulse';
export const OPEN_COLLABORATIVE = 'e2e-open-figures';

const CREATED_AT = '2024-09-01T09:00:00.000Z';
const GROUPS = ['Inpatient team', 'Community team', 'Health visitors'];
const groupId = (i: number) => `group-${i + 1}`;

async function collaborative(storage: Storage, id: string, name: string): Promise<void> {
  await storage.collaboratives.create({
    id, name, focalProcess: 'discharge from the mother and baby unit', facilitatorIds: [DEMO_FACILITATOR_AAD_ID], allowedTenantIds: [DEMO_TENANT_ID], createdAt: CREATED_AT,
  });
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

/** Writes the three collaboratives into the stack's storage (env as the server has it). */
export async function addExtraStates(env: Record<string, string>): Promise<void> {
  const storage = createStorage(parseConfig(env));
  await storage.ensureTables();
  await collaborative(storage, EMPTY_COLLABORATIVE, 'North Coast Perinatal Network');
  await collaborative(storage, QUIET_COLLABORATIVE, 'South Valley Perinatal Network');
  await openPulse(storage, QUIET_COLLABORATIVE);
  await collaborative(storage, OPEN_COLLABORATIVE, 'East Moors Perinatal Network');
  const pulseId = await openPulse(storage, OPEN_COLLABORATIVE);
  // Seven released answers: five from the inpatient team, two from the community team (too
  // few for the community team's own figures to be shown).
  const day = new Date().toISOString().slice(0, 10);
  const responses = Array.from({ length: 7 }, (_, i): Response => ({
    collaborativeId: OPEN_COLLABORATIVE,
    pulseId,
    respondentWorkgroupId: groupId(i < 5 ? 0 : 1),
    ratings: Object.fromEntries(GROUPS.map((_, t) => [groupId(t), Object.fromEntries(DIMENSIONS.map((d, j) => [d, 2 + ((i + t + j) % 4)]))])) as Response['ratings'],
    day,
  }));
  await storage.responses.writeReleased(responses.map((response) => ({ releasedAs: randomKey(), response })));
}
