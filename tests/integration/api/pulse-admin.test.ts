import type { AddressInfo } from 'node:net';
import type restify from 'restify';
import { parseAuthConfig } from '../../../src/config/auth-config';
import { pulseAdminResponseSchema, pulseCancelResponseSchema, pulseStartResponseSchema, type PulseAdminItem } from '../../../src/contract/pulse-admin-contract';
import { registerApiRoutes } from '../../../src/http/api-routes';
import { createServer } from '../../../src/http/server';
import { DIMENSIONS } from '../../../src/domain/instrument';
import type { Response } from '../../../src/domain/model/response';
import { randomKey } from '../../../src/storage/keys/key-rules';
import type { Storage } from '../../../src/storage/storage';
import { publishClosedPulse } from '../../../src/app/pulse/publish-results';
import { scopeOf } from '../../../src/domain/model/pulse';
import { aPulse } from '../../support/fixtures';
import { testStorage } from '../../support/test-storage';
import { answers, aWorld, invitationOf, press, type World } from '../app/app-test-kit';
import { APP_ID_URI, CLIENT_ID, getJson, startKeyServer, TENANT, type KeyServer } from './api-harness';

// The facilitators' pulse routes, attacked as an outsider would: without a sign-in, as a member
// who is not a facilitator, as a facilitator of another collaborative, with bodies that do not
// fit; and by pulse id, with two open pulses asking different groups.
jest.setTimeout(90_000);

let storage: Storage;
let keys: KeyServer;
let server: restify.Server;
let base: string;
let world: World;
let other: World;

