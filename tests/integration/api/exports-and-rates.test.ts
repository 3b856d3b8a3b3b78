import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { parseCsv } from '../../../src/domain/csv';
import { errorBodySchema, resultsResponseSchema } from '../../../src/contract/api-contract';
import { aMember, aPulse, CREATED_AT } from '../../support/fixtures';
import { GROUPS, responsesOf, startSeededApi, type SeededApi, type Seeded } from './api-fixtures';
import { getJson, type ApiHarness, type KeyServer } from './api-harness';

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

describe('an open pulse answered in Teams', () => {
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

  it('publishes "as of N responses" by the snapshot rule and counts who finished by organisation', async () => {
    const { storage } = api;
    const cId = seeded.collaborativeId;
    const scope = { collaborativeId: cId, pulseId: 'live' };
    await storage.pulses.create(aPulse(cId, { id: 'live', targetWorkgroupIds: GROUPS.map((g) => g.id), status: 'open', openedAt: CREATED_AT }));
    // 14 people invited: 8 from Leeds and York, 6 from Humber.
    const people = Array.from({ length: 14 }, (_, i) => aMember(cId, 100 + i, { aadObjectId: randomUUID(), organisationId: i < 8 ? 'lypft' : 'humber', workgroupId: GROUPS[i % 4]!.id }));
    await storage.members.upsertMany(people);
    await storage.deliveries.ensurePending(scope, people.map((p) => p.aadObjectId));
    const answers = responsesOf(scope, { mbu: 4, community: 4, maternity: 4, visiting: 4 }, () => 4);
    const answer = async (from: number, to: number) => {
      for (let i = from; i < to; i++) {
        await storage.submissions.submit({ ...scope, respondentKey: storage.respondentKey(scope, people[i]!.aadObjectId) }, answers[i]!);
      }
      await storage.releasePending(scope, { k: 5 });
    };
    const read = async () => {
      api.app.api!.clearCaches();
      return resultsResponseSchema.parse((await getJson(`${api.url}/api/collaboratives/${cId}/pulses/live/results`, token)).body);
    };

    // Six from Humber answer: released (at least k wait) and published, "as of 6". Leeds and
    // York's 0 is below k, and Humber's 6 is hidden too, or it would be the total minus 0.
    await answer(8, 14);
    const first = await read();
    if (first.state !== 'figures') throw new Error(`expected figures, got ${first.state}`);
    expect(first.asOfResponses).toBe(6);
    expect(first.responseRates.organisationAnswers).toBe('counted');
    expect(first.responseRates.total).toMatchObject({ invited: 14, answered: 6 });
    expect(first.responseRates.byOrganisation.map((r) => [r.id, r.invited, r.answered])).toEqual([
      ['humber', 6, null],
      ['lypft', 8, null],
    ]);

    // Four more: they wait unreleased (fewer than k), so the publication stays as it was.
    await answer(4, 8);
    const second = await read();
    expect(second.state === 'figures' && second.asOfResponses).toBe(6);

    // Two more: six waiting are released, 6 new since the publication: published again.
    await answer(2, 4);
    const third = await read();
    expect(third.state === 'figures' && third.asOfResponses).toBe(12);
    if (third.state !== 'figures') throw new Error('expected figures');
    expect(third.responseRates.byOrganisation.map((r) => [r.answered, r.rate])).toEqual([
      [6, 1],
      [6, 0.75],
    ]);
  });
});
