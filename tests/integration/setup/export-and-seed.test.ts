import type { TableClient } from '@azure/data-tables';
import { DEMO_FACILITATOR_AAD_ID, demoPulses } from '../../../src/app/demo/demo-data';
import { DEMO_COLLABORATIVE_ID, seedDemo } from '../../../src/app/demo/seed-demo';
import { exportResponses } from '../../../src/app/export/export-responses';
import { createCollaborative } from '../../../src/app/setup/create-collaborative';
import { setWorkgroups } from '../../../src/app/setup/set-workgroups';
import { parseCsv } from '../../../src/domain/csv';
import { DIMENSIONS } from '../../../src/domain/instrument';
import { parseRatingsCsv } from '../../../src/domain/ratings-csv';
import { ratingMatrix, type Rating } from '../../../src/domain/ratings';
import { score } from '../../../src/domain/scoring';
import type { TableRole } from '../../../src/storage/table-client-factory';
import type { Storage } from '../../../src/storage/storage';
import { aMember, aPulse, targetRatings } from '../../support/fixtures';
import { testStorage } from '../../support/test-storage';
import { fixedClock, setupDeps } from './setup-support';

jest.setTimeout(30_000);

/**
 * The respondent id the export gave each demo response, found by content (identical
 * responses are interchangeable). Scoring sums in respondent-id order, so scoring the same
 * responses under the same ids must give the same figures to the last bit.
 */
function exportIdsByContent(csv: string): Map<string, string[]> {
  const byRespondent = new Map<string, { workgroup: string; ratings: Record<string, Record<string, number | null>> }>();
  for (const { fields } of parseCsv(csv).slice(1)) {
    const [respondent, workgroup, target, dimension, value] = fields as [string, string, string, string, string];
    const r = byRespondent.get(respondent) ?? { workgroup, ratings: {} };
    byRespondent.set(respondent, r);
    (r.ratings[target] ??= {})[dimension] = value === '' ? null : Number(value);
  }
  const ids = new Map<string, string[]>();
  for (const [id, r] of byRespondent) {
    const key = contentKey(r.workgroup, r.ratings);
    ids.set(key, [...(ids.get(key) ?? []), id]);
  }
  return ids;
}

function contentKey(workgroup: string, ratings: Record<string, Record<string, number | null>>): string {
  const targets = Object.keys(ratings).sort();
  return JSON.stringify([workgroup, targets.map((t) => [t, DIMENSIONS.map((d) => ratings[t]![d] ?? null)])]);
}

/** Every entity of every table, without the service's Timestamp and ETag, in key order. */
async function rawTables(storage: Storage): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const [role, client] of Object.entries(storage.clients) as [TableRole, TableClient][]) {
    const rows: unknown[] = [];
    for await (const row of client.listEntities()) {
      const { etag: _e, timestamp: _t, ...rest } = row as Record<string, unknown>;
      rows.push(rest);
    }
    out[role] = rows;
  }
  return out;
}