beforeAll(async () => {
  storage = await testStorage();
  keys = await startKeyServer();
  world = await aWorld(storage, { people: 6 });
  other = await aWorld(storage, { people: 3 });
  for (const w of [world, other]) await storage.collaboratives.modify(w.collaborative.id, (c) => ({ ...c, allowedTenantIds: [TENANT] }));
  const auth = parseAuthConfig({ TAB_CLIENT_ID: CLIENT_ID, TAB_APP_ID_URI: APP_ID_URI, AUTH_JWKS_URL: keys.url }, { host: '127.0.0.1' });
  server = createServer({ health: async () => ({ ok: true, checks: {} }), log: () => undefined });
  // Cards go straight to the recording sender (the bot passes its queue fan-out instead).
  registerApiRoutes(server, { storage, auth, clock: () => world.clock.now, log: () => undefined, pulses: { sender: world.sender, log: world.log } });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/collaboratives/${world.collaborative.id}`;
});
afterAll(async () => {
  server.close();
  await keys.stop();
});

const tokenOf = (oid: string) => keys.sign({ oid, upn: `${oid.slice(0, 8)}@nhs.net` });
const fran = () => world.facilitator.aadObjectId;
async function call(method: string, path: string, oid: string | undefined, body?: unknown) {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', ...(oid ? { Authorization: `Bearer ${await tokenOf(oid)}` } : {}) };
  const res = await fetch(`${base}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const text = await res.text();
  return { status: res.status, text, body: (text ? JSON.parse(text) : undefined) as Record<string, unknown> };
}
/** Everything a write could change: the pulses' rows, the audit trail, the cards sent. */
async function snapshot(): Promise<string> {
  const pulses = await storage.pulses.list(world.collaborative.id);
  const audit = await storage.audit.list(world.collaborative.id);
  return JSON.stringify({ pulses, audit: audit.length, cards: world.sender.toMembers.length });
}
async function list(): Promise<PulseAdminItem[]> {
  const res = await getJson(`${base}/pulse-admin`, await tokenOf(fran()));
  expect(res.status).toBe(200);
  return pulseAdminResponseSchema.parse(res.body).pulses;
}
const inGroup = (id: string) => world.people.filter((p) => p.workgroupId === id);

let mbuPulse: string;
let visitingPulse: string;
let scheduled: string;
// A Wednesday morning, outside quiet hours (the clock starts on Monday 2 March 2026).
const OPENS = '2026-03-04T10:00:00.000Z';

describe('the facilitators’ pulse routes', () => {
  it('start two open pulses with separate scopes, named by group', async () => {
    const a = await call('POST', '/pulses', fran(), { title: 'MBU pulse', asking: ['MBU nursing'], rating: ['MBU nursing'], closesInDays: 10 });
    expect(a.status).toBe(201);
    const started = pulseStartResponseSchema.parse(a.body);
    if (started.kind !== 'started') throw new Error('not started');
    mbuPulse = started.pulse.id;
    // Two MBU nurses and the facilitator (also MBU nursing) were invited.
    expect(started).toMatchObject({ invited: 3, unreachable: 0, pulse: { status: 'open', asking: ['MBU nursing'], rating: ['MBU nursing'] } });
    const b = await call('POST', '/pulses', fran(), { title: 'Visiting pulse', asking: ['health-visiting'], rating: ['Health visiting'] });
    expect(b.status).toBe(201);
    visitingPulse = (b.body.pulse as { id: string }).id;
    // A third that would ask MBU nurses twice is refused, with the server's reason.
    const twice = await call('POST', '/pulses', fran(), { asking: ['MBU nursing'], rating: ['MBU nursing'] });
    expect(twice.status).toBe(409);
    expect(twice.body.message).toContain('already asks MBU nursing');
  });

  it('schedules a pulse: a preview that stores nothing, then saved as scheduled, then changed', async () => {
    const body = { title: 'Community later', asking: ['Community perinatal team'], rating: ['Community perinatal team'], closesInDays: 7, opensAt: OPENS, recurrence: { every: 1, unit: 'week', count: 3 } };
    const before = await snapshot();
    const preview = await call('POST', '/pulses', fran(), body);
    expect(preview.status).toBe(200);
    const asked = pulseStartResponseSchema.parse(preview.body);
    expect(asked).toMatchObject({ kind: 'confirm', schedule: { opensAt: OPENS, asking: ['Community perinatal team'], recurrence: { every: 1, unit: 'week', count: 3 } } });
    if (asked.kind === 'confirm') expect(asked.schedule.openings).toHaveLength(3);
    expect(await snapshot()).toBe(before);

    const saved = await call('POST', '/pulses', fran(), { ...body, confirm: true });
    expect(saved.status).toBe(201);
    const done = pulseStartResponseSchema.parse(saved.body);
    if (done.kind !== 'scheduled') throw new Error('not scheduled');
    scheduled = done.pulse.id;
    expect(done.pulse).toMatchObject({ status: 'draft', opensAt: OPENS, progress: null, can: { edit: true, extend: false, resend: false, cancel: true } });
    // Nobody was sent anything: it opens later.
    expect(world.sender.toMembers.length).toBe(JSON.parse(before).cards);

    const later = '2026-03-05T10:00:00.000Z';
    const edited = await call('PATCH', `/pulses/${scheduled}`, fran(), { title: 'Community, Thursday', opensAt: later, recurrence: null });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ pulse: { id: scheduled, title: 'Community, Thursday', opensAt: later, status: 'draft' }, schedule: { recurrence: null } });
    // An open pulse cannot be edited: extend or cancel it instead.
    const open = await call('PATCH', `/pulses/${mbuPulse}`, fran(), { title: 'Renamed' });
    expect(open.status).toBe(409);
    expect(open.body.message).toContain('already opened');
  });

  const routes = (): [string, string, unknown][] => [
    ['PATCH', `/pulses/${scheduled}`, { title: 'Sneaky' }],
    ['POST', '/pulses', { title: 'Sneaky later', opensAt: OPENS, confirm: true }],
    ['GET', '/pulse-admin', undefined],
    ['POST', '/pulses', { title: 'Sneaky', closesInDays: 5 }],
    ['POST', `/pulses/${mbuPulse}/extend`, { days: 3 }],
    ['POST', `/pulses/${mbuPulse}/resend`, {}],
    ['POST', `/pulses/${mbuPulse}/cancel`, { confirm: true }],
    ['POST', `/pulses/${mbuPulse}/cancel`, {}],
  ];

  it('refuses every route without a sign-in (401), and changes nothing', async () => {
    const before = await snapshot();
    for (const [method, path, body] of routes()) expect([method, path, (await call(method, path, undefined, body)).status]).toEqual([method, path, 401]);
    expect(await snapshot()).toBe(before);
  });

  it('refuses every route to a member who is not a facilitator, and to a facilitator of another collaborative (403), and changes nothing', async () => {
    const before = await snapshot();
    for (const oid of [world.people[0]!.aadObjectId!, other.facilitator.aadObjectId]) {
      for (const [method, path, body] of routes()) {
        const res = await call(method, path, oid, body);
        expect([method, path, res.status]).toEqual([method, path, 403]);
        expect(res.text).not.toContain('MBU pulse');
      }
    }
    expect(await snapshot()).toBe(before);

    // A collaborative whose only pulse is scheduled: its list is still for facilitators only.
    const theirs = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/collaboratives/${other.collaborative.id}`;
    const headers = async (oid: string) => ({ Authorization: `Bearer ${await tokenOf(oid)}`, 'Content-Type': 'application/json' });
    const body = JSON.stringify({ title: 'Their secret plan', opensAt: OPENS, confirm: true });
    expect((await fetch(`${theirs}/pulses`, { method: 'POST', headers: await headers(other.facilitator.aadObjectId), body })).status).toBe(201);
    const member = await getJson(`${theirs}/pulse-admin`, await tokenOf(other.people[0]!.aadObjectId!));
    expect(member.status).toBe(403);
    expect(member.text).not.toContain('Their secret plan');
  });

  it('does not act on a pulse of one collaborative through another collaborative’s address', async () => {
    const before = await snapshot();
    const theirs = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/collaboratives/${other.collaborative.id}/pulses/${mbuPulse}`;
    for (const [action, body] of [['extend', { days: 2 }], ['resend', {}], ['cancel', { confirm: true }]] as const) {
      const res = await fetch(`${theirs}/${action}`, { method: 'POST', headers: { Authorization: `Bearer ${await tokenOf(other.facilitator.aadObjectId)}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      expect([action, res.status]).toEqual([action, 409]);
    }
    const edit = await fetch(theirs.replace(mbuPulse, scheduled), { method: 'PATCH', headers: { Authorization: `Bearer ${await tokenOf(other.facilitator.aadObjectId)}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ title: 'Mine now' }) });
    expect(edit.status).toBe(409);
    expect(await snapshot()).toBe(before);
  });

  it.each([
    ['/pulses', { closesInDays: 0 }, 'closesInDays'],
    ['/pulses', { closesInDays: 2.5 }, 'closesInDays'],
    ['/pulses', { asking: [] }, 'asking'],
    ['/pulses', { title: 5 }, 'title'],
    ['/pulses', { focalProcess: 'x'.repeat(301) }, 'focalProcess'],
    ['/pulses', { colour: 'red' }, 'colour'],
    ['/pulses', { recurrence: { every: 1, unit: 'week' } }, 'recurrence'],
    ['/pulses', { opensAt: 'next tuesday' }, 'opensAt'],
    ['EXTEND', { days: 'seven' }, 'days'],
    ['EXTEND', { days: 0 }, 'days'],
    ['EXTEND', { date: '20/03/2026' }, 'date'],
    ['EXTEND', {}, 'closing date'],
    ['EXTEND', { days: 2, date: '2026-03-20' }, 'closing date'],
    ['RESEND', { everyone: true }, 'everyone'],
    ['PATCH', {}, 'say what to change'],
    ['PATCH', { opensAt: 'soon' }, 'opensAt'],
    ['PATCH', { recurrence: { every: 13, unit: 'week', count: 2 } }, 'recurrence.every'],
    ['CANCEL', { confirm: false }, 'confirm'],
    ['CANCEL', { confirm: 'yes' }, 'confirm'],
  ])('refuses %s with %j: 400 naming %s, and nothing changed', async (where, body, names) => {
    const before = await snapshot();
    const path = where.startsWith('/') ? where : where === 'PATCH' ? `/pulses/${scheduled}` : `/pulses/${mbuPulse}/${where.toLowerCase()}`;
    const res = await call(where === 'PATCH' ? 'PATCH' : 'POST', path, fran(), body);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'invalid_input' });
    expect(res.body.message).toContain(names);
    expect(res.body.message).toContain('Nothing was changed');
    expect(await snapshot()).toBe(before);
  });

  it('extends, resends and cancels the pulse named, and only that one', async () => {
    const [mbuBefore, visitingBefore] = await Promise.all([storage.pulses.get(world.collaborative.id, mbuPulse), storage.pulses.get(world.collaborative.id, visitingPulse)]);
    // Extend the visiting pulse (the older of the two: "the open pulse" would be the MBU one).
    const extended = await call('POST', `/pulses/${visitingPulse}/extend`, fran(), { days: 4 });
    expect(extended.status).toBe(200);
    const after = await list();
    const mbu = after.find((p) => p.id === mbuPulse)!;
    const visiting = after.find((p) => p.id === visitingPulse)!;
    expect(visiting).toMatchObject({ extensions: 1, closesAt: new Date(Date.parse(visitingBefore.value.closesAt!) + 4 * 86_400_000).toISOString() });
    expect(mbu).toMatchObject({ extensions: 0, closesAt: mbuBefore.value.closesAt });

    // Resend the visiting pulse: only health visitors, who have not started, get the card again.
    const sentBefore = world.sender.toMembers.length;
    const resent = await call('POST', `/pulses/${visitingPulse}/resend`, fran(), {});
    expect(resent.status).toBe(200);
    const again = world.sender.toMembers.slice(sentBefore).map((s) => s.aadObjectId).sort();
    expect(again).toEqual(inGroup('health-visiting').map((p) => p.aadObjectId).sort());

    // Cancel without confirming: the card's question, and nothing changed.
    const before = await snapshot();
    const asked = await call('POST', `/pulses/${visitingPulse}/cancel`, fran(), {});
    expect(asked.status).toBe(200);
    const question = pulseCancelResponseSchema.parse(asked.body);
    if (question.kind !== 'confirm') throw new Error('no question');
    expect(question.lines.join(' ')).toContain('Cancelling deletes every answer given to this pulse');
    expect(question.lines.join(' ')).toContain('No results will ever be shown for it');
    expect(question.confirmLabel).toBe('Yes, cancel it and delete its answers');
    expect(await snapshot()).toBe(before);

    const done = await call('POST', `/pulses/${visitingPulse}/cancel`, fran(), { confirm: true });
    expect(pulseCancelResponseSchema.parse(done.body)).toMatchObject({ kind: 'cancelled', alreadyCancelled: false, pulse: { id: visitingPulse, status: 'cancelled', progress: null } });
    const statuses = Object.fromEntries((await list()).map((p) => [p.id, p.status]));
    expect(statuses).toEqual({ [mbuPulse]: 'open', [visitingPulse]: 'cancelled', [scheduled]: 'draft' });
    // Each action was audited by its use-case, on the pulse named.
    const audit = await storage.audit.list(world.collaborative.id);
    const acted = audit.filter((e) => ['pulse.extended', 'pulse.resent', 'pulse.cancelled'].includes(e.action)).map((e) => [e.action, e.subject]);
    expect(acted.sort()).toEqual([
      ['pulse.cancelled', visitingPulse],
      ['pulse.extended', visitingPulse],
      ['pulse.resent', visitingPulse],
    ]);
  });

  it('never shows a count of answers the k rule hides (k = 3)', async () => {
    // One MBU nurse answers: the total, 1, is below k.
    // (The MBU pulse rates one group: Start, that group's answers, then Submit.)
    const nurse = inGroup('mbu-nursing')[0]!;
    const first = await press(world, nurse, invitationOf(world, nurse), 'Start');
    const review = await press(world, nurse, first.card, 'Review', answers('4'));
    expect((await press(world, nurse, review.card, 'Submit')).outcome).toBe('submitted');
    const mbu = (await list()).find((p) => p.id === mbuPulse)!;
    expect(mbu.progress).toMatchObject({ invited: 3, answered: { n: null, text: 'fewer than 3' }, started: { n: null, text: 'fewer than 3' } });
    expect((await call('POST', `/pulses/${mbuPulse}/cancel`, fran(), { confirm: true })).status).toBe(200);

    // A pulse asking everyone; answers released by group as the release writes them:
    // 3 from MBU nursing, 2 each from the community team and health visiting (below k).
    const started = await call('POST', '/pulses', fran(), { title: 'Everyone' });
    expect(started.status).toBe(201);
    const scope = { collaborativeId: world.collaborative.id, pulseId: (started.body.pulse as { id: string }).id };
    const released = (own: string): Response => ({ ...scope, respondentWorkgroupId: own, ratings: { [own]: Object.fromEntries(DIMENSIONS.map((d) => [d, 4])) }, day: '2026-03-02' }) as unknown as Response;
    const rows = ['mbu-nursing', 'mbu-nursing', 'mbu-nursing', 'community-perinatal', 'community-perinatal', 'health-visiting', 'health-visiting'].map((own) => ({ releasedAs: randomKey(), response: released(own) }));
    await storage.responses.writeReleased(rows);
    const everyone = (await list()).find((p) => p.id === scope.pulseId)!;
    expect([...everyone.progress!.groups].sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { name: 'Community perinatal team', invited: 2, answered: { n: null, text: 'fewer than 3' } },
      { name: 'Health visiting', invited: 2, answered: { n: null, text: 'fewer than 3' } },
      { name: 'MBU nursing', invited: 3, answered: { n: 3, text: '3 (100%)' } },
    ]);
    // Anywhere in the body, no count of answers from 1 to k-1 travels as a number.
    const raw = (await getJson(`${base}/pulse-admin`, await tokenOf(fran()))).text;
    expect(raw).not.toMatch(/"n":[12][,}]/);
  });

  it('lists a closed pulse with the counts published at its close, also one loaded with no invitations or ledger', async () => {
    const closedAt = '2026-02-20T17:00:00.000Z';
    const pulse = (
      await storage.pulses.create(aPulse(world.collaborative.id, { id: 'loaded-closed', title: 'Loaded from a file', status: 'closed', k: 3, openedAt: '2026-02-06T09:00:00.000Z', closedAt }))
    ).value;
    const own = ['mbu-nursing', 'mbu-nursing', 'mbu-nursing', 'mbu-nursing', 'community-perinatal', 'community-perinatal', 'community-perinatal', 'health-visiting', 'health-visiting'];
    const rating = Object.fromEntries(DIMENSIONS.map((d) => [d, 4]));
    await storage.responses.writeReleased(
      own.map((g) => ({ releasedAs: randomKey(), response: { collaborativeId: pulse.collaborativeId, pulseId: pulse.id, respondentWorkgroupId: g, ratings: { [g === 'mbu-nursing' ? 'community-perinatal' : 'mbu-nursing']: rating }, day: '2026-02-10' } as unknown as Response })),
    );
    await publishClosedPulse({ ...storage, clock: () => world.clock.now }, pulse, { k: 3 }, closedAt);
    const published = (await storage.snapshots.keptRates(scopeOf(pulse), own.length))!.rates;

    const item = (await list()).find((p) => p.id === 'loaded-closed')!;
    // Not "fewer than 3" from an empty ledger: the 9 its results were published with.
    expect(item.progress!.answered.n).toBe(9);
    expect(item.progress!.invited).toBe(published.total.invited);
    // By group as published: 2 is below k and hidden, and so is a count that would give it away.
    expect(item.progress!.groups.map((g) => [g.name, g.invited, g.answered.n])).toEqual(published.byWorkgroup.map((w) => [w.name, w.invited, w.answered]));
    const groups = new Map(item.progress!.groups.map((g) => [g.name, g.answered]));
    expect(groups.get('MBU nursing')).toMatchObject({ n: 4 });
    expect(groups.get('Health visiting')).toEqual({ n: null, text: 'fewer than 3' });
  });
});
