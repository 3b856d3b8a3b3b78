import { cancelPulse, closePulse, extendPulse, pulseStatus, remindPulse, resendPulse, startPulse, type StartPulseOptions } from '../../../src/app/pulse';
import { IllegalStateError, ValidationError } from '../../../src/domain/errors';
import { asksEveryone } from '../../../src/domain/model/pulse-scope';
import type { Member } from '../../../src/domain/model/member';
import { pulseKeys } from '../../../src/storage/keys/pulse-keys';
import type { Storage } from '../../../src/storage/storage';
import { inputValues } from '../../support/adaptive-card-validator';
import { aPulse } from '../../support/fixtures';
import { testStorage } from '../../support/test-storage';
import { answers, aWorld, invitationOf, press, TAB_URL, type World } from './app-test-kit';

jest.setTimeout(30_000);

/**
 * Pulse scopes: who is asked and which groups are rated, and several open pulses as long as
 * nobody is asked twice. People 0..5 are in MBU nursing, Community perinatal team and Health
 * visiting in turn; the facilitator is in MBU nursing.
 */

let storage: Storage;
beforeAll(async () => {
  storage = await testStorage();
});

const begin = (world: World, options: StartPulseOptions) => startPulse(world.deps, world.facilitator, world.collaborative.id, options);
const inGroup = (world: World, id: string) => world.people.filter((p) => p.workgroupId === id);
const cardsOf = (world: World, member: Member) => world.sender.cardsFor(member.aadObjectId!);
/** The values the "Which group do you work in?" question offers. */
const choicesOf = (card: unknown): string[] => {
  const found = /"id":"workgroupId"[^\]]*?"choices":(\[[^\]]*\])|"choices":(\[[^\]]*\]),[^\]]*?"id":"workgroupId"/.exec(JSON.stringify(card));
  const list = JSON.parse(found?.[1] ?? found?.[2] ?? '[]') as { value: string }[];
  return list.map((c) => c.value);
};

describe('a scoped pulse', () => {
  it('invites only members of the groups it asks, offers only those groups, and rates only its targets', async () => {
    const world = await aWorld(storage, { people: 6 });
    const result = await begin(world, { asking: ['mbu nursing'], rating: ['MBU nursing', 'Health visiting'] });
    expect(result.pulse).toMatchObject({ participantWorkgroupIds: ['mbu-nursing'], targetWorkgroupIds: ['mbu-nursing', 'health-visiting'] });
    expect(result.pulse.title).toBe('Asking MBU nursing; rating MBU nursing, Health visiting');

    // Two MBU nurses and the facilitator (also MBU nursing): nobody else.
    const asked = [...inGroup(world, 'mbu-nursing').map((p) => p.aadObjectId), world.facilitator.aadObjectId].sort();
    expect(world.sender.toMembers.map((s) => s.aadObjectId).sort()).toEqual(asked);
    expect(result).toMatchObject({ invited: 3, unreachable: 0 });
    for (const other of [...inGroup(world, 'community-perinatal'), ...inGroup(world, 'health-visiting')]) expect(cardsOf(world, other)).toEqual([]);

    const nurse = inGroup(world, 'mbu-nursing')[0]!;
    const card = invitationOf(world, nurse);
    expect(JSON.stringify(card)).toContain('Pulse: Asking MBU nursing; rating MBU nursing, Health visiting');
    expect(JSON.stringify(card)).toContain('You will rate 2 groups');
    expect(choicesOf(card)).toEqual(['mbu-nursing']);

    // A card altered to claim another group is refused, and nothing is stored.
    const tampered = await press(world, nurse, card, 'Start', { workgroupId: 'health-visiting' });
    expect(tampered.outcome).toBe('rejected');
    const scope = { collaborativeId: world.collaborative.id, pulseId: result.pulse.id };
    expect(await storage.submissions.listLedger(scope)).toEqual([]);

    // The survey asks about exactly the two rated groups, then the review.
    let reply = await press(world, nurse, card, 'Start', { workgroupId: 'mbu-nursing' });
    const asks = [JSON.stringify(reply.card)];
    reply = await press(world, nurse, reply.card, 'Next', answers('4'));
    asks.push(JSON.stringify(reply.card));
    reply = await press(world, nurse, reply.card, 'Review', answers('4'));
    expect(reply.outcome).toBe('step');
    expect(asks[0]).toContain('MBU nursing');
    expect(asks[1]).toContain('Health visiting');
    expect(asks.join()).not.toContain('Community perinatal team');
    const submitted = await press(world, nurse, reply.card, 'Submit');
    expect(submitted.outcome).toBe('submitted');
    const pending = await storage.submissions.listPending(scope);
    expect(pending).toHaveLength(1);
    expect(Object.keys(pending[0]!.value.ratings).sort()).toEqual(['health-visiting', 'mbu-nursing']);
  });

  it('refuses an unknown group or a group asked but not rated, kindly, and stores nothing', async () => {
    const world = await aWorld(storage);
    await expect(begin(world, { asking: ['Midwives'] })).rejects.toMatchObject({ userMessage: expect.stringContaining('"Midwives"') });
    await expect(begin(world, { asking: ['Health visiting'], rating: ['MBU nursing'] })).rejects.toBeInstanceOf(ValidationError);
    await expect(begin(world, { asking: ['Health visiting'], rating: ['MBU nursing'] })).rejects.toMatchObject({ userMessage: expect.stringContaining('Health visiting') });
    expect(await storage.pulses.list(world.collaborative.id)).toEqual([]);
    expect(world.sender.toMembers).toEqual([]);
  });
});

