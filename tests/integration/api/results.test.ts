import {
  collaborativeResponseSchema,
  compareResponseSchema,
  pulsesResponseSchema,
  resultsResponseSchema,
  teamCollaborativeResponseSchema,
} from '../../../src/contract/api-contract';
import type { Response } from '../../../src/domain/model/response';
import type { Storage } from '../../../src/storage/storage';
import { aPulse, CREATED_AT } from '../../support/fixtures';
import { GROUPS, pulseWith, responsesOf, startSeededApi, type SeededApi, type Seeded } from './api-fixtures';
import { getJson, type ApiHarness, type Json, type KeyServer } from './api-harness';

/** Every row of every table with its ETag: any write anywhere changes this. */
async function everyRow(storage: Storage): Promise<string[]> {
  const rows: string[] = [];
  for (const [role, client] of Object.entries(storage.clients)) {
    for await (const row of client.listEntities()) rows.push(`${role} ${row.partitionKey} ${row.rowKey} ${row.etag}`);
  }
  return rows.sort();
}

describe('the results API', () => {
  let keys: KeyServer;
  let api: ApiHarness;
  let seeded: Seeded;
  let viewer: string;
  let facilitator: string;
  let world: SeededApi;
  beforeAll(async () => {
    world = await startSeededApi();
    ({ keys, api, seeded } = world);
    viewer = await keys.sign({ oid: seeded.people.viewer.oid, upn: seeded.people.viewer.upn, name: 'Vera Viewer' });
    facilitator = await keys.sign({ oid: seeded.people.facilitator.oid, name: 'Fay Facilitator' });
  });
  afterAll(() => world.stop());

  const base = () => `${api.url}/api/collaboratives/${seeded.collaborativeId}`;
  const results = (pulseId: string, token = viewer) => getJson(`${base()}/pulses/${pulseId}/results`, token);

  it("finds the collaborative of the tab's team, and says plainly when a team has none", async () => {
    const found = await getJson(`${api.url}/api/teams/${encodeURIComponent(seeded.teamsTeamId)}/collaborative`, viewer);
    expect(teamCollaborativeResponseSchema.parse(found.body).collaborative).toMatchObject({ id: seeded.collaborativeId, role: 'viewer' });
    const none = await getJson(`${api.url}/api/teams/${encodeURIComponent('19:nothing@thread.tacv2')}/collaborative`, viewer);
    expect(none.status).toBe(404);
    expect(none.body).toEqual({ code: 'not_linked', message: expect.stringMatching(/not linked to a collaborative yet/) });
  });

  it('describes the collaborative with its settings, workgroups, organisations and the role', async () => {
    const res = collaborativeResponseSchema.parse((await getJson(base(), facilitator)).body);
    expect(res).toMatchObject({ id: seeded.collaborativeId, k: 5, minItems: 4, bands: { moderate: 3.5, strong: 4 }, role: 'facilitator' });
    expect(res.workgroups.map((w) => w.id).sort()).toEqual(GROUPS.map((g) => g.id).sort());
    expect(res.organisations).toHaveLength(2);
    expect((await getJson(`${api.url}/api/collaboratives/no-such-thing`, viewer)).status).toBe(404);
  });

  it('lists pulses newest first, drafts for facilitators only', async () => {
    const forViewer = pulsesResponseSchema.parse((await getJson(`${base()}/pulses`, viewer)).body).pulses.map((p) => p.id);
    const forFacilitator = pulsesResponseSchema.parse((await getJson(`${base()}/pulses`, facilitator)).body).pulses.map((p) => p.id);
    expect(forViewer).not.toContain('draft');
    expect(forFacilitator).toContain('draft');
    expect(forViewer.indexOf('repeat')).toBeLessThan(forViewer.indexOf('baseline'));
    expect((await results('draft')).status).toBe(404);
  });

  it('publishes a closed pulse with names, method, reliability and response rates', async () => {
    const res = await results('baseline');
    expect(res.status).toBe(200);
    const body = resultsResponseSchema.parse(res.body);
    if (body.state !== 'figures') throw new Error('expected figures');
    expect(body.method).toMatchObject({ k: 5, minItems: 4, instrument: { id: 'rc7' } });
    expect(body.figures.respondents).toBe(32);
    expect(body.figures.overall).toMatchObject({ n: 32, suppressed: false });
    expect(body.figures.ties).toHaveLength(16);
    const tie = body.figures.ties.find((t) => t.from === 'visiting' && t.to === 'mbu')!;
    expect(tie).toMatchObject({ fromName: 'Health visiting', toName: 'Mother and baby unit', n: 8, band: 'strong' });
    expect(body.figures.workgroups.find((w) => w.id === 'maternity')).toMatchObject({ name: 'Maternity, services', respondents: 8 });
    expect(body.responseRates.total).toMatchObject({ answered: 32, suppressed: false });
    expect(body.responseRates.byWorkgroup.map((r) => r.answered)).toEqual([8, 8, 8, 8]);
    // Loaded straight into storage, as the demo is: nobody's answering was recorded.
    expect(body.responseRates.organisationAnswers).toBe('not_recorded');
  });

  it('never sends a suppressed figure: a group below k has no mean or n anywhere in the raw JSON', async () => {
    const res = await results('small');
    const body: Json = res.body;
    expect(body.state).toBe('figures');
    // Health visiting's two respondents rated everyone 1 (one of them gave one 2): their
    // tie means would be 1.0714285714285714. Nothing of it may appear.
    expect(res.text).not.toMatch(/1\.07142857/);
    expect(res.text).not.toMatch(/"(n|respondents|answered)":[0-4][,}]/);
    const fromVisiting = body.figures.ties.filter((t: Json) => t.from === 'visiting');
    expect(fromVisiting.length).toBeGreaterThan(0);
    for (const t of fromVisiting) {
      expect(t).toMatchObject({ mean: null, n: null, ci95: null, band: null, suppressed: true });
      for (const d of Object.values(t.dimensions) as Json[]) expect(d).toMatchObject({ mean: null, n: null, suppressed: true });
    }
    const visiting = body.figures.workgroups.find((w: Json) => w.id === 'visiting');
    expect(visiting).toMatchObject({ respondents: null, outgoing: { mean: null, n: null, suppressed: true } });
    // Complementary suppression: with visiting hidden, another group's count is hidden too,
    // so visiting's count cannot be found as the total minus the others.
    expect(body.figures.workgroups.filter((w: Json) => w.respondents === null).length).toBeGreaterThanOrEqual(2);
    expect(body.responseRates.byWorkgroup.find((r: Json) => r.id === 'visiting')).toMatchObject({ answered: null, rate: null, suppressed: true });
    // Every figure anywhere: shown ones have n >= k, hidden ones have nothing.
    const walk = (v: Json): void => {
      if (v && typeof v === 'object') {
        if ('suppressed' in v && 'mean' in v) {
          if (v.suppressed) expect([v.mean, v.n, v.ci95, v.band]).toEqual([null, null, null, null]);
          else expect(v.n).toBeGreaterThanOrEqual(5);
        }
        Object.values(v).forEach(walk);
      }
    };
    walk(body);
  });

  it('answers a pulse nobody answered with a designed "no figures yet" body, not an error', async () => {
    const res = await results('empty');
    expect(res.status).toBe(200);
    expect(resultsResponseSchema.parse(res.body)).toMatchObject({ state: 'no_figures', reason: 'no_responses', message: expect.stringMatching(/Nobody answered/) });
  });

  it('shows an open pulse as progress only: when its figures appear, and the count under the k rule, with no figure at all', async () => {
    const res = await results('open');
    const body = resultsResponseSchema.parse(res.body);
    expect(body).toMatchObject({
      state: 'open',
      progress: { answered: null },
      message: 'Figures appear when the pulse closes. So far fewer than 5 people have answered.',
    });
    // Three released answers: neither a figure, nor a rate, nor the count may be sent.
    expect(res.text).not.toMatch(/"(mean|figures|responseRates|respondents)"/);
    expect(res.text).not.toMatch(/"answered":\d/);
  });

  it('says a closed pulse whose close stopped half-way is being prepared, and the read writes nothing', async () => {
    const { storage } = api;
    const cId = seeded.collaborativeId;
    const scope = { collaborativeId: cId, pulseId: 'half-closed' };
    const even = { mbu: 5, community: 5, maternity: 5, visiting: 5 };
    const closed = aPulse(cId, { id: scope.pulseId, targetWorkgroupIds: GROUPS.map((g) => g.id), status: 'closed', openedAt: CREATED_AT, closedAt: '2024-05-02T17:00:00.000Z' });
    // Closed, its answers released, then the close stopped: no figures stored, one answer still waiting.
    await pulseWith(storage, closed, responsesOf(scope, even, () => 3), { final: false });
    const waiting: Response = { ...responsesOf(scope, { ...even, mbu: 1, community: 0, maternity: 0, visiting: 0 }, () => 4)[0]! };
    await storage.submissions.submit({ ...scope, respondentKey: storage.respondentKey(scope, seeded.people.viewer.oid) }, waiting);

    const before = await everyRow(storage);
    for (const token of [viewer, facilitator]) {
      api.app.api!.clearCaches();
      const res = await results(scope.pulseId, token);
      expect(resultsResponseSchema.parse(res.body)).toMatchObject({ state: 'preparing', message: expect.stringMatching(/being prepared/) });
      expect(res.text).not.toMatch(/"(mean|figures|responseRates)"/);
    }
    for (const file of ['figures.csv', 'responses.csv']) {
      const refused = await getJson(`${base()}/pulses/${scope.pulseId}/export/${file}`, facilitator);
      expect(refused.status).toBe(409);
    }
    expect((await getJson(`${base()}/pulses/${scope.pulseId}/compare?with=baseline`, viewer)).status).toBe(409);
    // Nothing was released, published or kept by any of those reads.
    expect(await everyRow(storage)).toEqual(before);
    expect(await storage.submissions.countPending(scope)).toBe(1);
  });

  it("scores the change view with each pulse's own method, so its n equal the results' n after the collaborative's minItems changes", async () => {
    const { storage } = api;
    const cId = seeded.collaborativeId;
    const targets = GROUPS.map((g) => g.id);
    const scope = (pulseId: string) => ({ collaborativeId: cId, pulseId });
    // Half the people skip two questions about every group: 5 of 7 answered.
    const partly = (pulseId: string, score: number): Response[] =>
      responsesOf(scope(pulseId), { mbu: 6, community: 6, maternity: 6, visiting: 6 }, () => score).map((r, i) =>
        i % 2 === 0 ? r : { ...r, ratings: Object.fromEntries(Object.entries(r.ratings).map(([t, d]) => [t, { ...d, frequent: null, accurate: null }])) },
      );
    const closed = (id: string, createdAt: string) =>
      aPulse(cId, { id, targetWorkgroupIds: targets, status: 'closed', openedAt: CREATED_AT, closedAt: '2024-05-02T17:00:00.000Z', createdAt, minItems: 5 });
    await pulseWith(storage, closed('method-before', '2024-10-01T09:00:00.000Z'), partly('method-before', 3));
    await pulseWith(storage, closed('method-after', '2024-11-01T09:00:00.000Z'), partly('method-after', 4));

    // After both closed, the collaborative asks for all seven questions from now on.
    const current = await storage.collaboratives.get(cId);
    await storage.collaboratives.update(current, { ...current.value, minItems: 7 });
    try {
      api.app.api!.clearCaches();
      const after = resultsResponseSchema.parse((await results('method-after')).body);
      const before = resultsResponseSchema.parse((await results('method-before')).body);
      if (after.state !== 'figures' || before.state !== 'figures') throw new Error('expected figures');
      expect(after.method.minItems).toBe(5);
      const change = compareResponseSchema.parse((await getJson(`${base()}/pulses/method-after/compare?with=method-before`, viewer)).body);
      expect(change.method.minItems).toBe(5);
      expect(change.overall.after.n).toBe(after.figures.overall.n);
      expect(change.overall.before.n).toBe(before.figures.overall.n);
      expect(after.figures.overall.n).toBe(24);
      for (const tie of change.ties) {
        const shown = after.figures.ties.find((t) => t.from === tie.from && t.to === tie.to)!;
        expect(tie.after.n).toBe(shown.n);
        expect(shown.n).toBe(6);
      }
    } finally {
      const changed = await storage.collaboratives.get(cId);
      await storage.collaboratives.update(changed, { ...changed.value, minItems: 4 });
    }
  });

  it('answers an unknown pulse with 404 and a message a person can act on', async () => {
    const res = await results('no-such-pulse');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ code: 'not_found', message: 'The pulse could not be found. It may have been removed.' });
  });

  it('compares two closed pulses with Welch verdicts and names', async () => {
    const res = await getJson(`${base()}/pulses/repeat/compare?with=baseline`, viewer);
    expect(res.status).toBe(200);
    const body = compareResponseSchema.parse(res.body);
    expect(body.respondents).toEqual({ before: 32, after: 32 });
    const tie = (from: string, to: string) => body.ties.find((t) => t.from === from && t.to === to)!;
    expect(tie('mbu', 'community')).toMatchObject({ verdict: 'improved', fromName: 'Mother and baby unit', toName: 'Community perinatal team' });
    expect(tie('visiting', 'mbu').verdict).toBe('declined');
    expect(tie('mbu', 'maternity').verdict).toBe('no clear change');
    expect(tie('mbu', 'community').difference).toBeCloseTo(2, 10);
    expect(body.overall.ci95).not.toBeNull();
  });

  it('refuses to compare with an open pulse (409), with itself or without saying which (422)', async () => {
    const open = await getJson(`${base()}/pulses/open/compare?with=baseline`, viewer);
    expect(open.status).toBe(409);
    expect(open.body.code).toBe('pulse_open');
    expect((await getJson(`${base()}/pulses/repeat/compare?with=repeat`, viewer)).status).toBe(422);
    const missing = await getJson(`${base()}/pulses/repeat/compare`, viewer);
    expect(missing.status).toBe(422);
    expect(missing.body.message).toMatch(/with=/);
    expect((await getJson(`${base()}/pulses/repeat/compare?with=nope`, viewer)).status).toBe(404);
  });
});
