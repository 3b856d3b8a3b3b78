import { issueFamilyLinks, listFamilyLinks } from '../../../src/app/family/issue-family-links';
import { familyLinkSigner } from '../../../src/app/family/family-link-token';
import { familyRespondentId } from '../../../src/domain/model/family-link';
import type { Storage } from '../../../src/storage/storage';
import { aResponse } from '../../support/fixtures';
import { testStorage } from '../../support/test-storage';
import { aFamiliesPulse, FakeClock, PUBLIC_URL, TEST_LINK_KEY, testLinkDeps } from './family-kit';

/** The contract other parts rely on: issueFamilyLinks and listFamilyLinks over real storage. */
describe('issuing and listing family links', () => {
  let storage: Storage;
  const clock = new FakeClock(new Date('2026-03-02T09:00:00.000Z'));
  beforeAll(async () => {
    storage = await testStorage();
  });

  it('makes distinct signed links that run out in 7 days, each with a QR code, and lists them', async () => {
    const scope = await aFamiliesPulse(storage);
    const deps = testLinkDeps(storage, clock);
    const issued = await issueFamilyLinks(deps, scope, 3);
    expect(issued).toHaveLength(3);
    expect(new Set(issued.map((l) => l.linkId)).size).toBe(3);
    const signer = familyLinkSigner(TEST_LINK_KEY);
    for (const link of issued) {
      expect(link.url).toMatch(new RegExp(`^${PUBLIC_URL}/f/[0-9a-f]{32}\\.[A-Za-z0-9_-]{22}$`));
      expect(signer.verify(link.url.split('/f/')[1]!)).toBe(link.linkId);
      expect(link.expiresAt).toBe('2026-03-09T09:00:00.000Z');
      expect(link.used).toBe(false);
      expect(link.qrSvg).toMatch(/^<svg [^>]*viewBox=/);
    }
    const listed = await listFamilyLinks(deps, scope);
    expect(listed.map((l) => l.linkId).sort()).toEqual(issued.map((l) => l.linkId).sort());
  });

  it('says a link is used once the ledger has its respondent key, and keeps pulses apart', async () => {
    const scope = await aFamiliesPulse(storage);
    const other = await aFamiliesPulse(storage);
    const deps = testLinkDeps(storage, clock);
    const [first, second] = await issueFamilyLinks(deps, scope, 2);
    await issueFamilyLinks(deps, other, 1);
    const respondentKey = storage.respondentKey(scope, familyRespondentId(first!.linkId));
    await storage.submissions.submit({ ...scope, respondentKey }, aResponse(scope));
    const listed = await listFamilyLinks(deps, scope);
    expect(listed).toHaveLength(2);
    expect(listed.find((l) => l.linkId === first!.linkId)?.used).toBe(true);
    expect(listed.find((l) => l.linkId === second!.linkId)?.used).toBe(false);
  });

  it('takes an expiry, and refuses a bad count, a past expiry, a closed pulse or one families do not answer', async () => {
    const scope = await aFamiliesPulse(storage);
    const deps = testLinkDeps(storage, clock);
    const [link] = await issueFamilyLinks(deps, scope, 1, { expiresAt: '2026-03-04T09:00:00.000Z' });
    expect(link!.expiresAt).toBe('2026-03-04T09:00:00.000Z');
    await expect(issueFamilyLinks(deps, scope, 0)).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(issueFamilyLinks(deps, scope, 201)).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(issueFamilyLinks(deps, scope, 1, { expiresAt: '2026-03-01T09:00:00.000Z' })).rejects.toMatchObject({ code: 'invalid_input' });
    const staffOnly = await aFamiliesPulse(storage, { targetWorkgroupIds: ['mbu-nursing', 'maternity'] });
    await expect(issueFamilyLinks(deps, staffOnly, 1)).rejects.toMatchObject({ code: 'invalid_input' });
    const closed = await aFamiliesPulse(storage, { status: 'closed', openedAt: '2026-02-01T09:00:00.000Z', closedAt: '2026-02-20T09:00:00.000Z' });
    await expect(issueFamilyLinks(deps, closed, 1)).rejects.toMatchObject({ code: 'illegal_state' });
    await expect(issueFamilyLinks(deps, { ...scope, pulseId: 'no-such-pulse' }, 1)).rejects.toMatchObject({ code: 'not_found' });
    expect(await listFamilyLinks(deps, staffOnly)).toEqual([]);
  });

  it('deletes a pulse\'s links for retention, and only that pulse\'s', async () => {
    const scope = await aFamiliesPulse(storage);
    const other = await aFamiliesPulse(storage);
    const deps = testLinkDeps(storage, clock);
    const [gone] = await issueFamilyLinks(deps, scope, 2);
    await issueFamilyLinks(deps, other, 1);
    expect(await storage.familyLinks.deleteForPulse(scope)).toBe(2);
    expect(await storage.familyLinks.find(gone!.linkId)).toBeUndefined();
    expect(await listFamilyLinks(deps, scope)).toEqual([]);
    expect(await listFamilyLinks(deps, other)).toHaveLength(1);
    expect(await storage.familyLinks.deleteForPulse(scope)).toBe(0);
  });
});
