import { odata } from '@azure/data-tables';
import { issueFamilyLinks } from '../../../src/app/family/issue-family-links';
import { pulseRates } from '../../../src/app/pulse/pulse-rates';
import { DIMENSIONS } from '../../../src/domain/instrument';
import { familyRespondentId } from '../../../src/domain/model/family-link';
import { scopePartitionKey } from '../../../src/storage/keys/key-rules';
import type { PulseScope } from '../../../src/domain/model/pulse';
import type { Storage } from '../../../src/storage/storage';
import { testStorage } from '../../support/test-storage';
import { aFamiliesPulse, FakeClock, getPage, newAddress, pagePath, postPage, startFamilyServer, testLinkDeps, type FamilyServer } from './family-kit';

/**
 * The family page over the real server and Azurite, attacked as an outsider would: the link
 * is used again, changed, made up, used late, used by two phones at once; a form is sent
 * without its sharing choice or with values no page sends. Each time: what is shown, and
 * that nothing more is stored.
 */

const GROUPS = [
  { id: 'mbu-nursing', name: 'Mother and baby unit' },
  { id: 'mbu-medical', name: 'MBU medical' },
  { id: 'community-perinatal', name: 'Community perinatal team' },
];

/** A complete form: every item about every group answered 4, one 'not sure', sharing chosen. */
function answers(sharing: string | null = 'shared_with_team'): [string, string][] {
  const fields: [string, string][] = GROUPS.flatMap((g) => DIMENSIONS.map((d): [string, string] => [`r.${g.id}.${d}`, d === 'frequent' ? 'not_sure' : '4']));
  return sharing ? [...fields, ['sharing', sharing]] : fields;
}

