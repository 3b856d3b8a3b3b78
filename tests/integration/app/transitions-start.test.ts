import { randomUUID } from 'node:crypto';
import { closeTransition, inviteReachableStaff, registerTransitionCardKinds, TRANSITION_INVITATION, transitionReach } from '../../../src/app/transitions';
import { CardKindRegistry } from '../../../src/delivery/card-kinds';
import { expectValidCard } from '../../support/adaptive-card-validator';
import { ValidationError } from '../../../src/domain/errors';
import type { Member } from '../../../src/domain/model/member';
import type { Storage } from '../../../src/storage/storage';
import { aCollaborative } from '../../support/fixtures';
import { testStorage } from '../../support/test-storage';
import { familyLinksPort } from '../../../bot/transition-setup';
import { aTransitionWorld, pressAs, scopeOfCheck, staffAnswers, startCheck, type TransitionWorld } from './transitions-kit';

jest.setTimeout(30_000);

let storage: Storage;
beforeAll(async () => {
  storage = await testStorage();
});

/** Every row of the tables a start writes, to show a refused start wrote nothing. */
async function startRows(): Promise<number> {
  let n = 0;
  for (const role of ['pulses', 'transitions', 'deliveries', 'jobs', 'familyLinks', 'audit'] as const) for await (const _ of storage.clients[role].listEntities()) n += 1;
  return n;
}

const staffOf = (world: TransitionWorld) => world.people.slice(0, 3);

