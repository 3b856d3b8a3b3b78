import { compareResponseSchema, resultsResponseSchema } from '../../../src/contract/api-contract';
import { aPathwayPulse, startSeededApi, type SeededApi } from './api-fixtures';
import { getJson } from './api-harness';

/**
 * Like with like: a change between two pulses compares only the ties both asked about (the
 * same from-group asked, the same to-group rated) and says which it left out. Here a pulse
 * that asked only the mother and baby unit and the community team, about each other, is
 * compared with the baseline, which asked all four groups about all four.
 */
describe('comparing pulses of different scopes', () => {
  let world: SeededApi;
  let viewer: string;
  beforeAll(async () => {
    world = await startSeededApi();
    const { seeded } = world;
    viewer = await world.keys.sign({ oid: seeded.people.viewer.oid, upn: seeded.people.viewer.upn, name: 'Vera Viewer' });
    await aPathwayPulse(world);
  });
  afterAll(() => world.stop());

  const base = () => `${world.api.url}/api/collaboratives/${world.seeded.collaborativeId}`;

  it('keeps only the ties both pulses asked about, names the ones left out, and works out no whole-collaborative change', async () => {
    const res = await getJson(`${base()}/pulses/pathway/compare?with=baseline`, viewer);
    expect(res.status).toBe(200);
    const body = compareResponseSchema.parse(res.body);
    expect(body.sameScope).toBe(false);
    expect(body.ties.map((t) => `${t.from}>${t.to}`).sort()).toEqual(['community>community', 'community>mbu', 'mbu>community', 'mbu>mbu']);
    expect(body.leftOut).toHaveLength(12);
    expect(body.leftOut).toContainEqual({ from: 'visiting', fromName: 'Health visiting', to: 'mbu', toName: 'Mother and baby unit', notAskedIn: 'later' });
    expect(body.leftOut!.every((t) => t.notAskedIn === 'later')).toBe(true);
    // Different people and groups: the overall figures are each pulse's own, with no change between them.
    expect(body.overall).toMatchObject({ difference: null, verdict: null, ci95: null });
    expect(body.indices.communication.verdict).toBeNull();

    // Each tie kept is the baseline's published tie: nothing new is worked out.
    const published = resultsResponseSchema.parse((await getJson(`${base()}/pulses/baseline/results`, viewer)).body);
    if (published.state !== 'figures') throw new Error('expected figures');
    for (const tie of body.ties) {
      const shown = published.figures.ties.find((t) => t.from === tie.from && t.to === tie.to)!;
      expect(tie.before).toMatchObject({ n: shown.n, mean: shown.mean });
    }
    expect(body.ties.find((t) => t.from === 'mbu' && t.to === 'community')).toMatchObject({ verdict: 'improved' });
  });

  it('compares two pulses of the same scope whole, leaving nothing out', async () => {
    const body = compareResponseSchema.parse((await getJson(`${base()}/pulses/repeat/compare?with=baseline`, viewer)).body);
    expect(body.sameScope).toBe(true);
    expect(body.leftOut).toEqual([]);
    expect(body.ties).toHaveLength(16);
    expect(body.overall.ci95).not.toBeNull();
  });
});
