import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { parseCsv } from '../../../src/domain/csv';
import { errorBodySchema, resultsResponseSchema } from '../../../src/contract/api-contract';
import { finishClose } from '../../../src/app/pulse/finish-close';
import type { CardSender } from '../../../src/app/ports';
import { entityCodec } from '../../../src/storage/entity-codec';
import { newPendingKeys } from '../../../src/storage/keys/submission-keys';
import { pendingResponseSchema } from '../../../src/storage/pending-response';
import { aMember, aPulse, CREATED_AT } from '../../support/fixtures';
import { parseRatingsCsv } from '../../../src/domain/ratings-csv';
import { score } from '../../../src/domain/scoring';
import { GROUPS, pulseWith, responsesOf, startSeededApi, type SeededApi, type Seeded } from './api-fixtures';
import { getJson, type ApiHarness, type Json, type KeyServer } from './api-harness';

/** The channel this collaborative would post to: none here. */
const noSender: CardSender = {
  sendToMember: async () => ({ status: 'not_found' }),
  sendToChannel: async () => ({ status: 'not_found' }),
};

describe('exports', () => {
  let keys: KeyServer;
  let api: ApiHarness;
  let seeded: Seeded;
  let viewer: string;
  let facilitator: string;
  let world: SeededApi;
  beforeAll(async () => {
    world = await startSeededApi();
    ({ keys, api, seeded } = world);
    viewer = await keys.sign({ oid: seeded.people.viewer.oid, name: 'Vera Viewer' });
    facilitator = await keys.sign({ oid: seeded.people.facilitator.oid, name: 'Fay Facilitator' });
  });
  afterAll(() => world.stop());

  const exportOf = (pulseId: string, file: string, token: string) =>
    fetch(`${api.url}/api/collaboratives/${seeded.collaborativeId}/pulses/${pulseId}/export/${file}`, { headers: { Authorization: `Bearer ${token}` } });
  const auditActions = async () => (await api.storage.audit.list(seeded.collaborativeId)).map((e) => `${e.action} ${e.subject} ${e.actorId}`);

  it('exports the figures as CSV that parses, with suppression applied and full precision', async () => {
    const res = await exportOf('small', 'figures.csv', viewer);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="rc-pulse-.*-small-figures\.csv"/);
    const records = parseCsv(await res.text());
    const header = records[0]!.fields;
    expect(header).toEqual(['section', 'from', 'to', 'workgroup', 'dimension', 'mean', 'n', 'ci95_low', 'ci95_high', 'band', 'suppressed']);
    const rows = records.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, r.fields[i]])));
    const fromVisiting = rows.filter((r) => r.from === 'Health visiting');
    expect(fromVisiting.length).toBeGreaterThan(0);
    for (const r of fromVisiting) expect([r.mean, r.n, r.ci95_low, r.suppressed]).toEqual(['', '', '', 'true']);
    expect(rows.some((r) => r.to === 'Maternity, services')).toBe(true);
    const overall = rows.find((r) => r.section === 'overall')!;
    expect(overall.mean!.replace(/^\d+\./, '').length).toBeGreaterThan(6);
    expect(await auditActions()).toContain(`figures.exported small ${seeded.people.viewer.oid}`);
  });

  it('exports an Excel workbook with the five sheets that exceljs opens', async () => {
    const res = await exportOf('baseline', 'figures.xlsx', viewer);
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['summary', 'ties', 'dimensions', 'workgroups', 'method']);
    expect(workbook.getWorksheet('ties')!.rowCount).toBe(1 + 16);
    expect(workbook.getWorksheet('summary')!.getRow(2).getCell(3).value).toBe(32);
    expect(await auditActions()).toContain(`figures.exported baseline ${seeded.people.viewer.oid}`);
  });

  it('refuses the anonymised responses to a viewer (403) and gives them to a facilitator, audited', async () => {
    const refused = await exportOf('baseline', 'responses.csv', viewer);
    expect(refused.status).toBe(403);
    expect(errorBodySchema.parse(await refused.json()).message).toMatch(/Only the collaborative's facilitators/);
    const res = await exportOf('baseline', 'responses.csv', facilitator);
    expect(res.status).toBe(200);
    const records = parseCsv(await res.text());
    expect(records[0]!.fields).toEqual(['respondent', 'workgroup', 'target', 'dimension', 'score']);
    expect(new Set(records.slice(1).map((r) => r.fields[0])).size).toBe(32);
    expect(await auditActions()).toContain(`responses.exported baseline ${seeded.people.facilitator.oid}`);
  });

  it('says there is nothing to export yet for a pulse without figures (409)', async () => {
    const res = await exportOf('empty', 'figures.csv', viewer);
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ code: 'no_figures', message: expect.stringMatching(/There are no figures to export yet/) });
  });
});

