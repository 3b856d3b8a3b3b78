import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateRatingsCsv } from '../bench/generate-ratings';
import { parseCsv } from '../../src/domain/csv';
import type { Response } from '../../src/domain/model/response';
import { randomKey } from '../../src/storage/keys/key-rules';
import { aCollaborative, aPulse, CREATED_AT } from '../support/fixtures';
import { TEST_HMAC_KEY, testConnectionString, testStorage, uniquePrefix } from '../support/test-storage';

// These tests run the real command, as a user would: node bin/rc-pulse.js, on files in a
// temporary folder, and look only at the exit code, stdout and stderr.
const ROOT = resolve(__dirname, '../..');
const BIN = join(ROOT, 'bin/rc-pulse.js');
const HEADER = 'respondent,workgroup,target,dimension,score\n';
const DIMS = ['frequent', 'timely', 'accurate', 'problem_solving', 'shared_goals', 'shared_knowledge', 'mutual_respect'];
/** Student t quantiles t(0.975, df): df 2 has a closed form; df 5 from tables. */
const T975 = { 2: 0.95 / Math.sqrt(2 * 0.975 * 0.025), 5: 2.570581835636314 };

let dir = '';

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist/src/cli/main.js'))) {
    throw new Error('dist/ is missing: run "npm run build" first (npm test builds before running jest)');
  }
  dir = mkdtempSync(join(tmpdir(), 'rc-pulse-cli-'));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function run(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function file(name: string, content: string | Buffer): string {
  writeFileSync(join(dir, name), content);
  return name;
}

/** Seven lines: one respondent's ratings of one target, `null` for no answer. */
function rates(respondent: string, own: string, target: string, scores: (number | null)[]): string {
  return DIMS.map((d, i) => `${respondent},${own},${target},${d},${scores[i] ?? ''}\n`).join('');
}
const all = (s: number) => Array<number>(7).fill(s);

/** The command reads 1 MiB at a time; blank lines move `bytes` to straddle the first boundary. */
const CHUNK = 1 << 20;
const BLANK = `${' '.repeat(999)}\n`;
const BOUNDARY_LINE = 2 + Math.ceil((CHUNK - 1 - HEADER.length - 'r0,Caf'.length) / BLANK.length);

function acrossChunks(before: string, bytes: Buffer, after: string): Buffer {
  const fill = CHUNK - 1 - HEADER.length - before.length;
  const rest = fill % BLANK.length;
  const blank = BLANK.repeat(Math.floor(fill / BLANK.length)) + (rest > 0 ? `${' '.repeat(rest - 1)}\n` : '');
  return Buffer.concat([Buffer.from(HEADER + blank + before), bytes, Buffer.from(after)]);
}

/** Exit code 2, nothing on stdout, one line on stderr with every fragment, no stack. */
function expectBadInput(r: ReturnType<typeof run>, ...fragments: string[]): void {
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(/^rc-pulse: [^\n]+\n$/);
  expect(r.stderr).not.toMatch(/\bat .+:\d+:\d+/);
  for (const f of fragments) expect(r.stderr).toContain(f);
  expect(r.code).toBe(2);
}

const M = 'Mother and baby unit';
const C = 'Community perinatal team';
// Six respondents, three per workgroup; b3 gives only three answers about M, fewer than
// minItems (4), so RC(b3, M) is not defined.
const SMALL = HEADER
  + rates('a1', M, C, all(4)) + rates('a1', M, M, all(5))
  + rates('a2', M, C, all(5)) + rates('a2', M, M, all(5))
  + rates('a3', M, C, all(3)) + rates('a3', M, M, [4, 4, 4, 4, null, null, null])
  + rates('b1', C, M, all(2)) + rates('b1', C, C, all(4))
  + rates('b2', C, M, all(3)) + rates('b2', C, C, all(4))
  + rates('b3', C, M, [2, 2, 2, null, null, null, null]) + rates('b3', C, C, all(5));

describe('rc-pulse score on a valid file', () => {
  it('prints the report of the measurement contract with the figures worked out by hand', () => {
    const r = run('score', file('small.csv', SMALL), '--k', '3');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(Object.keys(report)).toEqual(
      ['k', 'minItems', 'respondents', 'overall', 'overallBetween', 'dimensions', 'indices', 'ties', 'workgroups', 'alpha']);
    expect(report).toMatchObject({ k: 3, minItems: 4, respondents: 6 });
    expect(Object.keys(report.dimensions)).toEqual(DIMS);
    expect(Object.keys(report.indices)).toEqual(['communication', 'relationship']);

    // RC_all per respondent: a1 4.5, a2 5, a3 3.5, b1 3, b2 3.5, b3 5 (only C counts).
    const values = [4.5, 5, 3.5, 3, 3.5, 5];
    const mean = 24.5 / 6;
    const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / 5);
    const half = (T975[5] * sd) / Math.sqrt(6);
    expect(report.overall.mean).toBeCloseTo(mean, 12);
    expect(report.overall.n).toBe(6);
    expect(report.overall.ci95[0]).toBeCloseTo(mean - half, 8);
    expect(report.overall.ci95[1]).toBeCloseTo(mean + half, 8);
    expect(report.overall).toMatchObject({ band: 'strong', suppressed: false });

    // M -> C: a1 4, a2 5, a3 3: mean 4, s 1.
    const mc = report.ties.find((t: { from: string; to: string }) => t.from === M && t.to === C);
    expect(mc).toMatchObject({ mean: 4, n: 3, band: 'strong', suppressed: false });
    expect(mc.ci95[0]).toBeCloseTo(4 - T975[2] / Math.sqrt(3), 12);
    expect(mc.ci95[1]).toBeCloseTo(4 + T975[2] / Math.sqrt(3), 12);
    // C -> M: only b1 and b2 have RC defined, fewer than k = 3: nothing about them is shown.
    const cm = report.ties.find((t: { from: string; to: string }) => t.from === C && t.to === M);
    expect(cm).toMatchObject({ mean: null, n: null, ci95: null, suppressed: true });

    // frequent, D(i, d) over targets: 4.5, 5, 3.5, 3, 3.5, 3.5.
    expect(report.dimensions.frequent.mean).toBeCloseTo(23 / 6, 12);
    expect(report.dimensions.frequent.n).toBe(6);
  });

  it('reads the same figures from a file with a byte order mark and CRLF line ends', () => {
    const plain = run('score', 'small.csv', '--k', '3');
    const bom = run('score', file('bom.csv', `\uFEFF${SMALL.replace(/\n/g, '\r\n')}`), '--k=3');
    expect(bom.code).toBe(0);
    expect(bom.stderr).toBe('');
    expect(bom.stdout).toBe(plain.stdout);
  });

  it('reads a character split across two read chunks', () => {
    const content = acrossChunks('r0,Caf', Buffer.from('é'), ',A,frequent,4\n');
    const r = run('score', file('split.csv', content), '--k', '3');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).respondents).toBe(1);
  });

  it('compares two pulses and prints the changes', () => {
    const r = run('compare', 'small.csv', 'bom.csv', '--k', '3', '--min-items', '4');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ k: 3, minItems: 4, respondents: { before: 6, after: 6 } });
    expect(report.overall).toMatchObject({ difference: 0, suppressed: false });
  });
});

