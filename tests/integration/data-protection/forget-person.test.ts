import { recordAudit } from '../../../src/app/audit';
import { forgetPerson, UnknownPersonError } from '../../../src/app/data-protection/forget-person';
import { closePulse, remindPulse } from '../../../src/app/pulse';
import type { Member } from '../../../src/domain/model/member';
import type { Storage } from '../../../src/storage/storage';
import { testStorage } from '../../support/test-storage';
import { answerAndSubmit, answers, aWorld, press, start, TAB_URL, type World } from '../app/app-test-kit';

jest.setTimeout(60_000);

/**
 * Forgetting a person, attacked as an outsider with the storage account would: after it,
 * every row of every table (keys and values) is searched for anything that names the person
 * or could be matched to them (object id, UPN, name, the respondent key of each pulse).
 */

let storage: Storage;
beforeEach(async () => {
  // A table prefix of its own for each test, so "every row" means this test's rows.
  storage = await testStorage();
});

/** Every row of every table, as raw JSON lines "<table> <row>". */
async function everyRow(): Promise<string[]> {
  const rows: string[] = [];
  for (const [role, client] of Object.entries(storage.clients)) {
    for await (const row of client.listEntities()) rows.push(`${role} ${JSON.stringify(row)}`);
  }
  return rows;
}

/** The rows that mention any of the needles (any case). */
async function rowsNaming(needles: readonly string[]): Promise<string[]> {
  const lower = needles.map((n) => n.toLowerCase());
  return (await everyRow()).filter((row) => lower.some((n) => row.toLowerCase().includes(n)));
}

/**
 * The person answered pulse 1 (released with the others', k = 3), left a draft in pulse 2 and
 * was reminded about it; they installed the app (an audit entry names them), as the others did.
 */
async function aPersonWithHistory(): Promise<{ world: World; person: Member; keys: string[]; pulseIds: string[] }> {
  const world = await aWorld(storage, { people: 5, k: 3 });
  const [person, ...others] = world.people as [Member, ...Member[]];
  for (const m of [person, others[0]!]) {
    await recordAudit({ storage, clock: () => world.clock.now, actor: { id: m.aadObjectId!, name: m.displayName } }, world.collaborative.id, 'teams.personal_installed', m.aadObjectId);
  }
  const first = (await start(world)).pulse;
  for (const m of [person, ...others.slice(0, 3)]) await answerAndSubmit(world, m);
  await remindPulse(world.deps, world.facilitator, world.collaborative.id);
  await closePulse(world.deps, world.facilitator, world.collaborative.id, { confirmed: true, tabUrl: TAB_URL });

  world.clock.now = new Date(world.clock.now.getTime() + 30 * 86_400_000);
  const second = (await start(world)).pulse;
  const started = await press(world, person, world.sender.cardsFor(person.aadObjectId!).at(-1)!, 'Start');
  await press(world, person, started.card, 'Next', answers('2'));
  for (const m of others.slice(0, 3)) await answerLatest(world, m);

  const scopes = [first, second].map((p) => ({ collaborativeId: world.collaborative.id, pulseId: p.id }));
  const keys = scopes.map((s) => storage.respondentKey(s, person.aadObjectId!));
  // The scheduled reminder round, as the queue records it: a row per person not finished, by respondent key.
  const unfinished = [person, others[3]!, { aadObjectId: world.facilitator.aadObjectId }].map((m) => storage.respondentKey(scopes[1]!, m.aadObjectId!));
  await storage.reminders.addPending(scopes[1]!, 'remind-day3', unfinished);
  // The history is really there: a ledger row in each pulse, a draft in the second.
  expect(await storage.submissions.findLedgerEntry({ ...scopes[0]!, respondentKey: keys[0]! })).toBeDefined();
  expect(await storage.submissions.findDraft({ ...scopes[1]!, respondentKey: keys[1]! })).toBeDefined();
  return { world, person, keys, pulseIds: [first.id, second.id] };
}

/** Answers the pulse of the latest card a person was sent, and submits. */
async function answerLatest(world: World, m: Member): Promise<void> {
  let reply = await press(world, m, world.sender.cardsFor(m.aadObjectId!).at(-1)!, 'Start');
  for (const next of ['Next', 'Next', 'Review', 'Submit']) reply = await press(world, m, reply.card, next, next === 'Submit' ? {} : answers('4'));
  expect(reply.outcome).toBe('submitted');
}

const needlesOf = (person: Member, keys: readonly string[]) => [person.aadObjectId!, person.upn!, person.displayName, ...keys];

