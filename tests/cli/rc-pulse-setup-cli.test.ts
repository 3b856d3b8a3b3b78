import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEFAULT_INSTRUMENT } from '../../src/domain/instrument';
import type { Storage } from '../../src/storage/storage';
import { TEST_HMAC_KEY, testConnectionString, testStorage, uniquePrefix } from '../support/test-storage';

// The set-up commands run as a person runs them: node bin/rc-pulse.js, against the Azurite
// that jest started, with the storage settings in the child's environment. RC_PULSE_ENV_DIR
// points at an empty folder, so a developer's own env/.env.local.user cannot interfere.
jest.setTimeout(60_000);

const ROOT = resolve(__dirname, '../..');
const BIN = join(ROOT, 'bin/rc-pulse.js');
let dir = '';
let prefix = '';
let storage: Storage;

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'dist/src/cli/main.js'))) throw new Error('dist/ is missing: run "npm run build" first');
  dir = mkdtempSync(join(tmpdir(), 'rc-pulse-setup-cli-'));
  prefix = uniquePrefix();
  storage = await testStorage({ prefix });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Env = Record<string, string>;
function run(args: string[], env: Env = {}) {
  const base: Env = {
    PATH: process.env.PATH ?? '',
    STORAGE_CONNECTION_STRING: testConnectionString(),
    STORAGE_NAME_PREFIX: prefix,
    SECRET_LEDGER_HMAC_KEY: TEST_HMAC_KEY,
    RC_PULSE_ENV_DIR: dir,
  };
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', timeout: 30_000, env: { ...base, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function file(name: string, content: string): string {
  writeFileSync(join(dir, name), content);
  return name;
}

/** Exit 2, nothing on stdout, every line on stderr starting "rc-pulse: ", no stack. */
function expectRefused(r: ReturnType<typeof run>, ...fragments: string[]): void {
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(/^(rc-pulse: [^\n]+\n)+$/);
  expect(r.stderr).not.toMatch(/\bat .+:\d+:\d+/);
  for (const f of fragments) expect(r.stderr).toContain(f);
  expect(r.code).toBe(2);
}