describe('rc-pulse on bad input', () => {
  const cases: [string, string | Buffer, string[]][] = [
    ['a file without a header', 'r1,A,B,frequent,5\n', ['headerless.csv line 1, column 1:', 'must be the header']],
    ['an unclosed quote', `${HEADER}r1,A,B,frequent,5\nr1,"A,B,timely,4\nr2,A,B,timely,4\n`, ['quote.csv line 3, column 2 (workgroup):', 'never closed']],
    ['an empty file', '', ['empty.csv line 1, column 1:', 'the file is empty; it needs a header line: respondent,workgroup,target,dimension,score']],
    ['an unknown dimension', `${HEADER}r1,A,B,friendliness,5\n`, ['dimension.csv line 2, column 4 (dimension):', 'unknown dimension "friendliness"']],
    ['a score of 0', `${HEADER}r1,A,B,frequent,0\n`, ['zero.csv line 2, column 5 (score): score "0" is not a whole number from 1 to 5']],
    ['a score of 6', `${HEADER}r1,A,B,frequent,4\r\nr1,A,B,timely,6\r\n`, ['six.csv line 3, column 5 (score): score "6" is not a whole number from 1 to 5 (or empty for no answer)']],
    ['a score of 3.5', `${HEADER}r1,A,B,frequent,3.5\n`, ['half.csv line 2, column 5 (score): score "3.5"']],
    ['a quoted score with a line break', `${HEADER}r1,A,B,frequent,"4\n5"\n`, ['linebreak.csv line 2, column 5 (score): score "4\\n5"']],
    ['a respondent in two workgroups', `${HEADER}r1,A,B,frequent,4\nr1,B,B,timely,4\n`, ['two-groups.csv line 3, column 2 (workgroup):', 'a respondent belongs to one workgroup']],
    ['a repeated rating', `${HEADER}r1,A,B,frequent,4\n\nr1,A,B,frequent,5\n`, ['duplicate.csv line 4, column 4 (dimension):', 'already rated "B" on frequent']],
    ['text that is not UTF-8', Buffer.concat([Buffer.from(`${HEADER}r1,A,B,frequent,4\nr2,Caf`), Buffer.from([0xe9]), Buffer.from(',B,timely,3\n')]),
      ['latin1.csv line 3, column 2 (workgroup):', 'not UTF-8 text here (byte 0xE9)']],
  ];

  it.each(cases)('reports %s on one line with the line and column', (_what, content, fragments) => {
    const name = fragments[0]!.split(' ')[0]!;
    expectBadInput(run('score', file(name, content)), ...fragments);
  });

  it('reports a bad byte just after a read chunk boundary at the right line', () => {
    const content = acrossChunks('r0,Caf', Buffer.from([0xc3, 0x28]), ',A,frequent,4\n');
    expectBadInput(run('score', file('boundary.csv', content)), `boundary.csv line ${BOUNDARY_LINE}, column 2 (workgroup):`, 'byte 0xC3');
  });

  it('says when the file does not exist or is a folder', () => {
    expectBadInput(run('score', 'missing.csv'), 'cannot read missing.csv: there is no such file');
    mkdirSync(join(dir, 'folder.csv'));
    expectBadInput(run('score', 'folder.csv'), 'cannot read folder.csv: it is a folder, not a file');
  });

  it('names the file at fault when comparing', () => {
    expectBadInput(run('compare', 'small.csv', 'zero.csv', '--k', '3'), 'zero.csv line 2, column 5 (score)');
  });

  it('stops early on a 200 MB file with no line breaks', () => {
    const fd = openSync(join(dir, 'one-line.csv'), 'w');
    writeSync(fd, HEADER);
    const block = Buffer.alloc(1 << 20, 'x');
    for (let i = 0; i < 200; i++) writeSync(fd, block);
    closeSync(fd);
    const started = Date.now();
    expectBadInput(run('score', 'one-line.csv'), 'one-line.csv line 2, column 1 (respondent):', 'longer than 65,536 characters');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('finds a bad line at the end of a 200 MB file', () => {
    // 3.15 million distinct ratings: one generated block of 1,000 respondents written 30
    // times with different respondent ids (generating it all here would be slow under jest).
    let block = '';
    const blockLines = generateRatingsCsv({ respondents: 1_000, seed: 7, idPrefix: 'r@@', header: false }, (c) => { block += c; });
    const fd = openSync(join(dir, 'big.csv'), 'w');
    writeSync(fd, HEADER);
    for (let copy = 0; copy < 30; copy++) writeSync(fd, block.replaceAll('r@@', `r${String(copy).padStart(2, '0')}`));
    writeSync(fd, 'r000001,Pharmacy,Pharmacy,frequent,9\n');
    closeSync(fd);
    expectBadInput(run('score', 'big.csv'), `big.csv line ${30 * blockLines + 2}, column 5 (score): score "9"`);
  }, 30_000);
});

describe('rc-pulse help and command line', () => {
  it.each([['--help'], ['score', '--help'], ['compare', '--help']])('prints help with an example for %s', (...args) => {
    const r = run(...args);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/Usage:/);
    expect(r.stdout).toMatch(/Example:\n {2}rc-pulse (score|compare) /);
  });

  it('explains an unknown command, a missing file name and an option out of range', () => {
    expectBadInput(run('scroe', 'x.csv'), 'unknown command "scroe"', 'rc-pulse --help');
    expectBadInput(run('score'), 'score needs one CSV file');
    expectBadInput(run('score', 'small.csv', '--k', '2'), '--k must be a whole number from 3 to 25');
    expectBadInput(run('score', 'small.csv', '--min-items', '8'), '--min-items must be a whole number from 1 to 7');
    expectBadInput(run('score', 'small.csv', '--colour'), 'unknown option "--colour"');
  });
});

describe('rc-pulse export responses with workgroup names that look like formulas', () => {
  // Names a spreadsheet would run as formulas, and one that already starts with the guard.
  const NAMES = ['=HYPERLINK("https://evil.example","x")', '+SUM(1,2)', '-2+3', '@cmd|/c calc', "'=already guarded"];

  it('writes every name as text, and score reads the file back to exactly those names and figures', async () => {
    const prefix = uniquePrefix();
    const storage = await testStorage({ prefix });
    const collaborativeId = 'hostile-names';
    const groups = NAMES.map((_, i) => `group-${i + 1}`);
    await storage.workgroups.upsertMany(groups.map((id, i) => ({ collaborativeId, id, name: NAMES[i]! })));
    // Five respondents per group, all rating every group 4 on every dimension.
    const ratings = Object.fromEntries(groups.map((t) => [t, Object.fromEntries(DIMS.map((d) => [d, 4]))]));
    const responses = groups.flatMap((own) => Array.from({ length: 5 }, () => ({ collaborativeId, pulseId: 'closed', respondentWorkgroupId: own, ratings, day: '2024-05-01' }) as Response));
    await storage.responses.writeReleased(responses.map((response) => ({ releasedAs: randomKey(), response })));
    await storage.pulses.create(aPulse(collaborativeId, { id: 'closed', targetWorkgroupIds: groups, status: 'closed', openedAt: CREATED_AT, closedAt: '2024-05-02T17:00:00.000Z', figuresFinalAt: '2024-05-02T17:00:05.000Z' }));
    await storage.collaboratives.create(aCollaborative({ id: collaborativeId }));

    const env = { PATH: process.env.PATH ?? '', STORAGE_CONNECTION_STRING: testConnectionString(), STORAGE_NAME_PREFIX: prefix, SECRET_LEDGER_HMAC_KEY: TEST_HMAC_KEY, RC_PULSE_ENV_DIR: dir };
    const exported = spawnSync(process.execPath, [BIN, 'export', 'responses', '--pulse', 'closed', '--collaborative', collaborativeId, '--out', 'hostile.csv'], { cwd: dir, env, encoding: 'utf8', timeout: 60_000 });
    expect([exported.status, exported.stderr]).toEqual([0, 'rc-pulse: every workgroup in the export has at least 5 respondents, so none are pooled or left out.\n']);
    const cells = parseCsv(readFileSync(join(dir, 'hostile.csv'), 'utf8')).flatMap((r) => r.fields);
    expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
    for (const name of NAMES) expect(cells).toContain(`'${name}`);

    const scored = run('score', 'hostile.csv');
    expect([scored.code, scored.stderr]).toEqual([0, '']);
    const report = JSON.parse(scored.stdout) as { respondents: number; workgroups: { workgroup: string }[]; ties: { from: string; to: string; mean: number }[] };
    expect(report.respondents).toBe(5 * NAMES.length);
    expect(report.workgroups.map((w) => w.workgroup).sort()).toEqual([...NAMES].sort());
    expect(new Set(report.ties.flatMap((t) => [t.from, t.to]))).toEqual(new Set(NAMES));
    expect(report.ties.every((t) => t.mean === 4)).toBe(true);
  }, 60_000);
});