describe('several open pulses', () => {
  it('opens two pulses whose people do not overlap; each person gets the one card of their pulse', async () => {
    const world = await aWorld(storage, { people: 6 });
    const a = await begin(world, { asking: ['MBU nursing'], rating: ['MBU nursing', 'Community perinatal team'], title: 'Leadership' });
    const b = await begin(world, { asking: ['Community perinatal team', 'Health visiting'], rating: ['Community perinatal team', 'Health visiting'] });
    const open = (await storage.pulses.list(world.collaborative.id)).filter((p) => p.status === 'open');
    expect(open.map((p) => p.id).sort()).toEqual([a.pulse.id, b.pulse.id].sort());
    for (const person of world.people) {
      const cards = cardsOf(world, person);
      expect(cards).toHaveLength(1);
      const expected = person.workgroupId === 'mbu-nursing' ? a.pulse : b.pulse;
      expect(JSON.stringify(cards[0])).toContain(`"pulseId":"${expected.id}"`);
      expect(inputValues(cards[0]!)).toEqual({ workgroupId: person.workgroupId });
    }
    expect(JSON.stringify(cardsOf(world, inGroup(world, 'mbu-nursing')[0]!)[0])).toContain('Pulse: Leadership');
  });

  it('refuses a pulse whose people are already asked in an open pulse, naming the pulse and the groups', async () => {
    const world = await aWorld(storage, { people: 6 });
    await begin(world, { asking: ['MBU nursing', 'Health visiting'], title: 'Mother and baby pathway' });
    const sentBefore = world.sender.toMembers.length;
    const overlapping = begin(world, { asking: ['Health visiting', 'Community perinatal team'] });
    await expect(overlapping).rejects.toBeInstanceOf(IllegalStateError);
    await expect(overlapping).rejects.toMatchObject({
      code: 'pulse_already_open',
      userMessage: expect.stringMatching(/"Mother and baby pathway" is open and already asks Health visiting,/),
    });
    // Everyone (no scope) overlaps with any open pulse.
    await expect(begin(world, {})).rejects.toMatchObject({ userMessage: expect.stringMatching(/asks (Health visiting, MBU nursing|MBU nursing, Health visiting), so/) });
    expect(await storage.pulses.list(world.collaborative.id)).toHaveLength(1);
    expect(world.sender.toMembers).toHaveLength(sentBefore);
  });
  it('does not count an open transition check as asking anyone twice', async () => {
    const world = await aWorld(storage, { people: 3 });
    const check = aPulse(world.collaborative.id, { id: 't-check-1', kind: 'transition', status: 'draft', targetWorkgroupIds: ['mbu-nursing', 'health-visiting'] });
    await storage.pulses.advance(await storage.pulses.create(check), 'open', '2026-03-01T09:00:00.000Z');
    const { pulse } = await begin(world, {});
    expect(pulse.status).toBe('open');
  });
});

