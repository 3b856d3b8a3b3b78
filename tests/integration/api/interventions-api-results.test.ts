import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_FACILITATOR_AAD_ID, DEMO_TENANT_ID } from '../../../src/app/demo/demo-data';
import { DEMO_COLLABORATIVE_ID, seedDemo } from '../../../src/app/demo/seed-demo';
import { exportResponses } from '../../../src/app/export/export-responses';
import { main } from '../../../src/cli/main';
import { allImpactsSchema, interventionImpactSchema, talkItThroughSchema } from '../../../src/contract/interventions-contract';
import type { CompareReport } from '../../../src/domain/change';
import { parseCsv } from '../../../src/domain/csv';
import { LEARNING_CSV_HEADER } from '../../../src/domain/learning-csv';
import { aPulse } from '../../support/fixtures';
import { testStorage } from '../../support/test-storage';
import { pulseWith, responsesOf, startSeededApi, type SeededApi } from './api-fixtures';
import { startApi, startKeyServer, type ApiHarness, type Json, type KeyServer } from './api-harness';

jest.setTimeout(90_000);

/**
 * What the tracker reads back through HTTP: impact (equal to `rc-pulse compare` on the two
 * pulses' exports), "Talk it through" (closed pulses only) and the learning export (nothing
 * from fewer than k people, in plain words).
 */

const get = async (url: string, token: string) => {
  const res = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
  const text = await res.text();
  let body: Json;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, body, text, headers: res.headers };
};