describe('the anonymised responses export never holds a workgroup below the pulse\'s k', () => {
  let world: SeededApi;
  let token: string;
  beforeAll(async () => {
    world = await startSeededApi();
    token = await world.keys.sign({ oid: world.seeded.people.facilitator.oid });
    const cId = world.seeded.collaborativeId;
    const closed = (id: string, k?: number) =>
      aPulse(cId, { id, targetWorkgroupIds: GROUPS.map((g) => g.id), status: 'closed', openedAt: CREATED_AT, closedAt: '2024-05-02T17:00:00.000Z', ...(k ? { k } : {}) });
    const scored = (own: string, t: string, i: number) => 2 + ((i + own.length + t.length) % 4);
    // Maternity has 2 respondents and health visiting 3: together exactly k = 5.
    await pulseWith(world.api.storage, closed('two-and-three'), responsesOf({ collaborativeId: cId, pulseId: 'two-and-three' }, { mbu: 6, community: 6, maternity: 2, visiting: 3 }, scored));
    // The same shape under the pulse's own k = 7 (the collaborative's is 5): the pool of 5 is below it.
    await pulseWith(world.api.storage, closed('own-k-seven', 7), responsesOf({ collaborativeId: cId, pulseId: 'own-k-seven' }, { mbu: 8, community: 8, maternity: 2, visiting: 3 }, scored));
  });
  afterAll(() => world.stop());

  /** What an outsider holding the file can count: distinct respondent ids per workgroup. */
  const download = async (pulseId: string) => {
    const res = await fetch(`${world.api.url}/api/collaboratives/${world.seeded.collaborativeId}/pulses/${pulseId}/export/responses.csv`, { headers: { Authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const csv = await res.text();
    const perGroup = new Map<string, Set<string>>();
    for (const r of parseCsv(csv).slice(1)) perGroup.set(r.fields[1]!, (perGroup.get(r.fields[1]!) ?? new Set()).add(r.fields[0]!));
    const targets = new Set(parseCsv(csv).slice(1).map((r) => r.fields[2]));
    return { csv, res, sizes: Object.fromEntries([...perGroup].map(([g, ids]) => [g, ids.size])), targets };
  };
  const exportAudit = async (pulseId: string) =>
    (await world.api.storage.audit.list(world.seeded.collaborativeId)).filter((e) => e.action === 'responses.exported' && e.subject === pulseId).map((e) => e.details);

  it('pools groups of 2 and 3 as "Other groups", says so in headers and the audit trail, and keeps target names', async () => {
    const { csv, res, sizes, targets } = await download('two-and-three');
    expect(sizes).toEqual({ 'Mother and baby unit': 6, 'Community perinatal team': 6, 'Other groups': 5 });
    for (const n of Object.values(sizes)) expect(n).toBeGreaterThanOrEqual(5);
    expect([res.headers.get('x-rc-pooled'), res.headers.get('x-rc-left-out')]).toEqual(['5', '0']);
    expect(targets).toEqual(new Set(GROUPS.map((g) => g.name)));
    expect(await exportAudit('two-and-three')).toEqual([{ respondents: 17, pooled: 5, leftOut: 0, k: 5 }]);
    // The file still scores; the pool reads as one more group of 5.
    const report = score(parseRatingsCsv(csv), { k: 5 });
    expect(report.respondents).toBe(17);
    expect(report.workgroups.map((w) => [w.workgroup, w.respondents])).toContainEqual(['Other groups', 5]);
  });

  it("leaves out a pool still below the pulse's own k, and says how many", async () => {
    const { csv, res, sizes } = await download('own-k-seven');
    expect(sizes).toEqual({ 'Mother and baby unit': 8, 'Community perinatal team': 8 });
    expect([res.headers.get('x-rc-pooled'), res.headers.get('x-rc-left-out')]).toEqual(['0', '5']);
    expect(await exportAudit('own-k-seven')).toEqual([{ respondents: 16, pooled: 0, leftOut: 5, k: 7 }]);
    expect(score(parseRatingsCsv(csv), { k: 7 }).respondents).toBe(16);
  });
});

describe('a pulse answered in Teams, published once when it closes', () => {
  let keys: KeyServer;
  let api: ApiHarness;
  let seeded: Seeded;
  let token: string;
  let world: SeededApi;
  beforeAll(async () => {
    world = await startSeededApi();
    ({ keys, api, seeded } = world);
    token = await keys.sign({ oid: seeded.people.facilitator.oid });
  });
  afterAll(() => world.stop());

  /** Every figure-like object in a body: anything with a mean. */
  const figuresIn = (v: Json): Json[] =>
    v && typeof v === 'object' ? [...('mean' in v ? [v] : []), ...Object.values(v).flatMap((x) => figuresIn(x as Json))] : [];

  it('shows progress only while open, one publication at close, and nothing an answer after the close can change', async () => {
    const { storage } = api;
    const cId = seeded.collaborativeId;
    const scope = { collaborativeId: cId, pulseId: 'live' };
    const collaborative = (await storage.collaboratives.get(cId)).value;
    const live = (await storage.pulses.create(aPulse(cId, { id: 'live', targetWorkgroupIds: GROUPS.map((g) => g.id), status: 'open', openedAt: CREATED_AT, closesAt: '2026-12-21T17:00:00.000Z' }))).value;
    // 16 people invited: 8 from Leeds and York, 8 from Humber.
    const people = Array.from({ length: 16 }, (_, i) => aMember(cId, 100 + i, { aadObjectId: randomUUID(), organisationId: i < 8 ? 'lypft' : 'humber', workgroupId: GROUPS[i % 4]!.id }));
    await storage.members.upsertMany(people);
    await storage.deliveries.ensurePending(scope, people.map((p) => p.aadObjectId));
    const answers = responsesOf(scope, { mbu: 4, community: 4, maternity: 4, visiting: 4 }, (own, t, i) => 2 + ((i + t.length + own.length) % 4));
    const refOf = (i: number) => ({ ...scope, respondentKey: storage.respondentKey(scope, people[i]!.aadObjectId) });
    const answer = async (from: number, to: number) => {
      for (let i = from; i < to; i++) await storage.submissions.submit(refOf(i), answers[i]!);
      await storage.releasePending(scope, { k: 5 });
    };
    const read = async () => {
      api.app.api!.clearCaches();
      const res = await getJson(`${api.url}/api/collaboratives/${cId}/pulses/live/results`, token);
      return { body: resultsResponseSchema.parse(res.body), raw: res.body as Json, text: res.text };
    };

    // While open: never a figure, whatever the count; the count itself follows the k rule.
    await answer(8, 14);
    const six = await read();
    expect(six.body).toMatchObject({ state: 'open', progress: { invited: 16, answered: 6 }, message: 'Figures appear when the pulse closes on Monday 21 December. So far 6 of 16 people have answered.' });
    expect(figuresIn(six.raw)).toEqual([]);
    await answer(4, 8);
    const ten = await read();
    expect(ten.body).toMatchObject({ state: 'open', progress: { answered: 10 } });
    expect(figuresIn(ten.raw)).toEqual([]);

    // The close: everything submitted is counted, once.
    await answer(0, 3);
    const clock = () => new Date('2026-12-21T17:00:00.000Z');
    await finishClose({ ...storage, clock, sender: noSender, log: { warn: () => undefined } }, collaborative, live, { id: 'system' }, 'https://example.test/tab');
    const final = await read();
    if (final.body.state !== 'figures') throw new Error(`expected figures, got ${final.body.state}`);
    expect(final.body.figures.respondents).toBe(13);
    expect(final.body.responseRates.organisationAnswers).toBe('counted');
    expect(final.body.responseRates.byOrganisation.map((r) => [r.id, r.invited, r.answered])).toEqual([
      ['humber', 8, 6],
      ['lypft', 8, 7],
    ]);
    expect(figuresIn(final.raw).some((f) => f.n !== null)).toBe(true);

    // Someone answers after the close: refused, nothing stored. An answer an older version let
    // into the pending area is swept away uncounted. The figures read exactly as before.
    await expect(storage.submissions.submit(refOf(15), answers[15]!)).rejects.toMatchObject({ code: 'pulse_closed' });
    const older = entityCodec('pending response', pendingResponseSchema, ['ratings']);
    await storage.clients.submissions.createEntity(older.toEntity(newPendingKeys(scope), answers[14]!));
    expect(await storage.releasePending(scope, { k: 5, force: true })).toMatchObject({ released: 0, discarded: 1 });
    expect(await storage.submissions.countPending(scope)).toBe(0);
    const again = await read();
    expect(again.text).toBe(final.text);
  });
});