describe('rc-pulse set-up commands against storage', () => {
  it('seeds the demo once; a second run changes nothing; show prints it', () => {
    const first = run(['seed', 'demo']);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toMatch(/^The demo collaborative yorkshire-humber-pmh is ready \(written now: 7 organisations, 7 workgroups, \d+ members, 2 closed pulses/);
    expect(run(['seed', 'demo']).stdout).toBe('The demo collaborative yorkshire-humber-pmh was already in place; nothing was changed.\n');

    const shown = run(['collaborative', 'show', 'yorkshire-humber-pmh']);
    expect(shown.code).toBe(0);
    const parsed = JSON.parse(shown.stdout);
    expect(parsed.collaborative).toMatchObject({ id: 'yorkshire-humber-pmh', k: 5, minItems: 4, instrument: { id: 'rc7' } });
    expect(parsed.organisations).toHaveLength(7);
    expect(parsed.workgroups).toHaveLength(7);
    expect(parsed.workgroups).toContainEqual(expect.objectContaining({ id: 'families', name: 'Families' }));
    expect(parsed.members.installed).toBe(0);
  });

  it('exports a pulse as the score CSV, to the screen or a file, and score reads it', () => {
    const shown = run(['export', 'responses', '--pulse', 'demo-baseline-2024']);
    expect(shown.code).toBe(0);
    expect(shown.stdout.startsWith('respondent,workgroup,target,dimension,score\r\n')).toBe(true);
    // The baseline's 4 commissioners are below k; the next smallest group is pooled with them.
    expect(shown.stderr).toMatch(/^rc-pulse: 9 respondents from workgroups too small to show apart .* are shown as "Other groups"; none are left out.\n$/);
    const written = run(['export', 'responses', '--pulse', 'demo-baseline-2024', '--collaborative', 'yorkshire-humber-pmh', '--out', 'baseline.csv']);
    expect(written.stdout).toMatch(/^Wrote the answers of \d+ respondents to pulse demo-baseline-2024 to baseline.csv.\n$/);
    const scored = run(['score', 'baseline.csv']);
    expect(scored.code).toBe(0);
    expect(JSON.parse(scored.stdout).respondents).toBe(Number(/of (\d+) respondents/.exec(written.stdout)![1]));
    expectRefused(run(['export', 'responses', '--pulse', 'no-such-pulse']), 'The pulse "no-such-pulse" could not be found');
  });

  it('creates a collaborative, changes its settings, and explains settings out of range', () => {
    const created = run(['collaborative', 'create', '--name', 'CLI Test Collaborative', '--focal-process', 'discharge from the MBU', '--k', '6']);
    expect(created.stderr).toBe('');
    expect(JSON.parse(created.stdout)).toMatchObject({ id: 'cli-test-collaborative', k: 6, minItems: 4 });
    const facilitator = '6F1D3C2A-8B7E-4C5D-9A0B-1C2D3E4F5A6B';
    const changed = run(['collaborative', 'set', 'cli-test-collaborative', '--min-items', '5', '--facilitator', facilitator]);
    expect(JSON.parse(changed.stdout)).toMatchObject({ k: 6, minItems: 5, facilitatorIds: [facilitator.toLowerCase()] });

    expectRefused(run(['collaborative', 'set', 'cli-test-collaborative', '--k', '2']), '--k must be a whole number from 3 to 25');
    expectRefused(run(['collaborative', 'set', 'nobody-has-this', '--k', '7']), 'The collaborative "nobody-has-this" could not be found');
  });

  it('sets workgroups and organisations from arguments or a file, then imports a roster and re-imports it as updates', async () => {
    const orgs = run(['organisations', 'set', 'cli-test-collaborative', 'lypft=Leeds and York Partnership NHS Foundation Trust', 'humber=Humber Teaching NHS Foundation Trust']);
    expect(orgs.stdout).toContain('Changes: added lypft, humber.');
    const groups = run(['workgroups', 'set', 'cli-test-collaborative', '--file', file('groups.csv', 'name\nMBU nursing\n"Maternity, obstetrics"\n')]);
    expect(groups.stdout).toBe(
      'The workgroups of cli-test-collaborative are now:\n  mbu-nursing           MBU nursing\n  maternity-obstetrics  Maternity, obstetrics\nChanges: added mbu-nursing, maternity-obstetrics.\n',
    );
    const roster = file('staff.csv', 'name,email,organisation,workgroup\nAisha Khan,aisha.khan@nhs.net,lypft,MBU nursing\nBen Barker,ben.barker@nhs.net,humber,"Maternity, obstetrics"\n');
    expect(run(['roster', 'import', roster, '--collaborative', 'cli-test-collaborative']).stdout).toBe(
      'Imported staff.csv into cli-test-collaborative: 2 people (2 added, 0 updated, 0 unchanged).\n',
    );
    const again = file('staff-2.csv', 'name,email,organisation,workgroup\nAisha Khan,AISHA.KHAN@nhs.net,lypft,Maternity obstetrics\n'.replace('Maternity obstetrics', '"Maternity, obstetrics"'));
    expect(run(['roster', 'import', again, '--collaborative', 'cli-test-collaborative']).stdout).toContain('(0 added, 1 updated, 0 unchanged)');
    expect((await storage.members.list('cli-test-collaborative')).map((m) => [m.email, m.workgroupId]).sort()).toEqual([
      ['aisha.khan@nhs.net', 'maternity-obstetrics'], ['ben.barker@nhs.net', 'maternity-obstetrics'],
    ]);
  });

  it('refuses a roster with bad lines: exit 2, one line per bad line with its column, nothing stored', async () => {
    run(['collaborative', 'create', '--id', 'cli-roster', '--name', 'Roster', '--focal-process', 'admission']);
    run(['organisations', 'set', 'cli-roster', 'lypft=Leeds and York Partnership NHS Foundation Trust']);
    run(['workgroups', 'set', 'cli-roster', 'MBU nursing']);
    const bad = file('bad.csv', [
      'name,email,organisation,workgroup',
      'Aisha Khan,aisha.khan@nhs.net,lypft,MBU nursing',
      'Ben Barker,not-an-address,lypft,MBU nursing',
      'Chloe Clarke,chloe@nhs.net,Unknown Trust,Astronauts',
      'Dan Dawson,dan@nhs.net,lypft',
      '',
    ].join('\n'));
    const r = run(['roster', 'import', bad, '--collaborative', 'cli-roster']);
    expectRefused(r);
    expect(r.stderr.split('\n')).toEqual([
      'rc-pulse: bad.csv line 3, column 2 (email): "not-an-address" is not an e-mail address or user principal name (name@organisation)',
      'rc-pulse: bad.csv line 4, column 3 (organisation): "Unknown Trust" is not a partner organisation of this collaborative; column 4 (workgroup): "Astronauts" is not a workgroup of this collaborative',
      'rc-pulse: bad.csv line 5: expected 4 values, found 3',
      'rc-pulse: nothing was imported; please correct the 3 lines above and import the file again',
      '',
    ]);
    expect(await storage.members.list('cli-roster')).toEqual([]);
    expectRefused(run(['roster', 'import', 'missing.csv', '--collaborative', 'cli-roster']), 'cannot read missing.csv: there is no such file');
  });
});

describe("a collaborative's licensed item wording", () => {
  const licensed = () => {
    const instrument = structuredClone(DEFAULT_INSTRUMENT);
    instrument.id = 'licensed-2026';
    instrument.name = 'RC Survey (licensed wording)';
    instrument.items.timely.stem = 'Licensed wording: timely communication about {process}?';
    return instrument;
  };

  it('is loaded from a JSON file with collaborative set --instrument, and recorded in the audit', async () => {
    run(['seed', 'demo']);
    const r = run(['collaborative', 'set', 'yorkshire-humber-pmh', '--instrument', file('licensed.json', JSON.stringify(licensed()))]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(r.stdout).instrument).toEqual({ id: 'licensed-2026', name: 'RC Survey (licensed wording)' });
    const stored = await storage.collaboratives.get('yorkshire-humber-pmh');
    expect(stored.value.instrument.items.timely.stem).toBe('Licensed wording: timely communication about {process}?');
    const audit = await storage.audit.list('yorkshire-humber-pmh');
    expect(JSON.stringify(audit)).toContain('licensed-2026 (RC Survey (licensed wording))');
  });

  it('refuses a file that changes the dimensions or scores, and keeps the wording in use', async () => {
    const before = (await storage.collaboratives.get('yorkshire-humber-pmh')).value.instrument;
    const broken = licensed() as unknown as { items: Record<string, unknown> };
    delete broken.items.mutual_respect;
    expectRefused(run(['collaborative', 'set', 'yorkshire-humber-pmh', '--instrument', file('broken.json', JSON.stringify(broken))]), 'broken.json', 'mutual_respect');
    expectRefused(run(['collaborative', 'set', 'yorkshire-humber-pmh', '--instrument', file('not-json.json', '{ nope')]), 'not-json.json is not valid JSON');
    expect((await storage.collaboratives.get('yorkshire-humber-pmh')).value.instrument).toEqual(before);
  });
});

describe('rc-pulse set-up commands: settings and storage', () => {
  it('reads the settings files, the environment winning over them', () => {
    const envDir = mkdtempSync(join(dir, 'env-'));
    writeFileSync(join(envDir, '.env.local'), `STORAGE_NAME_PREFIX=bad-prefix!\nSTORAGE_CONNECTION_STRING=${testConnectionString()}\n`);
    writeFileSync(join(envDir, '.env.local.user'), `SECRET_LEDGER_HMAC_KEY=${TEST_HMAC_KEY}\n`);
    const r = spawnSync(process.execPath, [BIN, 'seed', 'demo'], {
      cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', RC_PULSE_ENV_DIR: envDir, STORAGE_NAME_PREFIX: prefix },
    });
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('already in place');
  });

  it('names every bad setting (exit 2) and says plainly when storage cannot be reached (exit 1)', () => {
    const bad = run(['seed', 'demo'], { SECRET_LEDGER_HMAC_KEY: 'short', STORAGE_NAME_PREFIX: '1st' });
    expect(bad.code).toBe(2);
    expect(bad.stderr.split('\n')).toEqual([
      'rc-pulse: the storage settings are not valid (from the environment, env/.env.local and env/.env.local.user):',
      'rc-pulse:   - SECRET_LEDGER_HMAC_KEY: must be at least 32 characters long',
      'rc-pulse:   - STORAGE_NAME_PREFIX: must be 1 to 30 letters and digits, starting with a letter',
      '',
    ]);
    const closed = testConnectionString().replace(/TableEndpoint=http:\/\/127\.0\.0\.1:\d+/, 'TableEndpoint=http://127.0.0.1:9');
    const down = run(['collaborative', 'show', 'yorkshire-humber-pmh'], { STORAGE_CONNECTION_STRING: closed });
    expect(down).toMatchObject({ code: 1, stdout: '' });
    expect(down.stderr).toBe('rc-pulse: cannot reach storage at http://127.0.0.1:9/devstoreaccount1: is Azurite running? npm start starts it\n');
  });

  it('prints help with an example, without needing storage', () => {
    const r = run(['roster', 'import', '--help'], { STORAGE_CONNECTION_STRING: '' });
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/Example:\n {2}rc-pulse roster import staff.csv --collaborative yorkshire-humber-pmh\n/);
    expect(readFileSync(join(dir, 'baseline.csv'), 'utf8').length).toBeGreaterThan(0);
  });
});