describe('impact and Talk it through on the demo', () => {
  let keys: KeyServer;
  let api: ApiHarness;
  let token: string;
  let printed: CompareReport;
  let dir = '';
  beforeAll(async () => {
    const storage = await testStorage();
    const deps = { storage, clock: () => new Date('2024-11-01T09:00:00.000Z'), actor: { id: 'cli', name: 'Seed' } };
    await seedDemo(deps);
    dir = await mkdtemp(join(tmpdir(), 'rc-iv-api-'));
    const files: string[] = [];
    for (const pulseId of ['demo-baseline-2024', 'demo-repeat-2024']) {
      files.push(join(dir, `${pulseId}.csv`));
      await writeFile(files.at(-1)!, (await exportResponses(deps, { collaborativeId: DEMO_COLLABORATIVE_ID, pulseId })).csv);
    }
    const out: string[] = [];
    expect(await main(['compare', ...files, '--k', '5', '--min-items', '4'], { stdout: (t) => void out.push(t), stderr: () => undefined })).toBe(0);
    printed = JSON.parse(out.join('')) as CompareReport;
    keys = await startKeyServer();
    api = await startApi({ storage, keys });
    token = await keys.sign({ oid: DEMO_FACILITATOR_AAD_ID, tid: DEMO_TENANT_ID, name: 'Demo Facilitator' });
  });
  afterAll(async () => {
    api?.stop();
    await keys?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  const base = () => `${api.url}/api/collaboratives/${DEMO_COLLABORATIVE_ID}`;

  it('gives each intervention’s impact on the ties it targets with the figures rc-pulse compare prints', async () => {
    const all = allImpactsSchema.parse((await get(`${base()}/interventions/impact`, token)).body);
    expect(all.interventions).toHaveLength(3);
    expect(all.ties.length).toBeGreaterThan(0);
    for (const summary of all.interventions) {
      const one = await get(`${base()}/interventions/${summary.intervention.id}/impact`, token);
      const result = interventionImpactSchema.parse(one.body);
      expect(result).toEqual(summary);
      if (!result.measured) throw new Error(`${result.intervention.title} was not measured`);
      expect(result).toMatchObject({ before: { id: 'demo-baseline-2024' }, after: { id: 'demo-repeat-2024' } });
      for (const t of result.impact.ties) {
        const tie = printed.ties.find((p) => p.from === t.tie.fromName && p.to === t.tie.toName)!;
        if (t.rc.suppressed) {
          expect(tie.suppressed).toBe(true);
          continue;
        }
        expect(t.rc.verdict).toBe(tie.verdict);
        expect(t.rc.difference).toBeCloseTo(tie.difference!, 9);
        expect(t.rc.after.n).toBe(tie.after.n);
        t.rc.ci95!.forEach((x, i) => expect(x).toBeCloseTo(tie.ci95![i]!, 9));
      }
    }
  });

  it('talks the repeat pulse through, with what clearly changed since the baseline', async () => {
    const res = await get(`${base()}/pulses/demo-repeat-2024/talk-it-through`, token);
    expect(res.status).toBe(200);
    const talk = talkItThroughSchema.parse(res.body);
    expect(talk).toMatchObject({ pulse: { id: 'demo-repeat-2024' }, comparedWith: { id: 'demo-baseline-2024' }, k: 5 });
    const kinds = talk.view.steps.map((s) => s.kind);
    expect(kinds[0]).toBe('intro');
    expect(kinds.at(-1)).toBe('closing');
    expect(kinds).toContain('weak_tie');
    const changes = talk.view.steps.flatMap((s) => (s.kind === 'change' && s.subject.type === 'overall' ? [s] : []));
    for (const c of changes) expect(c.difference).toBeCloseTo(printed.overall.difference!, 9);
  });
});

describe('Talk it through and the learning export on the test collaborative', () => {
  let world: SeededApi;
  let facilitator: string;
  let viewer: string;
  const base = () => `${world.api.url}/api/collaboratives/${world.seeded.collaborativeId}`;
  beforeAll(async () => {
    world = await startSeededApi();
    facilitator = await world.keys.sign({ oid: world.seeded.people.facilitator.oid, name: 'Fay Facilitator' });
    viewer = await world.keys.sign({ oid: world.seeded.people.viewer.oid, name: 'Vera Viewer' });
  });
  afterAll(() => world.stop());

  it('refuses Talk it through while a pulse is open (409) and when too few answered', async () => {
    const open = await get(`${base()}/pulses/${world.seeded.pulses.open}/talk-it-through`, viewer);
    expect(open.status).toBe(409);
    expect(open.body).toMatchObject({ code: 'pulse_open', message: expect.stringMatching(/still open/) });
    expect((await get(`${base()}/pulses/${world.seeded.pulses.empty}/talk-it-through`, viewer)).status).toBe(409);
    expect((await get(`${base()}/pulses/${world.seeded.pulses.baseline}/talk-it-through`, viewer)).status).toBe(200);
  });

  it('exports what was learnt with no figure from fewer than k people, and reads as plain English', async () => {
    const id = world.seeded.collaborativeId;
    const groups = { mbu: 8, community: 8, maternity: 8, visiting: 8 };
    const scope = (pulseId: string) => ({ collaborativeId: id, pulseId });
    const closed = (pulseId: string, openedAt: string, closedAt: string) =>
      aPulse(id, { id: pulseId, title: pulseId === 'lx-before' ? 'Winter pulse' : 'Autumn pulse', targetWorkgroupIds: ['mbu', 'community', 'maternity', 'visiting'], status: 'closed', openedAt, closedAt });
    await pulseWith(world.api.storage, closed('lx-before', '2024-01-10T09:00:00.000Z', '2024-01-31T17:00:00.000Z'), responsesOf(scope('lx-before'), groups, () => 3));
    // Health visiting: two people only, who rate the unit 1: no figure of theirs may appear.
    await pulseWith(
      world.api.storage,
      closed('lx-after', '2024-09-01T09:00:00.000Z', '2024-09-30T17:00:00.000Z'),
      responsesOf(scope('lx-after'), { ...groups, visiting: 2 }, (own) => (own === 'visiting' ? 1 : 4)),
    );
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${base()}${path}`, { method: path.includes('/updates') ? 'POST' : headers['If-Match'] ? 'PATCH' : 'POST', headers: { Authorization: `Bearer ${facilitator}`, 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) }).then(async (r) => ({ status: r.status, body: (await r.json()) as Json }));
    const made = await post('/interventions', {
      title: 'Visiting and the unit meet monthly',
      description: 'A monthly half hour between health visitors and the unit.',
      kind: 'relational',
      catalogueId: 'shared-knowledge',
      ties: [{ from: 'visiting', to: 'mbu' }, { from: 'mbu', to: 'community' }],
      dimensions: ['timely'],
      ownerIds: [world.seeded.people.facilitator.oid],
      status: 'agreed',
      startOn: '2024-03-01',
    });
    expect(made.status).toBe(201);
    const started = await post(`/interventions/${made.body.id}`, { status: 'in_progress' }, { 'If-Match': made.body.etag });
    expect(started.status).toBe(200);
    expect((await post(`/interventions/${made.body.id}/updates`, { text: '=SUM(A1) was on the agenda of the first meeting.' })).status).toBe(201);

    const csv = await get(`${base()}/export/learning.csv`, viewer);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const records = parseCsv(csv.text);
    expect(records[0]!.fields).toEqual([...LEARNING_CSV_HEADER]);
    const rows = records.slice(1).map((r) => Object.fromEntries(LEARNING_CSV_HEADER.map((h, i) => [h, r.fields[i]!])));
    const impact = rows.filter((r) => r.section === 'impact' && r.intervention === 'Visiting and the unit meet monthly');
    const fromVisiting = impact.find((r) => r.ties === 'Health visiting → Mother and baby unit')!;
    expect(fromVisiting).toMatchObject({ before: '', after: '', difference: '', verdict: '', note: 'fewer than 5 responses on one side' });
    const fromUnit = impact.find((r) => r.ties === 'Mother and baby unit → Community perinatal team')!;
    expect(fromUnit).toMatchObject({ pulse: 'lx-before to lx-after', verdict: 'improved' });
    expect(Number(fromUnit.after)).toBeGreaterThan(4);
    // The two health visitors' mean (1.0714...) is in no cell: every other figure ends in .07 above 3.
    for (const r of rows) for (const v of Object.values(r)) expect(v).not.toMatch(/^1\.07/);
    // A note that starts like a formula is written as text (a leading apostrophe), never run.
    expect(rows.find((r) => r.section === 'update' && r.note!.includes('SUM'))?.note).toBe("'=SUM(A1) was on the agenda of the first meeting.");
    expect(csv.text).not.toMatch(/(^|,)=SUM/m);
    for (const r of rows.filter((x) => x.section === 'result' && x.pulse === 'empty')) expect(r).toMatchObject({ mean: '', n: '', note: 'nobody answered' });
    expect(csv.text).not.toContain('Fay Facilitator');

    const md = await get(`${base()}/export/learning.md`, viewer);
    expect(md.status).toBe(200);
    expect(md.headers.get('content-type')).toMatch(/^text\/markdown/);
    expect(md.text).toMatch(/^# What we learnt: /);
    expect(md.text).toContain('## Results over time');
    expect(md.text).toContain('### Autumn pulse, closed Monday 30 September 2024');
    expect(md.text).toContain('- Health visiting → Mother and baby unit: not shown: fewer than 5 responses on one side');
    expect(md.text).toMatch(/- Mother and baby unit → Community perinatal team: improved \(from 3\.\d\d to 4\.\d\d, a change of \+/);
    expect(md.text).toContain('- Kind: relational (Build shared knowledge)');
    expect(md.text).not.toContain('1.07');
    expect(md.text).not.toContain('Fay Facilitator');
    const audit = await world.api.storage.audit.list(id);
    expect(audit.filter((a) => a.action === 'learning.exported' && a.actorId === world.seeded.people.viewer.oid)).toHaveLength(2);
  });
});
