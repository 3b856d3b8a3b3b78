import { randomUUID } from 'node:crypto';
import { parseCsv } from '../../../src/domain/csv';
import { parseRatingsCsv } from '../../../src/domain/ratings-csv';
import { DIMENSIONS } from '../../../src/domain/instrument';
import type { Response } from '../../../src/domain/model/response';
import { publishClosedPulse } from '../../../src/app/pulse/publish-results';
import { randomKey } from '../../../src/storage/keys/key-rules';
import { aCollaborative, aPulse, CREATED_AT } from '../../support/fixtures';
import { startApi, startKeyServer, TENANT, type ApiHarness, type KeyServer } from './api-harness';

// Someone who can name a workgroup (in setup, or through a roster) names it so that a
// spreadsheet opening an export would run it as a formula. Both CSV exports, through the
// real HTTP API, must show it as text, and the responses export must still score exactly.

/**
 * Names a spreadsheet would read as formulas, and one that already starts with the guard.
 * (A leading tab or carriage return cannot reach an export: names are trimmed when saved.)
 */
const HOSTILE_NAMES = ['=HYPERLINK("https://evil.example","x")', '+SUM(1,2)', '-2+3', '@cmd|/c calc', "'=already guarded"];
const FORMULA_START = /^[=+\-@\t\r]/;

let keys: KeyServer;
let api: ApiHarness;
let token = '';
const collaborativeId = `evil-${randomUUID().slice(0, 8)}`;
const pulseId = 'closed';

/** Six respondents in each group, each rating every group on all seven dimensions. */
function responses(groupIds: readonly string[]): Response[] {
  return groupIds.flatMap((own, g) =>
    Array.from({ length: 6 }, (_, i) => ({
      collaborativeId,
      pulseId,
      respondentWorkgroupId: own,
      ratings: Object.fromEntries(groupIds.map((t, j) => [t, Object.fromEntries(DIMENSIONS.map((d, k) => [d, 1 + ((g + i + j + k) % 5)]))])),
      day: '2024-05-01',
    }) as Response),
  );
}

beforeAll(async () => {
  keys = await startKeyServer();
  api = await startApi({ keys });
  const facilitator = randomUUID();
  const { storage } = api;
  const groupIds = HOSTILE_NAMES.map((_, i) => `group-${i + 1}`);
  await storage.workgroups.upsertMany(groupIds.map((id, i) => ({ collaborativeId, id, name: HOSTILE_NAMES[i]! })));
  await storage.responses.writeReleased(responses(groupIds).map((response) => ({ releasedAs: randomKey(), response })));
  const pulse = await storage.pulses.create(aPulse(collaborativeId, { id: pulseId, targetWorkgroupIds: groupIds, status: 'closed', openedAt: CREATED_AT, closedAt: '2024-05-02T17:00:00.000Z' }));
  await storage.collaboratives.create(aCollaborative({ id: collaborativeId, allowedTenantIds: [TENANT], facilitatorIds: [facilitator] }));
  // Exports are of published figures only: publish them as the close would have.
  await publishClosedPulse({ ...storage, clock: () => new Date() }, pulse.value, { k: 5 }, '2024-05-02T17:00:00.000Z');
  token = await keys.sign({ oid: facilitator });
});
afterAll(async () => {
  api.stop();
  await keys.stop();
});

async function exported(file: string): Promise<string> {
  const res = await fetch(`${api.url}/api/collaboratives/${collaborativeId}/pulses/${pulseId}/export/${file}`, { headers: { Authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return res.text();
}

/** Every cell of the file, as a spreadsheet would see it (quotes removed). */
const cellsOf = (csv: string) => parseCsv(csv).flatMap((r) => r.fields);

describe('CSV exports of names that look like formulas', () => {
  it('the figures CSV shows every hostile name as text, with no cell starting like a formula', async () => {
    const cells = cellsOf(await exported('figures.csv'));
    expect(cells.filter((c) => FORMULA_START.test(c))).toEqual([]);
    for (const name of HOSTILE_NAMES) expect(cells).toContain(`'${name}`);
  });

  it('the responses CSV does the same, and reads back to exactly the names it was given', async () => {
    const csv = await exported('responses.csv');
    const cells = cellsOf(csv);
    expect(cells.filter((c) => FORMULA_START.test(c))).toEqual([]);
    for (const name of HOSTILE_NAMES) expect(cells).toContain(`'${name}`);
    const matrix = parseRatingsCsv(csv);
    expect([...matrix.groups].sort()).toEqual([...HOSTILE_NAMES].sort());
    expect(matrix.respondentCount).toBe(6 * HOSTILE_NAMES.length);
  });
});