describe('rc-pulse forget', () => {
  it('leaves nothing in any table that names the person or their respondent keys, and keeps the anonymous answers', async () => {
    const { world, person, keys, pulseIds } = await aPersonWithHistory();
    const scopes = pulseIds.map((pulseId) => ({ collaborativeId: world.collaborative.id, pulseId }));
    const needles = needlesOf(person, keys);
    // Before: they are found in the roster, the ledger, a draft, invitations, a reminder, the audit trail.
    const before = await rowsNaming(needles);
    for (const table of ['members', 'submissions', 'deliveries', 'audit']) expect(before.some((r) => r.startsWith(`${table} `))).toBe(true);
    expect(before.some((r) => r.startsWith('deliveries ') && r.includes(keys[1]!) && r.includes(':remind-'))).toBe(true);
    const responsesBefore = await Promise.all(scopes.map((s) => storage.responses.list(s)));
    expect(responsesBefore[0]).toHaveLength(4);

    const result = await forgetPerson({ storage, clock: () => world.clock.now, actor: { id: 'cli', name: 'dpo' } }, { collaborativeId: world.collaborative.id, person: person.upn!.toUpperCase() });

    expect(await rowsNaming(needles)).toEqual([]);
    expect(result.removed).toMatchObject({ rosterRows: 1, ledgerRows: 2, drafts: 1, facilitatorRoles: 0, auditEntriesRedacted: 1 });
    // Two invitations and the reminder about pulse 2 (pulse 1's reminder was never theirs: they had answered).
    expect(result.removed.sendingRows).toBe(3);
    // Every released answer is still there, unchanged; the pending ones of pulse 2 too.
    expect(await Promise.all(scopes.map((s) => storage.responses.list(s)))).toEqual(responsesBefore);
    expect(result.anonymousResponsesKept).toBe(responsesBefore.flat().length);
    // The others are untouched: still on the list, their ledger rows and audit entry as they were.
    const other = world.people[1]!;
    expect(await storage.members.findByAadObjectId(world.collaborative.id, other.aadObjectId!)).toBeDefined();
    expect(await storage.submissions.findLedgerEntry({ ...scopes[0]!, respondentKey: storage.respondentKey(scopes[0]!, other.aadObjectId!) })).toBeDefined();
    expect((await rowsNaming([other.aadObjectId!])).some((r) => r.startsWith('audit '))).toBe(true);
    // The trail says someone was forgotten, with counts, never who.
    const trail = await storage.audit.list(world.collaborative.id);
    expect(trail.find((e) => e.action === 'person.forgotten')).toMatchObject({ actorId: 'cli', details: { rosterRows: 1, ledgerRows: 2, drafts: 1, sendingRows: 3 } });
    expect(trail.find((e) => e.action === 'teams.personal_installed' && e.actorId === '[forgotten]')).toMatchObject({ subject: '[forgotten]', actorName: '[forgotten]' });
  });

  it('takes them off the transition checks that named them, as staff and as starter, keeping each check\'s roles', async () => {
    const world = await aWorld(storage, { people: 4, k: 3 });
    const [person, a, b] = world.people as [Member, Member, Member];
    const staff = [
      { aadObjectId: person.aadObjectId!, workgroupId: 'mbu-nursing' },
      { aadObjectId: a.aadObjectId!, workgroupId: 'health-visiting' },
      { aadObjectId: b.aadObjectId!, workgroupId: 'community-perinatal' },
    ];
    const check = (id: string, startedBy: string) => ({
      collaborativeId: world.collaborative.id, id, type: 'discharge' as const, reference: 'MBU discharge 4', staff, familyLinks: 0, windowDays: 7,
      status: 'open' as const, startedBy, openedAt: '2026-03-02T09:00:00.000Z', closesAt: '2026-03-09T09:00:00.000Z', cardConversationId: `a:chat-of-${startedBy}`,
    });
    await storage.transitions.create(check('t-0000000000000001', person.aadObjectId!));
    await storage.transitions.create(check('t-0000000000000002', a.aadObjectId!));
    expect((await rowsNaming([person.aadObjectId!])).filter((r) => r.startsWith('transitions '))).toHaveLength(2);

    const result = await forgetPerson({ storage, clock: () => world.clock.now, actor: { id: 'cli', name: 'dpo' } }, { collaborativeId: world.collaborative.id, person: person.aadObjectId! });

    expect(result.removed.transitionChecks).toBe(2);
    expect(await rowsNaming([person.aadObjectId!, person.upn!, person.displayName])).toEqual([]);
    const [mine, theirs] = await Promise.all(['t-0000000000000001', 't-0000000000000002'].map((id) => storage.transitions.get(world.collaborative.id, id)));
    // The team keeps its size and roles; the others keep their places; only the person's own chat is gone.
    expect(mine!.value.staff.map((s) => s.workgroupId)).toEqual(['mbu-nursing', 'health-visiting', 'community-perinatal']);
    expect(mine!.value.staff.slice(1)).toEqual(staff.slice(1));
    expect(mine!.value.cardConversationId).toBeUndefined();
    expect(theirs!.value).toMatchObject({ startedBy: a.aadObjectId!.toLowerCase(), cardConversationId: `a:chat-of-${a.aadObjectId!}` });
  });

  it('forgets a facilitator found by object id: their role goes too', async () => {
    const world = await aWorld(storage, { people: 2 });
    const id = world.facilitator.aadObjectId;
    const result = await forgetPerson({ storage, clock: () => world.clock.now, actor: { id: 'cli' } }, { collaborativeId: world.collaborative.id, person: id.toUpperCase() });
    expect(result.removed).toMatchObject({ rosterRows: 1, facilitatorRoles: 1 });
    expect((await storage.collaboratives.get(world.collaborative.id)).value.facilitatorIds).toEqual([]);
    expect(await rowsNaming([id, 'Fran Facilitator'])).toEqual([]);
  });

  it('refuses someone nobody knows by that UPN or object id, and changes nothing', async () => {
    const { world } = await aPersonWithHistory();
    const rows = (await everyRow()).sort();
    const deps = { storage, clock: () => world.clock.now, actor: { id: 'cli' } };
    await expect(forgetPerson(deps, { collaborativeId: world.collaborative.id, person: 'nobody.here@nhs.net' })).rejects.toBeInstanceOf(UnknownPersonError);
    await expect(forgetPerson(deps, { collaborativeId: world.collaborative.id, person: '3f0c2b8e-1a2b-4c3d-8e9f-0a1b2c3d4e5f' })).rejects.toMatchObject({
      code: 'not_found',
      userMessage: expect.stringContaining('Nothing was changed.'),
    });
    await expect(forgetPerson(deps, { collaborativeId: world.collaborative.id, person: 'not a upn' })).rejects.toMatchObject({ code: 'invalid_input' });
    expect((await everyRow()).sort()).toEqual(rows);
  });
});
