import { errorBodySchema } from '../../../src/contract/api-contract';
import { interventionBodySchema, interventionConflictSchema, interventionListSchema } from '../../../src/contract/interventions-contract';
import { aBody as aKitBody } from '../app/interventions-kit';
import { startSeededApi, type SeededApi } from './api-fixtures';
import type { Json } from './api-harness';

/**
 * The intervention tracker's routes over the real server and Azurite: record, edit from a
 * named version, the refusals (428 no version, 409 a stale one with the other person's
 * version, 422 an illegal move or a bad body, 403 a viewer editing), updates, and filters.
 */

let world: SeededApi;
let tokens: { facilitator: string; viewer: string; stranger: string };
let url: (path?: string) => string;

beforeAll(async () => {
  world = await startSeededApi();
  const { people } = world.seeded;
  tokens = {
    facilitator: await world.keys.sign({ oid: people.facilitator.oid, name: 'Fay Facilitator' }),
    viewer: await world.keys.sign({ oid: people.viewer.oid, name: 'Vera Viewer' }),
    stranger: await world.keys.sign({ oid: people.stranger.oid, name: 'Sam Stranger' }),
  };
  url = (path = '') => `${world.api.url}/api/collaboratives/${world.seeded.collaborativeId}/interventions${path}`;
});
afterAll(() => world.stop());

