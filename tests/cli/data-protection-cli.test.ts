import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { recordAudit } from '../../src/app/audit';
import { parseCsv } from '../../src/domain/csv';
import type { Collaborative } from '../../src/domain/model/collaborative';
import type { Pulse, PulseScope } from '../../src/domain/model/pulse';
import type { Storage } from '../../src/storage/storage';
import { aCollaborative, aMember, aPulse, aResponse, type TeamsMemberInput } from '../support/fixtures';
import { TEST_HMAC_KEY, testConnectionString, testStorage, uniquePrefix } from '../support/test-storage';

// rc-pulse forget, delete pulse and audit, run as a person runs them (node bin/rc-pulse.js)
// against the Azurite jest started. Bad input: exit 2, one line per problem, nothing changed.
jest.setTimeout(60_000);

const ROOT = resolve(__dirname, '../..');
const BIN = join(ROOT, 'bin/rc-pulse.js');
let dir = '';
let prefix = '';
let storage: Storage;

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist/src/cli/main.js'))) throw new Error('dist/ is missing: run "npm run build" first');
  dir = mkdtempSync(join(tmpdir(), 'rc-pulse-dp-cli-'));
});
beforeEach(async () => {
  prefix = uniquePrefix();
  storage = await testStorage({ prefix });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[]) {
  const env = { PATH: process.env.PATH ?? '', STORAGE_CONNECTION_STRING: testConnectionString(), STORAGE_NAME_PREFIX: prefix, SECRET_LEDGER_HMAC_KEY: TEST_HMAC_KEY, RC_PULSE_ENV_DIR: dir };
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', timeout: 30_000, env });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Exit 2, nothing on stdout, every line on stderr starting "rc-pulse: ", no stack. */
function expectRefused(r: ReturnType<typeof run>, ...fragments: string[]): void {
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(/^(rc-pulse: [^\n]+\n)+$/);
  expect(r.stderr).not.toMatch(/\bat .+:\d+:\d+/);
  for (const f of fragments) expect(r.stderr).toContain(f);
  expect(r.code).toBe(2);
}

/** Every row of every table with its ETag: any write changes this. */
async function allRows(): Promise<string[]> {
  const rows: string[] = [];
  for (const [role, client] of Object.entries(storage.clients)) {
    for await (const row of client.listEntities()) rows.push(`${role} ${row.partitionKey} ${row.rowKey} ${row.etag}`);
  }
  return rows.sort();
}

interface Seeded {
  c: Collaborative;
  person: TeamsMemberInput;
  closed: Pulse;
  open: Pulse;
}

/** A collaborative with a person who was invited to a closed pulse and answered it (3 answers released), and an open pulse. */
async function seed(): Promise<Seeded> {
  const c = (await storage.collaboratives.create(aCollaborative())).value;
  const [person, other] = [aMember(c.id, 1), aMember(c.id, 2)];
  await storage.members.upsertMany([person, other]);
  const closed = (await storage.pulses.create(aPulse(c.id, { status: 'closed', openedAt: '2026-01-05T09:00:00.000Z', closedAt: '2026-01-20T09:00:00.000Z', figuresFinalAt: '2026-01-20T09:00:01.000Z' }))).value;
  const open = (await storage.pulses.create(aPulse(c.id, { status: 'open', openedAt: '2026-03-02T09:00:00.000Z' }))).value;
  const scope: PulseScope = { collaborativeId: c.id, pulseId: closed.id };
  await storage.deliveries.ensurePending(scope, [person.aadObjectId, other.aadObjectId]);
  const key = storage.respondentKey(scope, person.aadObjectId);
  await storage.submissions.saveProgress({ ...scope, respondentKey: key, step: 1 });
  await storage.responses.writeReleased([1, 2, 3].map((m) => ({ releasedAs: randomBytes(16).toString('hex'), response: aResponse(scope, m) })));
  await recordAudit({ storage, clock: () => new Date('2026-01-20T09:00:00.000Z'), actor: { id: 'cli', name: '=HYPERLINK("http://x")' } }, c.id, 'pulse.closed', closed.id, { responses: 3 });
  return { c, person, closed, open };
}

describe('rc-pulse forget', () => {
  it('forgets a person found by UPN, says what it removed and that the anonymous answers are kept', async () => {
    const { c, person, closed } = await seed();
    const r = run(['forget', '--user', person.upn.toUpperCase(), '--collaborative', c.id]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toContain(`Forgot one person in ${c.id}.`);
    expect(r.stdout).toContain('Removed: 1 roster row (with their Teams conversation reference), 1 ledger row, 1 draft, 1 invitation or reminder row, 0 facilitator roles.');
    expect(r.stdout).toContain('Kept: 3 released anonymous answers in 2 pulses. They hold a workgroup, ratings and a day, nothing that identifies anyone');
    expect(r.stdout).not.toContain(person.aadObjectId);
    expect(await storage.members.findByAadObjectId(c.id, person.aadObjectId)).toBeUndefined();
    expect(await storage.responses.count({ collaborativeId: c.id, pulseId: closed.id })).toBe(3);
  });

  it('refuses an unknown person, a UPN that is not one, and a missing option: exit 2, nothing changed', async () => {
    const { c } = await seed();
    const before = await allRows();
    expectRefused(run(['forget', '--user', 'nobody@nhs.net', '--collaborative', c.id]), `Nobody with that object id or UPN is on the list of ${c.id}`, 'Nothing was changed.');
    expectRefused(run(['forget', '--user', '6f1d3c2a-8b7e-4c5d-9a0b-1c2d3e4f5a6b', '--collaborative', c.id]), 'Nothing was changed.');
    expectRefused(run(['forget', '--user', 'not-a-upn', '--collaborative', c.id]), '--user must be an Entra object id (a GUID) or a UPN');
    expectRefused(run(['forget', '--user', 'x@nhs.net']), 'forget needs --collaborative ID');
    expectRefused(run(['forget', '--user', 'x@nhs.net', '--collaborative', 'no-such-collaborative']), 'could not be found');
    expect(await allRows()).toEqual(before);
  });
});

describe('rc-pulse delete pulse', () => {
  it('needs --yes, refuses an open pulse, and deletes a closed one with all its rows', async () => {
    const { c, closed, open } = await seed();
    const before = await allRows();
    expectRefused(run(['delete', 'pulse', closed.id, '--collaborative', c.id]), 'add --yes to confirm. Nothing was deleted.');
    expectRefused(run(['delete', 'pulse', open.id, '--collaborative', c.id, '--yes']), `Pulse ${open.id} is still open. Please close it first`);
    expectRefused(run(['delete', 'pulse', 'no-such-pulse', '--collaborative', c.id, '--yes']), 'could not be found');
    expect(await allRows()).toEqual(before);

    const r = run(['delete', 'pulse', closed.id, '--collaborative', c.id, '--yes']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toBe(`Deleted pulse ${closed.id} of ${c.id} and its rows (deliveries 2, submissions 2, responses 3, snapshots 0, jobs 0).\n`);
    const pk = `${c.id}:${closed.id}`;
    expect((await allRows()).filter((row) => row.includes(` ${pk} `) || row.includes(` ${closed.id} `))).toEqual([]);
    expect(await storage.pulses.find(c.id, open.id)).toBeDefined();
    expect((await storage.audit.list(c.id))[0]).toMatchObject({ action: 'pulse.deleted', subject: closed.id, actorId: 'cli', details: { responses: 3 } });
  });
});

describe('rc-pulse audit', () => {
  it('prints the trail as CSV, oldest first, with formulas neutralised, from --since on', async () => {
    const { c, person } = await seed();
    expect(run(['forget', '--user', person.aadObjectId, '--collaborative', c.id]).code).toBe(0);
    const r = run(['audit', '--collaborative', c.id]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const rows = parseCsv(r.stdout).map((x) => x.fields);
    expect(rows[0]).toEqual(['at', 'action', 'subject', 'actor_id', 'actor_name', 'details']);
    expect(rows.slice(1).map((x) => x[1])).toEqual(['pulse.closed', 'person.forgotten']);
    const closedRow = rows.find((x) => x[1] === 'pulse.closed')!;
    // The name someone typed starts like a formula: the cell starts with an apostrophe.
    expect(closedRow[4]).toBe('\'=HYPERLINK("http://x")');
    expect(JSON.parse(closedRow[5]!)).toEqual({ responses: 3 });
    expect(r.stdout).not.toContain(person.aadObjectId);

    const later = run(['audit', '--collaborative', c.id, '--since', '2026-02-01']);
    expect(parseCsv(later.stdout).slice(1).map((x) => x.fields[1])).toEqual(['person.forgotten']);
    expectRefused(run(['audit', '--collaborative', c.id, '--since', '2026-02-30']), '--since (a day as YYYY-MM-DD): that day does not exist');
    expectRefused(run(['audit', '--since', '2026-02-01']), 'audit needs --collaborative ID');
  });
});
