import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseCsv } from '../../src/domain/csv';
import type { Response } from '../../src/domain/model/response';
import { randomKey } from '../../src/storage/keys/key-rules';
import type { Storage } from '../../src/storage/storage';
import { aCollaborative, aPulse, CREATED_AT, targetRatings } from '../support/fixtures';
import { TEST_HMAC_KEY, testConnectionString, testStorage, uniquePrefix } from '../support/test-storage';

// `rc-pulse export responses` attacked as someone holding the file would: count the distinct
// respondent ids under each workgroup. No workgroup may have fewer than the pulse's k, and
// the one line on standard error must say how many were pooled and how many left out.
jest.setTimeout(60_000);

const ROOT = resolve(__dirname, '../..');
const BIN = join(ROOT, 'bin/rc-pulse.js');
const GROUPS = [
  { id: 'mbu', name: 'Mother and baby unit' },
  { id: 'community', name: 'Community perinatal team' },
  { id: 'commissioners', name: 'Commissioners' },
  { id: 'lived', name: 'Lived experience partners' },
];
let dir = '';
let prefix = '';
let storage: Storage;
let collaborativeId = '';

/** A closed pulse with released responses: `sizes` respondents per workgroup, each rating every group. */
async function pulseOf(pulseId: string, sizes: Record<string, number>, k?: number): Promise<void> {
  const scope = { collaborativeId, pulseId };
  const responses: Response[] = Object.entries(sizes).flatMap(([own, n]) =>
    Array.from({ length: n }, (_, i) => ({
      ...scope,
      respondentWorkgroupId: own,
      ratings: Object.fromEntries(GROUPS.map((g) => [g.id, targetRatings(2 + ((i + g.id.length) % 4))])),
      day: '2024-05-01',
    })),
  );
  await storage.responses.writeReleased(responses.map((response) => ({ releasedAs: randomKey(), response })));
  await storage.pulses.create(
    aPulse(collaborativeId, { id: pulseId, targetWorkgroupIds: GROUPS.map((g) => g.id), status: 'closed', openedAt: CREATED_AT, closedAt: '2024-05-02T17:00:00.000Z', figuresFinalAt: '2024-05-02T17:00:05.000Z', ...(k ? { k } : {}) }),
  );
}

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'dist/src/cli/main.js'))) throw new Error('dist/ is missing: run "npm run build" first');
  dir = mkdtempSync(join(tmpdir(), 'rc-pulse-export-pool-'));
  prefix = uniquePrefix();
  storage = await testStorage({ prefix });
  collaborativeId = (await storage.collaboratives.create(aCollaborative({ k: 5 }))).value.id;
  await storage.workgroups.upsertMany(GROUPS.map((g) => ({ collaborativeId, ...g })));
  await pulseOf('two-and-three', { mbu: 6, community: 7, commissioners: 2, lived: 3 });
  await pulseOf('own-k-seven', { mbu: 8, community: 9, commissioners: 2, lived: 3 }, 7);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[]) {
  const env = {
    PATH: process.env.PATH ?? '',
    STORAGE_CONNECTION_STRING: testConnectionString(),
    STORAGE_NAME_PREFIX: prefix,
    SECRET_LEDGER_HMAC_KEY: TEST_HMAC_KEY,
    RC_PULSE_ENV_DIR: dir,
  };
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', timeout: 30_000, env });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Distinct respondent ids per workgroup, and the targets, as the file shows them. */
function countsIn(csv: string) {
  const rows = parseCsv(csv).slice(1).map((r) => r.fields);
  const ids = new Map<string, Set<string>>();
  for (const [respondent, workgroup] of rows) ids.set(workgroup!, (ids.get(workgroup!) ?? new Set()).add(respondent!));
  return { sizes: Object.fromEntries([...ids].map(([g, s]) => [g, s.size])), targets: new Set(rows.map((r) => r[2])) };
}

describe('rc-pulse export responses never shows a workgroup below the pulse\'s k', () => {
  it('pools groups of 2 and 3 as "Other groups", says so on standard error only, and the file still scores', () => {
    const shown = run(['export', 'responses', '--pulse', 'two-and-three', '--collaborative', collaborativeId]);
    expect(shown.code).toBe(0);
    expect(shown.stderr).toBe(
      'rc-pulse: 5 respondents from workgroups too small to show apart (fewer than 5, or one that would give such a group away) are shown as "Other groups"; none are left out.\n',
    );
    expect(shown.stdout.startsWith('respondent,workgroup,target,dimension,score\r\n')).toBe(true);
    const { sizes, targets } = countsIn(shown.stdout);
    expect(sizes).toEqual({ 'Mother and baby unit': 6, 'Community perinatal team': 7, 'Other groups': 5 });
    expect(Math.min(...Object.values(sizes))).toBeGreaterThanOrEqual(5);
    expect(targets).toEqual(new Set(GROUPS.map((g) => g.name)));

    const written = run(['export', 'responses', '--pulse', 'two-and-three', '--collaborative', collaborativeId, '--out', 'pooled.csv']);
    expect(written.stdout).toBe('Wrote the answers of 18 respondents to pulse two-and-three to pooled.csv.\n');
    expect(countsIn(readFileSync(join(dir, 'pooled.csv'), 'utf8')).sizes).toEqual(sizes);
    const scored = run(['score', 'pooled.csv']);
    expect(scored).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(scored.stdout)).toMatchObject({ respondents: 18 });
  });

  it("leaves out a pool still below the pulse's own k (7, where the collaborative's is 5)", async () => {
    const shown = run(['export', 'responses', '--pulse', 'own-k-seven', '--collaborative', collaborativeId]);
    expect(shown.code).toBe(0);
    expect(shown.stderr).toBe('rc-pulse: 5 respondents from workgroups of fewer than 7 are left out, as even together they are fewer than 7; none are shown as "Other groups".\n');
    expect(countsIn(shown.stdout).sizes).toEqual({ 'Mother and baby unit': 8, 'Community perinatal team': 9 });
    const audit = (await storage.audit.list(collaborativeId)).filter((e) => e.action === 'responses.exported' && e.subject === 'own-k-seven');
    expect(audit.map((e) => e.details)).toEqual([{ respondents: 17, pooled: 0, leftOut: 5, k: 7 }]);
  });
});