describe('the family page', () => {
  let storage: Storage;
  let server: FamilyServer;
  const clock = new FakeClock(new Date('2026-03-02T09:00:00.000Z'));

  beforeAll(async () => {
    storage = await testStorage();
    server = await startFamilyServer(storage, clock);
  });
  afterAll(() => server.stop());

  async function pulseWithLink(overrides = {}): Promise<{ scope: PulseScope; path: string; linkId: string }> {
    const scope = await aFamiliesPulse(storage, overrides);
    await storage.workgroups.upsertMany(GROUPS.map((g) => ({ collaborativeId: scope.collaborativeId, id: g.id, name: g.name })));
    const [link] = await issueFamilyLinks(testLinkDeps(storage, clock), scope, 1);
    return { scope, path: pagePath(link!.url), linkId: link!.linkId };
  }
  const pendingOf = (scope: PulseScope) => storage.submissions.listPending(scope);

  it('shows one section per staff group, 7 questions each with "I\'m not sure" chosen, under a strict CSP and no cookie', async () => {
    const { path } = await pulseWithLink();
    const page = await getPage(server, path);
    expect(page.status).toBe(200);
    expect(page.html).toContain('<html lang="en-GB">');
    expect(page.html).toContain('<h2 id="group-mbu-nursing">Thinking about the Mother and baby unit</h2>');
    expect(page.html).not.toContain('Thinking about the Families');
    expect(page.html).toContain('There are seven short questions about each of 3 teams.');
    expect(page.html.match(/<fieldset>/g)).toHaveLength(GROUPS.length * 7);
    expect(page.html.match(/value="not_sure" checked/g)).toHaveLength(GROUPS.length * 7);
    expect(page.html).not.toMatch(/<script|<img|<link|https?:\/\//i);
    expect(page.headers.get('content-security-policy')).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; img-src 'none'; script-src 'none'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'$/);
    expect(page.headers.get('set-cookie')).toBeNull();
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('asks a transition check\'s seven items once, about the care team', async () => {
    const { path } = await pulseWithLink({ kind: 'transition', targetWorkgroupIds: ['mbu-nursing', 'mbu-medical', 'community-perinatal'], reference: 'ADM-2026-001' });
    const page = await getPage(server, path);
    expect(page.status).toBe(200);
    expect(page.html.match(/<fieldset>/g)).toHaveLength(7);
    expect(page.html).toContain('name="r.care-team.frequent"');
    expect(page.html).not.toContain('Thinking about');
    expect(page.html).toContain('There are seven short questions. It takes about two minutes.');
  });

  it('stores the answers once, as the families\' workgroup, with nothing that ties them to the link', async () => {
    const { scope, path, linkId } = await pulseWithLink();
    const sent = await postPage(server, path, answers());
    expect([sent.status, sent.html]).toEqual([200, expect.stringContaining('Thank you')]);
    expect(sent.headers.get('set-cookie')).toBeNull();
    const pending = await pendingOf(scope);
    expect(pending).toHaveLength(1);
    const response = pending[0]!.value;
    expect(Object.keys(response).sort()).toEqual(['collaborativeId', 'day', 'familySharing', 'pulseId', 'ratings', 'respondentWorkgroupId']);
    expect(response.respondentWorkgroupId).toBe('families');
    expect(response.familySharing).toBe('shared_with_team');
    expect(response.day).toBe('2026-03-02');
    expect(Object.keys(response.ratings).sort()).toEqual(GROUPS.map((g) => g.id).sort());
    expect(response.ratings['mbu-nursing']).toEqual({ frequent: null, timely: 4, accurate: 4, problem_solving: 4, shared_goals: 4, shared_knowledge: 4, mutual_respect: 4 });
    // The raw row: no link id, no respondent key, no time of day anywhere in it.
    const respondentKey = storage.respondentKey(scope, familyRespondentId(linkId));
    const raw = [];
    for await (const row of storage.clients.submissions.listEntities({ queryOptions: { filter: odata`PartitionKey eq ${scopePartitionKey(scope)}` } })) raw.push(row);
    const pendingRaw = raw.filter((r) => r.rowKey !== undefined && !String(r.rowKey).includes(respondentKey) && 'ratings' in r);
    expect(pendingRaw).toHaveLength(1);
    const text = JSON.stringify({ ...pendingRaw[0], timestamp: undefined, etag: undefined });
    expect(text).not.toContain(linkId);
    expect(text).not.toContain(respondentKey);
    expect(text).not.toMatch(/T\d\d:\d\d/);
    // The ledger row is the "used" marker.
    expect((await storage.submissions.findLedgerEntry({ ...scope, respondentKey }))?.value.status).toBe('finished');
  });

  it('counts each link handed out as a family invited in the response rates, and a family\'s answer as no organisation\'s', async () => {
    const { scope, path } = await pulseWithLink();
    await issueFamilyLinks(testLinkDeps(storage, clock), scope, 2);
    expect((await postPage(server, path, answers())).status).toBe(200);
    const pulse = (await storage.pulses.get(scope.collaborativeId, scope.pulseId)).value;
    const rates = await pulseRates(storage, pulse, 1, { respondents: 1 });
    expect(rates.byWorkgroup.find((w) => w.id === 'families')).toMatchObject({ invited: 3 });
    expect(rates.total.invited).toBe(3);
    // Before, the family's finished answer was counted as someone "Not on the list now".
    expect(rates.byOrganisation).toEqual([]);
    expect(rates.organisationAnswers).toBe('counted');
  });

  it('shows the used page for a link used before, on GET and POST, and stores nothing more', async () => {
    const { scope, path } = await pulseWithLink();
    expect((await postPage(server, path, answers())).status).toBe(200);
    const again = await postPage(server, path, answers('overall_only'));
    expect([again.status, again.html]).toEqual([409, expect.stringContaining('These answers were sent')]);
    const opened = await getPage(server, path);
    expect([opened.status, opened.html]).toEqual([409, expect.stringContaining('These answers were sent')]);
    expect(opened.html).not.toContain('<form');
    expect(await pendingOf(scope)).toHaveLength(1);
  });

  it('shows the expired page once the link has run out, and stores nothing', async () => {
    const { scope, path } = await pulseWithLink();
    const before = clock.now;
    clock.advanceDays(7);
    try {
      const opened = await getPage(server, path);
      expect([opened.status, opened.html]).toEqual([410, expect.stringContaining('This link is too old')]);
      const sent = await postPage(server, path, answers());
      expect([sent.status, sent.html]).toEqual([410, expect.stringContaining('This link is too old')]);
    } finally {
      clock.now = before;
    }
    expect(await pendingOf(scope)).toHaveLength(0);
  });

  it('shows the closed page for a closed pulse, and for a close that seals answers as they arrive', async () => {
    const { scope, path } = await pulseWithLink();
    await storage.submissions.advanceIntake(scope, 'sealed', clock.now.toISOString());
    const raced = await postPage(server, path, answers());
    expect([raced.status, raced.html]).toEqual([410, expect.stringContaining('This has now closed')]);
    await storage.pulses.modify(scope.collaborativeId, scope.pulseId, (p) => ({ ...p, status: 'closed', closedAt: clock.now.toISOString() }));
    const opened = await getPage(server, path);
    expect([opened.status, opened.html]).toEqual([410, expect.stringContaining('This has now closed')]);
    expect(await pendingOf(scope)).toHaveLength(0);
  });

  it('turns away a changed link, a made-up one and one signed with another secret, before reading anything', async () => {
    const { scope, path, linkId } = await pulseWithLink();
    const finds = jest.spyOn(storage.familyLinks, 'find');
    const last = path.at(-1) === 'A' ? 'B' : 'A';
    const guesses = [
      `${path.slice(0, -1)}${last}`,
      `/f/${linkId.slice(0, -1)}${linkId.at(-1) === '0' ? '1' : '0'}${path.slice(path.indexOf('.'))}`,
      `/f/${'0'.repeat(32)}.${'A'.repeat(22)}`,
      `/f/${linkId}`,
      `/f/${linkId}.`,
    ];
    try {
      for (const guess of guesses) {
        const opened = await getPage(server, guess);
        expect([guess, opened.status, opened.html]).toEqual([guess, 404, expect.stringContaining('This link does not work')]);
        const sent = await postPage(server, guess, answers());
        expect([guess, sent.status]).toEqual([guess, 404]);
      }
      expect(finds).not.toHaveBeenCalled();
    } finally {
      finds.mockRestore();
    }
    expect(await pendingOf(scope)).toHaveLength(0);
  });

  it('shows the form again, answers kept and the problem named, when the sharing choice is missing', async () => {
    const { scope, path } = await pulseWithLink();
    const sent = await postPage(server, path, answers(null));
    expect(sent.status).toBe(422);
    expect(sent.html).toContain('<title>Error: How well do the people caring for you work together?</title>');
    expect(sent.html).toContain('There is a problem');
    expect(sent.html).toContain('<a href="#sharing-shared_with_team">Please choose how we may use your answers.</a>');
    expect(sent.html).toMatch(/name="r\.mbu-nursing\.timely" value="4" checked/);
    expect(sent.html).toMatch(/name="r\.mbu-nursing\.frequent" value="not_sure" checked/);
    expect(sent.html.match(/ checked/g)).toHaveLength(GROUPS.length * 7);
    expect(await pendingOf(scope)).toHaveLength(0);
    expect((await postPage(server, path, answers())).status).toBe(200);
  });

  it('refuses values, fields and bodies no page of ours sends, and stores nothing', async () => {
    const { scope, path } = await pulseWithLink();
    const bad: [string, string][][] = [
      [...answers().slice(1), ['r.mbu-nursing.frequent', '6']],
      [...answers(), ['r.families.timely', '4']],
      [...answers(), ['respondentWorkgroupId', 'mbu-nursing']],
      [...answers(), ['sharing', 'overall_only']],
      [...answers().slice(0, -1), ['sharing', 'everyone']],
    ];
    for (const fields of bad) {
      const sent = await postPage(server, path, fields);
      expect([sent.status, sent.html]).toEqual([400, expect.stringContaining('could not be read')]);
    }
    expect((await postPage(server, path, JSON.stringify({ sharing: 'overall_only' }), newAddress(), 'application/json')).status).toBe(415);
    expect((await postPage(server, path, `sharing=overall_only&x=${'a'.repeat(40_000)}`)).status).toBe(413);
    expect(await pendingOf(scope)).toHaveLength(0);
  });
});
