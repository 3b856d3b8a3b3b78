import { resultsResponseSchema } from '../../../src/contract/api-contract';
import { createIntervention } from '../../../src/domain/model/intervention';
import { trendPath, trendResponseSchema } from '../../../src/contract/trend-contract';
import { aPathwayPulse, GROUPS, startSeededApi, type SeededApi } from './api-fixtures';
import { getJson } from './api-harness';

/**
 * The trend: every closed pulse of one scope, oldest first, with the figures each published
 * and nothing else. The seeded baseline and repeat ask everyone about every group; a pathway
 * pulse asks two groups about each other; an open pulse has no figures yet.
 */
describe('the trend API', () => {
  let world: SeededApi;
  let viewer: string;
  beforeAll(async () => {
    world = await startSeededApi();
    const { seeded } = world;
    viewer = await world.keys.sign({ oid: seeded.people.viewer.oid, upn: seeded.people.viewer.upn, name: 'Vera Viewer' });
    await aPathwayPulse(world);
  });
  afterAll(() => world.stop());

  const trend = async (pulseId: string) => getJson(`${world.api.url}${trendPath(world.seeded.collaborativeId, pulseId)}`, viewer);
  const published = async (pulseId: string) => {
    const body = resultsResponseSchema.parse((await getJson(`${world.api.url}/api/collaboratives/${world.seeded.collaborativeId}/pulses/${pulseId}/results`, viewer)).body);
    if (body.state !== 'figures') throw new Error(`expected figures for ${pulseId}`);
    return body.figures;
  };

  it('follows the closed pulses of the same scope, oldest first, with exactly the published figures', async () => {
    const res = await trend('repeat');
    expect(res.status).toBe(200);
    const body = trendResponseSchema.parse(res.body);
    expect(body.scope).toMatchObject({ pulseId: 'repeat', asking: null });
    const ids = body.points.map((p) => p.pulse.id);
    expect(ids.indexOf('baseline')).toBeLessThan(ids.indexOf('repeat'));
    expect(ids).not.toContain('pathway');
    expect(ids).not.toContain('open');
    // A pulse with too few answers published nothing, and shows nothing here.
    expect(body.points.find((p) => p.pulse.id === 'empty')).toMatchObject({ figures: null });
    for (const id of ['baseline', 'repeat']) {
      const point = body.points.find((p) => p.pulse.id === id)!;
      const figures = await published(id);
      expect(point.figures!.overall).toEqual(figures.overall);
      expect(point.figures!.overallBetween).toEqual(figures.overallBetween);
      expect(point.figures!.indices).toEqual(figures.indices);
      expect(point.figures!.ties).toEqual(figures.ties);
      expect(point.figures!.overall.ci95).not.toBeNull();
    }
  });

  it('keeps a scoped pulse on its own trend, naming who was asked and rated', async () => {
    const body = trendResponseSchema.parse((await trend('pathway')).body);
    expect(body.points.map((p) => p.pulse.id)).toEqual(['pathway']);
    expect(body.scope.asking!.map((g) => g.name)).toEqual(['Mother and baby unit', 'Community perinatal team']);
    expect(body.points[0]!.figures!.ties).toHaveLength(4);
  });

  it('marks only the interventions this scope could show the effect of: aimed at its ties, or at dimensions alone', async () => {
    const { seeded, api } = world;
    const author = { id: seeded.people.facilitator.oid, name: 'Fran Facilitator' };
    const context = { workgroupIds: GROUPS.map((g) => g.id), memberIds: [author.id], author };
    const made = (id: string, body: Record<string, unknown>) =>
      api.storage.interventions.create(
        createIntervention({ kind: 'structural', ownerIds: [author.id], status: 'agreed', agreedIn: { meeting: 'Leadership meeting', on: '2024-09-30' }, startOn: '2024-10-01', ...body }, { id, collaborativeId: seeded.collaborativeId }, '2024-09-30T09:00:00.000Z', context),
      );
    await made('iv-pathway', { title: 'Shared huddle', ties: [{ from: 'mbu', to: 'community' }, { from: 'maternity', to: 'visiting' }], dimensions: [] });
    await made('iv-elsewhere', { title: 'Maternity handover', ties: [{ from: 'maternity', to: 'visiting' }], dimensions: [] });
    await made('iv-everyone', { title: 'Shared goals session', ties: [], dimensions: ['shared_goals'] });

    const pathway = trendResponseSchema.parse((await trend('pathway')).body);
    const marks = new Map(pathway.interventions.map((i) => [i.id, i]));
    expect([...marks.keys()].sort()).toEqual(['iv-everyone', 'iv-pathway']);
    // Only the tie of it this scope asks about, so the tab marks it on that tie's trend.
    expect(marks.get('iv-pathway')!.ties).toEqual([{ from: 'mbu', to: 'community' }]);
    expect(marks.get('iv-everyone')!.ties).toEqual([]);

    // A pulse that asked everyone about every group sees all three.
    const everyone = trendResponseSchema.parse((await trend('repeat')).body);
    expect(everyone.interventions.map((i) => i.id).sort()).toEqual(['iv-elsewhere', 'iv-everyone', 'iv-pathway']);
  });

  it('answers an unknown pulse with 404 and a missing scope with 422', async () => {
    expect((await trend('no-such-pulse')).status).toBe(404);
    expect((await getJson(`${world.api.url}/api/collaboratives/${world.seeded.collaborativeId}/trend`, viewer)).status).toBe(422);
  });
});
