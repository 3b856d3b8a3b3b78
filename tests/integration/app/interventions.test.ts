import {
  addInterventionUpdate,
  createIntervention,
  getIntervention,
  listInterventions,
} from '../../../src/app/interventions';
import { ForbiddenError, IllegalStateError, NotFoundError, ValidationError } from '../../../src/domain/errors';
import type { InterventionStatus } from '../../../src/domain/model/intervention';
import type { Storage } from '../../../src/storage/storage';
import { testStorage } from '../../support/test-storage';
import { aBody, aKit, edit, recorded, rejection, type Who } from './interventions-kit';

jest.setTimeout(30_000);

let storage: Storage;
beforeAll(async () => {
  storage = await testStorage();
});

describe('recording an intervention', () => {
  it('a facilitator records one; it reads back with names, its log and an audit row that holds no text', async () => {
    const kit = await aKit(storage);
    const made = await recorded(kit, { status: 'agreed', agreedIn: { meeting: 'June workshop', on: '2024-06-03' } });

    expect(made).toMatchObject({ collaborativeId: kit.collaborativeId, status: 'agreed', statusWords: 'agreed', nextStatuses: ['in_progress', 'dropped'], canEdit: true, mine: false, updateCount: 1 });
    expect(made.ties).toEqual([expect.objectContaining({ from: 'mbu', to: 'community', label: 'Mother and baby unit → Community perinatal team' })]);
    expect(made.owners).toEqual([{ id: kit.people.owner.aadObjectId, name: 'Olu Owner' }]);
    expect(made.updates).toEqual([{ at: '2024-06-03T15:00:00.000Z', authorId: kit.people.facilitator.aadObjectId, authorName: 'Fran Facilitator', text: 'Agreed at June workshop.' }]);
    expect(await getIntervention(kit.deps, await kit.access('viewer'), made.id)).toEqual({ ...made, canEdit: false });
    expect(await getIntervention(kit.deps, await kit.access('owner'), made.id)).toEqual({ ...made, mine: true });

    const [audit] = await storage.audit.list(kit.collaborativeId);
    expect(audit).toMatchObject({ action: 'intervention.created', subject: made.id, actorId: kit.people.facilitator.aadObjectId, actorName: 'Fran Facilitator' });
    expect(audit!.details).toEqual({ status: 'agreed', ties: 1, dimensions: 1, owners: 1 });
  });

  it('refuses a viewer, naming the facilitators to ask, and stores nothing', async () => {
    const kit = await aKit(storage);
    const before = await kit.snapshot();
    const error = await rejection(createIntervention(kit.deps, await kit.access('viewer'), aBody(kit.people.viewer.aadObjectId)));
    expect(error).toBeInstanceOf(ForbiddenError);
    expect((error as ForbiddenError).userMessage).toBe("Only the collaborative's facilitators can record an intervention. Please ask Fran Facilitator.");
    expect(await kit.snapshot()).toEqual(before);
  });

  const badBodies: [string, (owner: string) => unknown][] = [
    ['an unknown field', (o) => aBody(o, { colour: 'red' })],
    ['a __proto__ key', (o) => JSON.parse(`{"__proto__":{"polluted":true},${JSON.stringify(aBody(o)).slice(1)}`)],
    ['a constructor key', (o) => aBody(o, { constructor: { prototype: { polluted: true } } })],
    ['a __proto__ key inside a tie', (o) => aBody(o, { ties: [JSON.parse('{"from":"mbu","to":"community","__proto__":{"polluted":true}}')] })],
    ['a tie to a group that is not the collaborative’s', (o) => aBody(o, { ties: [{ from: 'mbu', to: 'somebody-else' }] })],
    ['a tie to a retired group', (o) => aBody(o, { ties: [{ from: 'mbu', to: 'old-liaison' }] })],
    ['an owner not on the list', (_o) => aBody('44444444-4444-4444-8444-444444444444')],
    ['a status other than proposed or agreed', (o) => aBody(o, { status: 'done' })],
    ['no title', (o) => aBody(o, { title: '  ' })],
    ['not an object at all', (_o) => 'please record this'],
  ];

  it.each(badBodies)('refuses a body with %s kindly, and stores nothing', async (_what, body) => {
    const kit = await aKit(storage);
    const before = await kit.snapshot();
    const error = await rejection(createIntervention(kit.deps, await kit.access('facilitator'), body(kit.people.owner.aadObjectId)));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).userMessage).toMatch(/^(The intervention is not valid: |Each (tie|owner) must)/);
    expect((error as ValidationError).userMessage).not.toMatch(/undefined|\bat \w+ \(|Error:/);
    expect(await kit.snapshot()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('changing an intervention', () => {
  it('its owner and the facilitators may edit it; each edit is logged with its author and audited by field', async () => {
    const kit = await aKit(storage);
    const v1 = await recorded(kit);
    kit.clock.set('2024-06-10T09:00:00.000Z');
    const v2 = await edit(kit, 'owner', v1, { title: 'Discharge planning together', note: 'Shorter title.' });
    const v3 = await edit(kit, 'facilitator', v2, { dueOn: '2024-09-30', status: 'agreed' });

    expect(v3).toMatchObject({ title: 'Discharge planning together', dueOn: '2024-09-30', status: 'agreed', updatedAt: '2024-06-10T09:00:00.000Z' });
    expect(v3.updates.slice(1)).toEqual([
      { at: '2024-06-10T09:00:00.000Z', authorId: kit.people.owner.aadObjectId, authorName: 'Olu Owner', text: 'Shorter title.' },
      { at: '2024-06-10T09:00:00.000Z', authorId: kit.people.facilitator.aadObjectId, authorName: 'Fran Facilitator', text: 'Marked agreed.', statusChange: { from: 'proposed', to: 'agreed' } },
    ]);
    const changes = (await storage.audit.list(kit.collaborativeId)).filter((a) => a.action === 'intervention.changed');
    expect(changes.map((a) => [a.actorName, a.details])).toEqual(
      expect.arrayContaining([
        ['Olu Owner', { fields: ['title'], note: true }],
        ['Fran Facilitator', { fields: ['dueOn', 'status'], from: 'proposed', to: 'agreed', note: true }],
      ]),
    );
  });

  it('refuses an edit by someone who neither owns it nor facilitates, and stores nothing', async () => {
    const kit = await aKit(storage);
    const v1 = await recorded(kit);
    const before = await kit.snapshot();
    for (const patch of [{ title: 'Mine now' }, { status: 'agreed' }, { ownerIds: [kit.people.viewer.aadObjectId] }]) {
      const error = await rejection(edit(kit, 'viewer', v1, patch));
      expect(error).toBeInstanceOf(ForbiddenError);
      expect((error as ForbiddenError).userMessage).toBe(
        "Only the collaborative's facilitators and this intervention's owners can change it. You can still add an update to say how it is going.",
      );
    }
    expect(await kit.snapshot()).toEqual(before);
  });

  it('anyone on the list may add an update, but only an owner or facilitator may move the status with it', async () => {
    const kit = await aKit(storage);
    const v1 = await recorded(kit);
    const viewer = await kit.access('viewer');
    const noted = await addInterventionUpdate(kit.deps, viewer, v1.id, { text: 'Health visitors would like to join too.' });
    expect(noted.updates[1]).toMatchObject({ authorName: 'Vic Viewer', text: 'Health visitors would like to join too.' });
    expect(noted.status).toBe('proposed');

    const before = await kit.snapshot();
    expect(await rejection(addInterventionUpdate(kit.deps, viewer, v1.id, { text: 'Agreed, I think.', status: 'agreed' }))).toBeInstanceOf(ForbiddenError);
    expect(await kit.snapshot()).toEqual(before);

    const moved = await addInterventionUpdate(kit.deps, await kit.access('owner'), v1.id, { text: 'Agreed at the huddle.', status: 'agreed' });
    expect(moved.updates[2]).toMatchObject({ text: 'Agreed at the huddle.', statusChange: { from: 'proposed', to: 'agreed' } });
    const audit = (await storage.audit.list(kit.collaborativeId)).filter((a) => a.action === 'intervention.update_added');
    expect(audit.map((a) => a.details)).toEqual(expect.arrayContaining([{ entries: 2 }, { entries: 3, from: 'proposed', to: 'agreed' }]));
    expect(JSON.stringify(audit)).not.toContain('huddle');
  });

  it.each<[string, InterventionStatus[]]>([
    ['proposed, agreed, in progress, done', ['agreed', 'in_progress', 'done']],
    ['proposed, dropped, proposed again', ['dropped', 'proposed']],
    ['agreed, then dropped', ['agreed', 'dropped']],
    ['in progress, then dropped', ['agreed', 'in_progress', 'dropped']],
  ])('moves through %s, each move logged', async (_path, moves) => {
    const kit = await aKit(storage);
    let current = await recorded(kit);
    for (const [i, to] of moves.entries()) {
      kit.clock.set(`2024-07-0${i + 1}T09:00:00.000Z`);
      const from = current.status;
      current = await edit(kit, i % 2 === 0 ? 'owner' : 'facilitator', current, { status: to });
      expect(current.status).toBe(to);
      expect(current.updates[current.updates.length - 1]!.statusChange).toEqual({ from, to });
    }
    const stored = await getIntervention(kit.deps, await kit.access('viewer'), current.id);
    expect(stored.updates.map((u) => u.statusChange?.to).slice(1)).toEqual(moves);
    if (moves.includes('in_progress')) expect(stored.startOn).toBe('2024-07-02');
    if (moves.at(-1) === 'done') expect(stored).toMatchObject({ completedAt: '2024-07-03T09:00:00.000Z', nextStatuses: [] });
  });

  it.each<[InterventionStatus[], InterventionStatus]>([
    [[], 'done'],
    [[], 'in_progress'],
    [['agreed'], 'proposed'],
    [['agreed', 'in_progress'], 'agreed'],
    [['agreed', 'in_progress', 'done'], 'in_progress'],
    [['agreed', 'in_progress', 'done'], 'dropped'],
    [['dropped'], 'agreed'],
  ])('after %j, refuses a move to %s (IllegalStateError) and stores nothing', async (path, to) => {
    const kit = await aKit(storage);
    let current = await recorded(kit);
    for (const step of path) current = await edit(kit, 'facilitator', current, { status: step });
    const before = await kit.snapshot();
    for (const attempt of [() => edit(kit, 'facilitator', current, { status: to }), async () => addInterventionUpdate(kit.deps, await kit.access('owner'), current.id, { text: 'Moving on.', status: to })]) {
      const error = await rejection(attempt());
      expect(error).toBeInstanceOf(IllegalStateError);
      expect((error as IllegalStateError).userMessage).not.toMatch(/_/);
    }
    expect(await kit.snapshot()).toEqual(before);
  });

  it('a done intervention takes updates but no more edits', async () => {
    const kit = await aKit(storage);
    let current = await recorded(kit);
    for (const step of ['agreed', 'in_progress', 'done']) current = await edit(kit, 'facilitator', current, { status: step });
    expect(await rejection(edit(kit, 'facilitator', current, { title: 'Renamed afterwards' }))).toBeInstanceOf(IllegalStateError);
    const noted = await addInterventionUpdate(kit.deps, await kit.access('other'), current.id, { text: 'Still going well in October.' });
    expect(noted.updates.at(-1)!.text).toBe('Still going well in October.');
  });
});

describe('reading interventions', () => {
  it('filters by tie, dimension, owner and status, and puts the person’s own first when asked', async () => {
    const kit = await aKit(storage);
    const { owner, other } = kit.people;
    kit.clock.set('2024-06-01T09:00:00.000Z');
    const a = await recorded(kit, { title: 'A', ties: [{ from: 'mbu', to: 'community' }], dimensions: ['timely'] });
    kit.clock.set('2024-06-02T09:00:00.000Z');
    const b = await createIntervention(kit.deps, await kit.access('facilitator'), aBody(other.aadObjectId, { title: 'B', ties: [{ from: 'maternity', to: 'community' }], dimensions: ['shared_goals'], status: 'agreed' }));
    kit.clock.set('2024-06-03T09:00:00.000Z');
    const c = await recorded(kit, { title: 'C', ties: [{ from: 'community', to: 'mbu' }], dimensions: [], ownerIds: [owner.aadObjectId, other.aadObjectId] });
    const list = async (filters: unknown, who: Who = 'viewer') => (await listInterventions(kit.deps, await kit.access(who), filters)).map((x) => x.title);

    expect(await list({})).toEqual(['C', 'B', 'A']);
    expect(await list({ tieFrom: 'mbu' })).toEqual(['A']);
    expect(await list({ tieTo: 'community' })).toEqual(['B', 'A']);
    expect(await list({ tieFrom: 'community', tieTo: 'mbu' })).toEqual(['C']);
    expect(await list({ tieFrom: 'maternity', tieTo: 'mbu' })).toEqual([]);
    expect(await list({ dimension: 'shared_goals' })).toEqual(['B']);
    expect(await list({ ownerId: other.aadObjectId.toUpperCase() })).toEqual(['C', 'B']);
    expect(await list({ status: 'agreed' })).toEqual(['B']);
    expect(await list({ order: 'mine_first' }, 'other')).toEqual(['C', 'B', 'A']);
    expect(await list({ order: 'mine_first' }, 'owner')).toEqual(['C', 'A', 'B']);
    const summaries = await listInterventions(kit.deps, await kit.access('owner'), {});
    expect(summaries.find((s) => s.id === a.id)).toMatchObject({ mine: true, canEdit: true, updateCount: 1, lastUpdate: a.updates[0] });
    expect(summaries[0]).not.toHaveProperty('updates');
    expect(summaries.find((s) => s.id === b.id)).toMatchObject({ mine: false, canEdit: false });
    expect(c.owners.map((o) => o.name)).toEqual(['Olu Owner', 'Oz Other']);
  });

  it('refuses a filter it does not know, and says there is no such intervention for an unknown or malformed id', async () => {
    const kit = await aKit(storage);
    const viewer = await kit.access('viewer');
    expect(await rejection(listInterventions(kit.deps, viewer, { colour: 'red' }))).toBeInstanceOf(ValidationError);
    expect(await rejection(listInterventions(kit.deps, viewer, { status: 'finished' }))).toBeInstanceOf(ValidationError);
    for (const id of ['iv-nothing', '../I:x', 'a/b', '']) expect(await rejection(getIntervention(kit.deps, viewer, id))).toBeInstanceOf(NotFoundError);
  });

  it('shows nothing of one collaborative’s interventions to another collaborative’s people', async () => {
    const mine = await aKit(storage);
    const theirs = await aKit(storage);
    const made = await recorded(mine);
    expect(await listInterventions(theirs.deps, await theirs.access('facilitator'), {})).toEqual([]);
    expect(await rejection(getIntervention(theirs.deps, await theirs.access('facilitator'), made.id))).toBeInstanceOf(NotFoundError);
    expect(await rejection(edit(theirs, 'facilitator', made, { title: 'Taken over' }))).toBeInstanceOf(NotFoundError);
  });
});