describe('exporting a pulse’s responses', () => {
  let storage: Storage;
  beforeAll(async () => {
    storage = await testStorage();
    await seedDemo(setupDeps(storage));
  });

  it('gives the score CSV; scoring the export equals scoring the same responses directly, small groups pooled', async () => {
    const baseline = demoPulses()[0]!;
    const exported = await exportResponses(setupDeps(storage), { pulseId: baseline.id });
    // The baseline's 4 commissioners are below k = 5; the 5 lived experience partners, the
    // next smallest group, are pooled with them, as the published counts hide them too.
    expect(exported).toMatchObject({ collaborativeId: DEMO_COLLABORATIVE_ID, pulseId: baseline.id, respondents: baseline.responses.length, pooled: 9, leftOut: 0 });
    expect(exported.csv.startsWith('respondent,workgroup,target,dimension,score\r\n')).toBe(true);
    const shownAs = (w: string) => (['Commissioners', 'Lived experience partners'].includes(w) ? 'Other groups' : w);

    const ids = exportIdsByContent(exported.csv);
    const direct: Rating[] = baseline.responses.flatMap((r) => {
      const respondent = ids.get(contentKey(shownAs(r.workgroup), r.ratings))!.pop()!;
      return Object.entries(r.ratings).flatMap(([target, scores]) =>
        DIMENSIONS.map((dimension) => ({ respondent, workgroup: shownAs(r.workgroup), target, dimension, score: scores[dimension] })),
      );
    });
    for (const k of [3, 5]) {
      expect(score(parseRatingsCsv(exported.csv), { k, minItems: 4 })).toEqual(score(ratingMatrix(direct), { k, minItems: 4 }));
    }
    expect(score(ratingMatrix(direct)).respondents).toBe(baseline.responses.length);
  });

  it('gives each respondent a fresh random id in every export, unrelated to any stored key', async () => {
    const pulseId = demoPulses()[1]!.id;
    const first = await exportResponses(setupDeps(storage), { collaborativeId: DEMO_COLLABORATIVE_ID, pulseId });
    const second = await exportResponses(setupDeps(storage), { collaborativeId: DEMO_COLLABORATIVE_ID, pulseId });
    const idsOf = (csv: string) => new Set(parseCsv(csv).slice(1).map((r) => r.fields[0]!));
    const ids = idsOf(first.csv);
    expect(ids.size).toBe(first.respondents);
    expect([...ids].every((id) => /^r[0-9a-f]{10}$/.test(id))).toBe(true);
    expect([...idsOf(second.csv)].filter((id) => ids.has(id))).toEqual([]);
    const keys = await storage.responses.listRowKeys({ collaborativeId: DEMO_COLLABORATIVE_ID, pulseId });
    for (const key of keys) expect(first.csv).not.toContain(key.slice(0, 10));

    const exports = (await storage.audit.list(DEMO_COLLABORATIVE_ID)).filter((e) => e.action === 'responses.exported' && e.subject === pulseId);
    const details = { respondents: first.respondents, pooled: 0, leftOut: 0, k: 5 };
    expect(exports).toEqual([expect.objectContaining({ details }), expect.objectContaining({ details })]);
  });

  it('quotes workgroup names with commas and quotes (RFC 4180), so they read back exactly', async () => {
    const deps = setupDeps(storage, fixedClock());
    const { value } = await createCollaborative(deps, { name: 'Quoting test', focalProcess: 'discharge' });
    const { workgroups } = await setWorkgroups(deps, { collaborativeId: value.id, workgroups: [{ name: 'Maternity, obstetrics' }, { name: 'The "MBU" team' }] });
    const [maternity, mbu] = workgroups.map((w) => w.id) as [string, string];
    const scope = { collaborativeId: value.id, pulseId: (await storage.pulses.create(aPulse(value.id, { targetWorkgroupIds: [maternity, mbu], status: 'open' }))).value.id };
    for (let i = 0; i < 10; i++) {
      const respondentKey = storage.respondentKey(scope, aMember(value.id, i).aadObjectId);
      const ratings = { [maternity]: targetRatings(4 - (i % 2)), [mbu]: targetRatings(5, ['frequent']) };
      await storage.submissions.submit({ ...scope, respondentKey }, { ...scope, respondentWorkgroupId: i < 5 ? mbu : maternity, ratings, day: '2024-04-16' });
    }
    await storage.releasePending(scope, { k: 5 });
    await expect(exportResponses(deps, scope)).rejects.toMatchObject({ userMessage: expect.stringMatching(/^Answers can be exported once the pulse has closed/) });
    await storage.pulses.modify(value.id, scope.pulseId, (p) => ({ ...p, status: 'closed', closedAt: '2024-04-20T09:00:00.000Z', figuresFinalAt: '2024-04-20T09:00:05.000Z' }));

    const { csv } = await exportResponses(deps, scope);
    expect(csv).toContain(',"Maternity, obstetrics","The ""MBU"" team",frequent,\r\n');
    const report = score(parseRatingsCsv(csv), { k: 3 });
    expect(report.ties.map((t) => [t.from, t.to])).toContainEqual(['The "MBU" team', 'Maternity, obstetrics']);
    expect(report.respondents).toBe(10);
  });

  it('exports no answers of a transition check, even closed: one row there is one person', async () => {
    const deps = setupDeps(storage, fixedClock());
    const pulse = (await storage.pulses.create(aPulse(DEMO_COLLABORATIVE_ID, { kind: 'transition', status: 'closed', closedAt: '2024-04-20T09:00:00.000Z', figuresFinalAt: '2024-04-20T09:00:05.000Z' }))).value;
    const before = (await storage.audit.list(DEMO_COLLABORATIVE_ID)).length;
    await expect(exportResponses(deps, { collaborativeId: DEMO_COLLABORATIVE_ID, pulseId: pulse.id })).rejects.toMatchObject({ userMessage: expect.stringMatching(/^A transition check's answers are not exported/) });
    expect(await storage.audit.list(DEMO_COLLABORATIVE_ID)).toHaveLength(before);
  });

  it('says when the pulse does not exist', async () => {
    await expect(exportResponses(setupDeps(storage), { pulseId: 'no-such-pulse' })).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('seeding the demo', () => {
  it('writes the collaborative, 7 Trusts, 6 staff workgroups and Families, the members and two closed pulses of released responses', async () => {
    const storage = await testStorage();
    const result = await seedDemo(setupDeps(storage));
    const pulses = demoPulses();
    expect(result.written).toMatchObject({ organisations: 7, workgroups: 7, pulses: 2, collaborative: 1, responses: pulses[0]!.responses.length + pulses[1]!.responses.length });
    const id = DEMO_COLLABORATIVE_ID;
    expect((await storage.pulses.list(id)).map((p) => [p.id, p.status])).toEqual([['demo-repeat-2024', 'closed'], ['demo-baseline-2024', 'closed']]);
    // Its facilitator is the local Teams client's signed-in person, known before any install.
    expect((await storage.collaboratives.get(id)).value.facilitatorIds).toEqual([DEMO_FACILITATOR_AAD_ID]);
    const members = await storage.members.list(id);
    expect(members.length).toBe(result.written.members);
    expect(members.every((m) => m.installState === 'not_installed' && m.aadObjectId === undefined)).toBe(true);
    const released = await storage.responses.list({ collaborativeId: id, pulseId: 'demo-baseline-2024' });
    // Released at close: every response carries the close day.
    expect(new Set(released.map((r) => r.day))).toEqual(new Set(['2024-04-08']));
    expect(await storage.submissions.countPending({ collaborativeId: id, pulseId: 'demo-baseline-2024' })).toBe(0);
  });

  it('seeding twice leaves every table exactly as it was, and a run stopped half-way is completed by the next', async () => {
    const storage = await testStorage();
    await seedDemo(setupDeps(storage));
    const once = await rawTables(storage);
    const again = await seedDemo(setupDeps(storage, fixedClock('2024-06-01T00:00:00.000Z')));
    expect(Object.values(again.written).every((n) => n === 0)).toBe(true);
    expect(await rawTables(storage)).toEqual(once);

    // As if a run had stopped part-way: some rows of each kind never written.
    const id = DEMO_COLLABORATIVE_ID;
    await storage.clients.collaboratives.deleteEntity(id, 'collaborative');
    await storage.pulses.list(id).then(([p]) => storage.clients.pulses.deleteEntity(id, p!.id));
    await storage.workgroups.delete(id, 'commissioners');
    for (const m of (await storage.members.list(id)).slice(0, 30)) await storage.members.delete(id, m.id);
    const scope = { collaborativeId: id, pulseId: 'demo-repeat-2024' };
    for (const key of (await storage.responses.listRowKeys(scope)).slice(0, 20)) await storage.clients.responses.deleteEntity(`${id}:${scope.pulseId}`, key);

    const completed = await seedDemo(setupDeps(storage));
    expect(completed.written).toMatchObject({ collaborative: 1, pulses: 1, workgroups: 1, members: 30, responses: 20, organisations: 0 });
    const after = await rawTables(storage);
    const { audit: auditAfter, ...rest } = after;
    const { audit: auditOnce, ...restOnce } = once;
    expect(rest).toEqual(restOnce);
    expect(auditAfter).toHaveLength(auditOnce!.length + 1);
  });

  it('gives a demo seeded before it had a facilitator the demo facilitator, and leaves one with facilitators alone', async () => {
    const storage = await testStorage();
    await seedDemo(setupDeps(storage));
    const id = DEMO_COLLABORATIVE_ID;
    const without = await storage.collaboratives.get(id);
    await storage.collaboratives.update(without, { ...without.value, facilitatorIds: [] });
    expect((await seedDemo(setupDeps(storage))).written).toMatchObject({ collaborative: 1, members: 0, responses: 0 });
    expect((await storage.collaboratives.get(id)).value.facilitatorIds).toEqual([DEMO_FACILITATOR_AAD_ID]);

    const someoneElse = '0f0e0d0c-0b0a-4909-8807-060504030201';
    const current = await storage.collaboratives.get(id);
    await storage.collaboratives.update(current, { ...current.value, facilitatorIds: [someoneElse] });
    expect(Object.values((await seedDemo(setupDeps(storage))).written).every((n) => n === 0)).toBe(true);
    expect((await storage.collaboratives.get(id)).value.facilitatorIds).toEqual([someoneElse]);
  });
});