async function call(method: string, path: string, token: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: Json; etag: string | null }> {
  const res = await fetch(url(path), {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, etag: res.headers.get('etag') };
}

/** The kit's intervention body, owned by the seeded facilitator. */
const aBody = (extra: Record<string, unknown> = {}) => aKitBody(world.seeded.people.facilitator.oid, extra);

async function created(extra: Record<string, unknown> = {}): Promise<Json> {
  const res = await call('POST', '', tokens.facilitator, aBody(extra));
  expect(res.status).toBe(201);
  return res.body;
}

/** Every intervention row of the collaborative, for "nothing changed". */
async function stored(): Promise<unknown[]> {
  return (await world.api.storage.interventions.list(world.seeded.collaborativeId)).map((s) => [s.etag, s.value]);
}

describe('the intervention routes', () => {
  it('records an intervention (201, its version in ETag), which anyone on the list reads with the same version', async () => {
    const res = await call('POST', '', tokens.facilitator, aBody());
    expect(res.status).toBe(201);
    const body = interventionBodySchema.parse(res.body);
    expect(res.etag).toBe(body.etag);
    expect(body).toMatchObject({ status: 'proposed', nextStatuses: ['agreed', 'dropped'], canEdit: true, mine: true });
    expect(body.ties[0]).toMatchObject({ label: 'Mother and baby unit → Community perinatal team' });
    const read = await call('GET', `/${body.id}`, tokens.viewer);
    expect(read).toMatchObject({ status: 200, etag: body.etag });
    expect(read.body).toMatchObject({ id: body.id, canEdit: false, updates: [{ text: 'Recorded as proposed.' }] });
    const audit = await world.api.storage.audit.list(world.seeded.collaborativeId);
    expect(audit.map((a) => `${a.action} ${a.subject}`)).toContain(`intervention.created ${body.id}`);
  });

  it('edits from the version it was read at, moves it on by legal steps only, and logs each move', async () => {
    const iv = await created();
    const edited = await call('PATCH', `/${iv.id}`, tokens.facilitator, { title: 'Joint discharge huddle', status: 'agreed', note: 'Agreed at the June workshop.' }, { 'If-Match': iv.etag });
    expect(edited.status).toBe(200);
    expect(edited.etag).toBe(edited.body.etag);
    expect(edited.etag).not.toBe(iv.etag);
    expect(edited.body).toMatchObject({ title: 'Joint discharge huddle', status: 'agreed', nextStatuses: ['in_progress', 'dropped'] });
    expect(edited.body.updates.at(-1)).toMatchObject({ text: 'Agreed at the June workshop.', statusChange: { from: 'proposed', to: 'agreed' } });

    const illegal = await call('PATCH', `/${iv.id}`, tokens.facilitator, { status: 'done' }, { 'If-Match': edited.etag! });
    expect(illegal.status).toBe(422);
    expect(errorBodySchema.parse(illegal.body).message).toBe("An intervention that is agreed can only be marked 'in progress' or 'dropped', not 'done'.");
    const started = await call('PATCH', `/${iv.id}`, tokens.facilitator, { status: 'in_progress', startOn: '2024-07-01' }, { 'If-Match': edited.etag! });
    expect(started.body).toMatchObject({ status: 'in_progress', startOn: '2024-07-01' });
    const done = await call('PATCH', `/${iv.id}`, tokens.facilitator, { status: 'done' }, { 'If-Match': started.etag! });
    expect(done.body).toMatchObject({ status: 'done', nextStatuses: [] });
    const reopened = await call('PATCH', `/${iv.id}`, tokens.facilitator, { status: 'proposed' }, { 'If-Match': done.etag! });
    expect(reopened.status).toBe(422);
    expect(reopened.body.message).toMatch(/is done, so its status cannot change/);
  });

  it('refuses an edit without If-Match (428) and changes nothing', async () => {
    const iv = await created();
    const before = await stored();
    for (const headers of [{}, { 'If-Match': '*' }] as Record<string, string>[]) {
      const res = await call('PATCH', `/${iv.id}`, tokens.facilitator, { title: 'Changed' }, headers);
      expect(res.status).toBe(428);
      expect(res.body).toMatchObject({ code: 'version_needed', message: expect.stringMatching(/^Please reload the intervention/) });
    }
    expect(await stored()).toEqual(before);
  });

  it('refuses a stale edit (409) with the other person’s version as `current`, and writes nothing', async () => {
    const iv = await created();
    const theirs = await call('PATCH', `/${iv.id}`, tokens.facilitator, { description: 'Their words.' }, { 'If-Match': iv.etag });
    expect(theirs.status).toBe(200);
    const before = await stored();
    const mine = await call('PATCH', `/${iv.id}`, tokens.facilitator, { description: 'My words.' }, { 'If-Match': iv.etag });
    expect(mine.status).toBe(409);
    const conflict = interventionConflictSchema.parse(mine.body);
    expect(conflict.current).toMatchObject({ description: 'Their words.', etag: theirs.etag });
    expect(mine.etag).toBe(theirs.etag);
    expect(conflict.message).toMatch(/Someone else changed this intervention/);
    expect(await stored()).toEqual(before);
    // Made again from their version, it goes through.
    expect((await call('PATCH', `/${iv.id}`, tokens.facilitator, { description: 'My words.' }, { 'If-Match': conflict.current.etag })).status).toBe(200);
  });

  it('refuses viewers’ edits and records (403) without naming the collaborative, and strangers everything', async () => {
    const iv = await created();
    const before = await stored();
    const name = (await world.api.storage.collaboratives.get(world.seeded.collaborativeId)).value.name;
    const refusals = [
      await call('PATCH', `/${iv.id}`, tokens.viewer, { title: 'Mine now' }, { 'If-Match': iv.etag }),
      await call('POST', '', tokens.viewer, aBody()),
      await call('POST', `/${iv.id}/updates`, tokens.viewer, { text: 'Started it.', status: 'agreed' }),
      await call('GET', '', tokens.stranger),
      await call('GET', `/${iv.id}`, tokens.stranger),
      await call('POST', `/${iv.id}/updates`, tokens.stranger, { text: 'Hello' }),
    ];
    for (const r of refusals) {
      expect(r.status).toBe(403);
      expect(r.body.message).not.toContain(name);
      expect(r.body.message).not.toContain(world.seeded.collaborativeId);
    }
    expect(await stored()).toEqual(before);
  });

  const badBodies: [string, string][] = [
    ['an unknown field', JSON.stringify({ title: 'x', kind: 'relational', dimensions: ['timely'], colour: 'red' })],
    ['a __proto__ key', '{"__proto__":{"polluted":true},"title":"x","kind":"relational","dimensions":["timely"]}'],
    ['a __proto__ key in a tie', '{"title":"x","kind":"relational","ties":[{"from":"mbu","to":"community","__proto__":{"polluted":true}}]}'],
    ['a tie to a group that is not the collaborative’s', JSON.stringify({ title: 'x', kind: 'relational', ties: [{ from: 'mbu', to: 'elsewhere' }] })],
    ['nothing it aims at', JSON.stringify({ title: 'x', kind: 'relational' })],
    ['not an object', '"please record this"'],
  ];
  it.each(badBodies)('refuses a body with %s (422) and stores nothing', async (_what, text) => {
    const before = await stored();
    const res = await call('POST', '', tokens.facilitator, text);
    expect(res.status).toBe(422);
    expect(errorBodySchema.parse(res.body).message).toMatch(/^The intervention is not valid: |^Each tie must join/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await stored()).toEqual(before);
  });

  it('refuses a bad edit body and a bad update (422), changing nothing', async () => {
    const iv = await created();
    const before = await stored();
    expect((await call('PATCH', `/${iv.id}`, tokens.facilitator, '{"__proto__":{"x":1}}', { 'If-Match': iv.etag })).status).toBe(422);
    expect((await call('PATCH', `/${iv.id}`, tokens.facilitator, { etag: 'mine' }, { 'If-Match': iv.etag })).status).toBe(422);
    expect((await call('POST', `/${iv.id}/updates`, tokens.facilitator, { text: '   ' })).status).toBe(422);
    expect(await stored()).toEqual(before);
  });

  it('takes updates from anyone on the list (201), oldest first in the log', async () => {
    const iv = await created();
    const first = await call('POST', `/${iv.id}/updates`, tokens.viewer, { text: 'The first joint meeting went well.' });
    expect(first.status).toBe(201);
    expect(first.etag).toBe(first.body.etag);
    const second = await call('POST', `/${iv.id}/updates`, tokens.facilitator, { text: 'Agreed by the board.', status: 'agreed' });
    expect(second.body).toMatchObject({ status: 'agreed', updateCount: 3 });
    expect(second.body.updates.map((u: Json) => [u.authorName, u.text])).toEqual([
      ['Fay Facilitator', 'Recorded as proposed.'],
      ['Vera Viewer', 'The first joint meeting went well.'],
      ['Fay Facilitator', 'Agreed by the board.'],
    ]);
  });

  it('lists with filters by tie, dimension, owner and status, and refuses a bad filter (422)', async () => {
    const target = await created({ title: 'Visiting huddles', ties: [{ from: 'visiting', to: 'maternity' }], dimensions: ['shared_goals'], status: 'agreed' });
    const list = async (query: string) => interventionListSchema.parse((await call('GET', query, tokens.viewer)).body).interventions.map((i) => i.id);
    expect(await list('?from=visiting&to=maternity')).toEqual([target.id]);
    expect(await list('?to=maternity')).toContain(target.id);
    expect(await list('?dimension=shared_goals')).toEqual([target.id]);
    expect(await list('?status=agreed&from=visiting')).toEqual([target.id]);
    expect(await list(`?owner=${world.seeded.people.facilitator.oid}&order=mine_first`)).toContain(target.id);
    expect(await list('?from=mbu&to=community')).not.toContain(target.id);
    for (const bad of ['?status=finished', '?dimension=kindness', '?colour=red']) expect((await call('GET', bad, tokens.viewer)).status).toBe(422);
    expect((await call('GET', '/not-there', tokens.viewer)).status).toBe(404);
  });
});