describe('starting a transition check', () => {
  it('stores the check and its pulse, issues the family links and sends a card to each named member of staff only', async () => {
    const world = await aTransitionWorld(storage, { people: 6 });
    const started = await startCheck(world, staffOf(world), { familyLinks: 2 });
    expect(started.check).toMatchObject({ type: 'admission', reference: 'MBU admission 14', status: 'open', familyLinks: 2 });
    expect(started.pulse).toMatchObject({ id: started.check.id, kind: 'transition', status: 'open', k: 3 });
    // The pulse, listed elsewhere, never carries the reference.
    expect(JSON.stringify(started.pulse)).not.toContain('MBU admission 14');
    expect(started.familyLinks).toHaveLength(2);
    expect(started.familyLinks[0]!.url).toMatch(/\/f\//);
    const sentTo = world.sender.toMembers.map((s) => s.aadObjectId).sort();
    expect(sentTo).toEqual(staffOf(world).map((m) => m.aadObjectId).sort());
    // The card names the check with its type and reference, and asks about the other roles only.
    const card = JSON.stringify(world.sender.toMembers[0]!.card);
    expect(card).toContain("this admission (transition check 'MBU admission 14')");
    expect(started.unreachable).toEqual([]);
    expect(started.reach).toEqual({ invited: 5, reached: 5, answered: 0, unreachable: [] });
    expect((await storage.jobs.find(scopeOfCheck(started), 'transition-close'))?.value.dueAt).toBe(started.check.closesAt);
  });

  it.each([
    ['943 476 5919', 'an NHS number'],
    ['jo@example.com', 'an e-mail address'],
    ['01/02/1990', 'a date'],
    ['07700 900123', 'a phone number'],
  ])('refuses the reference %s, saying it looks like %s, and stores nothing', async (reference, looksLike) => {
    const world = await aTransitionWorld(storage, { people: 3 });
    const before = await startRows();
    const refused = startCheck(world, staffOf(world), { reference });
    await expect(refused).rejects.toThrow(ValidationError);
    await expect(refused).rejects.toMatchObject({ userMessage: expect.stringContaining(`This looks like ${looksLike}`) });
    expect(await startRows()).toBe(before);
    expect(world.sender.toMembers).toEqual([]);
  });

  it('refuses a check that asks for family links on a server with no link secret before storing anything, and starts one without links', async () => {
    const world = await aTransitionWorld(storage, { people: 3 });
    const noSecret = { ...world, tdeps: { ...world.tdeps, familyLinks: familyLinksPort(storage, { publicUrl: 'https://rcpulse.example.nhs.uk' }, world.tdeps.clock) } };
    const before = await startRows();
    const refused = startCheck(noSecret, staffOf(world), { familyLinks: 2 });
    await expect(refused).rejects.toMatchObject({ userMessage: expect.stringContaining('start the check with 0 family links') });
    expect(await startRows()).toBe(before);
    expect(world.sender.toMembers).toEqual([]);

    const started = await startCheck(noSecret, staffOf(world), { familyLinks: 0 });
    expect(started.familyLinks).toEqual([]);
    expect(started.pulse.status).toBe('open');
  });

  it('reports staff the bot cannot reach yet, and sends their card once they can be reached', async () => {
    const world = await aTransitionWorld(storage, { people: 2, notInstalled: 1 });
    const notInstalled = (await storage.members.list(world.collaborative.id)).find((m) => m.installState !== 'installed')!;
    const staff = [...world.people.slice(0, 2), notInstalled];
    const started = await startCheck(world, staff, { familyLinks: 0 });
    expect(started.unreachable).toEqual([notInstalled.aadObjectId]);
    expect(started.reach).toMatchObject({ invited: 3, reached: 2, unreachable: [notInstalled.aadObjectId] });
    expect(world.sender.cardsFor(notInstalled.aadObjectId!)).toHaveLength(0);

    // They install RC Pulse: the bot asks for the check's reach again and their card goes, once.
    await storage.members.upsertMany([{ ...notInstalled, installState: 'installed', conversationReference: { conversation: { id: 'a:late' } } }]);
    const again = await inviteReachableStaff(world.tdeps, scopeOfCheck(started));
    expect(again.reach).toMatchObject({ reached: 3, unreachable: [] });
    await inviteReachableStaff(world.tdeps, scopeOfCheck(started));
    expect(world.sender.cardsFor(notInstalled.aadObjectId!)).toHaveLength(1);
    expect(world.sender.toMembers).toHaveLength(3);
  });

  it("reaches staff from another collaborative's list, and counts answers with the role the check gives each one", async () => {
    const world = await aTransitionWorld(storage, { people: 3 });
    // A guest from another Trust: on another collaborative's list only, where RC Pulse is installed for them.
    const other = (await storage.collaboratives.create(aCollaborative())).value;
    const guestId = randomUUID();
    await storage.members.upsertMany([
      { collaborativeId: other.id, id: 'm-guest', aadObjectId: guestId, upn: 'guest@other.nhs.uk', displayName: 'Guest', organisationId: 'x', workgroupId: 'w', installState: 'installed', conversationReference: { conversation: { id: 'a:guest' } } },
    ]);
    const guest = (await storage.members.findByAadObjectId(other.id, guestId))!.value as Member;
    // people[0] is in MBU nursing on the list; the check has them answer for health visiting.
    const staff = [{ ...world.people[0]!, workgroupId: 'health-visiting' }, world.people[1]!, { ...guest, workgroupId: 'mbu-nursing' }];
    const started = await startCheck(world, staff, { familyLinks: 0 });
    expect(started.unreachable).toEqual([]);
    for (const m of staff) expect((await staffAnswers(world, m, '4')).outcome).toBe('submitted');
    // Everyone invited answered: the check closed, released every answer, and published.
    const responses = await storage.responses.list(scopeOfCheck(started));
    expect(responses.map((r) => r.respondentWorkgroupId).sort()).toEqual(['community-perinatal', 'health-visiting', 'mbu-nursing']);
    // Each rated the other roles present, never their own.
    for (const r of responses) expect(Object.keys(r.ratings)).not.toContain(r.respondentWorkgroupId);
    expect((await transitionReach(world.tdeps, scopeOfCheck(started))).answered).toBe(3);
  });

  it('refuses a card pressed by someone the check does not name, and stores nothing', async () => {
    const world = await aTransitionWorld(storage, { people: 4 });
    await startCheck(world, staffOf(world), { familyLinks: 0 });
    const card = world.sender.toMembers[0]!.card;
    const reply = await pressAs(world, world.people[3]!, card, 'Next', Object.fromEntries(['frequent', 'timely', 'accurate', 'problem_solving', 'shared_goals', 'shared_knowledge', 'mutual_respect'].map((d) => [d, '4'])));
    expect(reply.outcome).toBe('rejected');
    expect(JSON.stringify(reply.card)).toContain('answered only by the staff it names');
  });

  it('is a card kind the delivery engine prepares as it goes: the check’s card for its staff, nothing once it has closed', async () => {
    const world = await aTransitionWorld(storage, { people: 4 });
    const started = await startCheck(world, staffOf(world), { familyLinks: 0 });
    const kinds = new CardKindRegistry();
    registerTransitionCardKinds(kinds, { storage });
    const handler = kinds.get(TRANSITION_INVITATION)!;
    const request = (m: Member) => ({ scope: scopeOfCheck(started), round: 'invite', recipient: m as Member & { aadObjectId: string }, input: {} });
    const ready = await handler.prepare(request(world.people[0]!));
    expect(ready.kind).toBe('send');
    if (ready.kind === 'send') {
      expectValidCard(ready.card);
      expect(JSON.stringify(ready.card)).toContain('MBU admission 14');
    }
    expect((await handler.prepare(request(world.people[3]!))).kind).toBe('end');
    await closeTransition(world.tdeps, world.facilitator, scopeOfCheck(started));
    expect(await handler.prepare(request(world.people[0]!))).toMatchObject({ kind: 'end', status: 'failed' });
  });
});
