import { DEMO_FACILITATOR_AAD_ID, DEMO_TENANT_ID } from '../../src/app/demo/demo-data';
import { publishClosedPulse } from '../../src/app/pulse/publish-results';
import { parseConfig } from '../../src/config/config';
import { DIMENSIONS } from '../../src/domain/instrument';
import { FAMILIES_WORKGROUP_ID } from '../../src/domain/model/family';
import type { Response } from '../../src/domain/model/response';
import { randomKey } from '../../src/storage/keys/key-rules';
import { createStorage, type Storage } from '../../src/storage/storage';

/**
 * A collaborative whose pulses ask families too (the Families workgroup, id `families`), for
 * the browser tests of the family links panel and of Families in the RC map and tie matrix:
 * a closed pulse in which 17 staff answered (rating Families too) and 3 families answered
 * through links (fewer than k = 5, so every figure of theirs is "fewer than 5 responses"),
 * and an open pulse to issue links for. The demo's facilitator runs it.
 */

export const FAMILIES_COLLABORATIVE = 'e2e-families-voice';
export const FAMILIES_CLOSED_PULSE = `${FAMILIES_COLLABORATIVE}-spring`;
export const FAMILIES_OPEN_PULSE = `${FAMILIES_COLLABORATIVE}-autumn`;
export const FAMILY_ANSWERS = 3;

const STAFF = [
  { id: 'mbu', name: 'Mother and baby unit', answers: 6 },
  { id: 'community', name: 'Community perinatal team', answers: 6 },
  { id: 'health-visitors', name: 'Health visitors', answers: 5 },
];
const GROUPS = [...STAFF.map((g) => ({ id: g.id, name: g.name })), { id: FAMILIES_WORKGROUP_ID, name: 'Families' }];
const PROCESS = 'discharge from the mother and baby unit';

/** One respondent's ratings of the given targets, varied so the figures are not all alike. */
function ratings(targets: readonly string[], seed: number): Response['ratings'] {
  return Object.fromEntries(targets.map((t, ti) => [t, Object.fromEntries(DIMENSIONS.map((d, j) => [d, 2 + ((seed + ti + j) % 4)]))])) as Response['ratings'];
}

async function pulse(storage: Storage, id: string, title: string, opensAt: Date, closesAt: Date, status: 'open' | 'closed'): Promise<void> {
  await storage.pulses.create({
    collaborativeId: FAMILIES_COLLABORATIVE, id, kind: 'survey', title, focalProcess: PROCESS,
    targetWorkgroupIds: GROUPS.map((g) => g.id), status: 'open',
    opensAt: opensAt.toISOString(), closesAt: closesAt.toISOString(), openedAt: opensAt.toISOString(), createdAt: opensAt.toISOString(),
  });
  if (status === 'open') return;
  const day = closesAt.toISOString().slice(0, 10);
  const staff: Response[] = STAFF.flatMap((g, gi) => Array.from({ length: g.answers }, (_, i) => ({
    collaborativeId: FAMILIES_COLLABORATIVE, pulseId: id, respondentWorkgroupId: g.id, ratings: ratings(GROUPS.map((x) => x.id), gi * 7 + i), day,
  })));
  // Families rate the staff groups, not themselves; both sharing choices are present.
  const families: Response[] = Array.from({ length: FAMILY_ANSWERS }, (_, i) => ({
    collaborativeId: FAMILIES_COLLABORATIVE, pulseId: id, respondentWorkgroupId: FAMILIES_WORKGROUP_ID, ratings: ratings(STAFF.map((g) => g.id), i),
    day, familySharing: i === 0 ? 'overall_only' : 'shared_with_team',
  }));
  await storage.responses.writeReleased([...staff, ...families].map((response) => ({ releasedAs: randomKey(), response })));
  const closing = await storage.pulses.get(FAMILIES_COLLABORATIVE, id);
  const closed = await storage.pulses.advance(closing, 'closed', closesAt.toISOString());
  await publishClosedPulse({ ...storage, clock: () => closesAt }, closed.value, { k: 5 }, closed.value.closedAt!);
}

/** Writes the collaborative and its two pulses into the stack's storage (env as the server has it). */
export async function addFamilyStates(env: Record<string, string>): Promise<void> {
  const storage = createStorage(parseConfig(env));
  await storage.ensureTables();
  await storage.collaboratives.create({
    id: FAMILIES_COLLABORATIVE, name: 'Riverside Perinatal Network', focalProcess: PROCESS,
    facilitatorIds: [DEMO_FACILITATOR_AAD_ID], allowedTenantIds: [DEMO_TENANT_ID], createdAt: '2024-09-01T09:00:00.000Z',
  });
  await storage.workgroups.upsertMany(GROUPS.map((g) => ({ collaborativeId: FAMILIES_COLLABORATIVE, ...g })));
  const now = Date.now();
  await pulse(storage, FAMILIES_CLOSED_PULSE, 'Spring pulse with families', new Date(now - 60 * 86_400_000), new Date(now - 40 * 86_400_000), 'closed');
  await pulse(storage, FAMILIES_OPEN_PULSE, 'Autumn pulse with families', new Date(now - 86_400_000), new Date(now + 14 * 86_400_000), 'open');
}