describe('commands when several pulses are open', () => {
  it('ask which pulse when none is named, and act on the one named by id or title', async () => {
    const world = await aWorld(storage, { people: 6 });
    const c = world.collaborative.id;
    const a = (await begin(world, { asking: ['MBU nursing'], rating: ['MBU nursing'], title: 'Leadership' })).pulse;
    const b = (await begin(world, { asking: ['Health visiting'], rating: ['Health visiting'], title: 'Pathway' })).pulse;
    const which = { code: 'which_pulse', userMessage: expect.stringMatching(/^2 pulses are open: .*"Leadership" \(p\d+-\w+\).*"Pathway"/) };
    await expect(pulseStatus(world.deps, world.facilitator, c)).rejects.toMatchObject(which);
    await expect(remindPulse(world.deps, world.facilitator, c)).rejects.toMatchObject(which);
    await expect(closePulse(world.deps, world.facilitator, c, { confirmed: false, tabUrl: TAB_URL })).rejects.toMatchObject({
      code: 'which_pulse',
      userMessage: expect.stringContaining('"pulse close p'),
    });

    expect((await pulseStatus(world.deps, world.facilitator, c, { pulseId: 'leadership' })).pulseId).toBe(a.id);
    const confirm = await closePulse(world.deps, world.facilitator, c, { confirmed: false, tabUrl: TAB_URL, pulseId: b.id });
    expect(confirm).toMatchObject({ kind: 'confirm', view: { pulseId: b.id } });
    const closed = await closePulse(world.deps, world.facilitator, c, { confirmed: true, tabUrl: TAB_URL, pulseId: b.id });
    expect(closed).toMatchObject({ kind: 'closed', pulse: { id: b.id } });
    // One open again: the commands need no name, as before.
    expect((await pulseStatus(world.deps, world.facilitator, c)).pulseId).toBe(a.id);
  });

  it('never guess which pulse to extend, resend or cancel: they ask, change nothing, and act on the one named', async () => {
    const world = await aWorld(storage, { people: 6 });
    const c = world.collaborative.id;
    const a = (await begin(world, { asking: ['MBU nursing'], rating: ['MBU nursing'], title: 'Leadership' })).pulse;
    const b = (await begin(world, { asking: ['Health visiting'], rating: ['Health visiting'], title: 'Pathway' })).pulse;
    const which = { code: 'which_pulse', open: expect.arrayContaining([expect.objectContaining({ id: a.id, collaborativeId: c, participantWorkgroupIds: ['mbu-nursing'] })]) };
    await expect(extendPulse(world.deps, world.facilitator, c, { days: 3 })).rejects.toMatchObject(which);
    await expect(resendPulse(world.deps, world.facilitator, c)).rejects.toMatchObject(which);
    await expect(cancelPulse(world.deps, world.facilitator, c, { confirmed: true })).rejects.toMatchObject(which);
    const stored = await storage.pulses.list(c);
    expect(stored.map((p) => [p.status, p.closesAt])).toEqual([b, a].map((p) => ['open', p.closesAt]));

    const extended = await extendPulse(world.deps, world.facilitator, c, { days: 3 }, { pulseId: 'pathway' });
    expect(extended.pulse.id).toBe(b.id);
    expect((await storage.pulses.get(c, a.id)).value.closesAt).toBe(a.closesAt);
    await expect(resendPulse(world.deps, world.facilitator, c, { pulseId: a.id })).resolves.toMatchObject({ nobodyToRemind: false });
    expect(await cancelPulse(world.deps, world.facilitator, c, { confirmed: true, pulseId: 'Leadership' })).toMatchObject({ kind: 'cancelled', pulse: { id: a.id } });
    expect((await storage.pulses.get(c, b.id)).value.status).toBe('open');
  });
});

describe('rows stored before scopes', () => {
  it('read as asking everyone: every member is invited and may choose any rated group', async () => {
    const world = await aWorld(storage, { people: 3 });
    const scoped = (await begin(world, { asking: ['MBU nursing'] })).pulse;
    // The same row as an older release wrote it: no participant list at all.
    const keys = pulseKeys(world.collaborative.id, scoped.id);
    const raw = await storage.clients.pulses.getEntity<Record<string, unknown>>(keys.partitionKey, keys.rowKey);
    expect(raw).toHaveProperty('participantWorkgroupIds');
    const { participantWorkgroupIds: _dropped, etag: _etag, timestamp: _t, ...older } = raw;
    await storage.clients.pulses.upsertEntity(older as { partitionKey: string; rowKey: string }, 'Replace');

    const read = (await storage.pulses.get(world.collaborative.id, scoped.id)).value;
    expect(read.participantWorkgroupIds).toBeUndefined();
    expect(asksEveryone(read)).toBe(true);
    // Read as everyone, it now overlaps with any new pulse.
    await expect(begin(world, { asking: ['Health visiting'] })).rejects.toMatchObject({ code: 'pulse_already_open' });
  });

  it('a pulse started without a scope stores no participant list and invites everyone, as before', async () => {
    const world = await aWorld(storage, { people: 3 });
    const { pulse, invited } = await begin(world, {});
    expect(invited).toBe(4);
    expect(pulse.title).toBeUndefined();
    const keys = pulseKeys(world.collaborative.id, pulse.id);
    const raw = await storage.clients.pulses.getEntity<Record<string, unknown>>(keys.partitionKey, keys.rowKey);
    expect(raw).not.toHaveProperty('participantWorkgroupIds');
    expect(choicesOf(invitationOf(world, world.people[0]!)).sort()).toEqual(['community-perinatal', 'health-visiting', 'mbu-nursing']);
  });
});
