import { recordAudit } from '../../../src/app/audit';
import { auditPaths, auditTrailResponseSchema } from '../../../src/contract/audit-contract';
import { errorBodySchema } from '../../../src/contract/api-contract';
import { startSeededApi, type SeededApi } from './api-fixtures';
import { getJson } from './api-harness';

// The audit trail in the tab: its facilitators see it; a leader or member on the list who is
// not a facilitator, someone from outside, and a request without sign-in are refused.

let world: SeededApi;
const token = (who: { oid: string; upn: string }) => world.keys.sign({ oid: who.oid, upn: who.upn });

beforeAll(async () => {
  world = await startSeededApi();
  const { storage } = world.api;
  const c = world.seeded.collaborativeId;
  const write = (at: string, action: string, subject: string, details?: Record<string, unknown>) =>
    recordAudit({ storage, clock: () => new Date(at), actor: { id: world.seeded.people.facilitator.oid, name: '=Fran' } }, c, action, subject, details);
  await write('2026-01-05T09:00:00.000Z', 'pulse.opened', 'baseline', { invited: 40 });
  await write('2026-01-20T09:00:00.000Z', 'pulse.closed', 'baseline', { responses: 31 });
  await write('2026-02-03T10:00:00.000Z', 'figures.exported', 'baseline', { format: 'csv' });
});
afterAll(() => world.stop());

describe('GET /api/collaboratives/:id/audit', () => {
  it('shows a facilitator the trail, oldest first, and only from ?since= on', async () => {
    const c = world.seeded.collaborativeId;
    const all = await getJson(world.api.url + auditPaths.auditTrail(c), await token(world.seeded.people.facilitator));
    expect(all.status).toBe(200);
    const body = auditTrailResponseSchema.parse(all.body);
    expect(body.entries.map((e) => e.action)).toEqual(['pulse.opened', 'pulse.closed', 'figures.exported']);
    expect(body.entries[1]).toEqual({ at: '2026-01-20T09:00:00.000Z', action: 'pulse.closed', subject: 'baseline', actorId: world.seeded.people.facilitator.oid, actorName: '=Fran', details: { responses: 31 } });
    const since = await getJson(world.api.url + auditPaths.auditTrail(c, '2026-01-20'), await token(world.seeded.people.facilitator));
    expect(auditTrailResponseSchema.parse(since.body).entries.map((e) => e.action)).toEqual(['pulse.closed', 'figures.exported']);
    const bad = await getJson(`${world.api.url}/api/collaboratives/${c}/audit?since=yesterday`, await token(world.seeded.people.facilitator));
    expect(bad.status).toBe(422);
  });

  it('refuses a member of the collaborative who is not a facilitator, someone outside it, and no sign-in', async () => {
    const c = world.seeded.collaborativeId;
    for (const path of [auditPaths.auditTrail(c), auditPaths.auditCsv(c)]) {
      for (const who of [world.seeded.people.viewer, world.seeded.people.rosterOnly, world.seeded.people.stranger]) {
        const r = await getJson(world.api.url + path, await token(who));
        expect(r.status).toBe(403);
        expect(errorBodySchema.parse(r.body).code).toBe('forbidden');
        expect(r.text).not.toContain('pulse.closed');
      }
      expect((await getJson(world.api.url + path)).status).toBe(401);
    }
  });

  it('gives a facilitator the same trail as CSV, formulas neutralised', async () => {
    const c = world.seeded.collaborativeId;
    const res = await fetch(world.api.url + auditPaths.auditCsv(c), { headers: { Authorization: `Bearer ${await token(world.seeded.people.facilitator)}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const lines = (await res.text()).trim().split('\n');
    expect(lines[0]).toBe('at,action,subject,actor_id,actor_name,details');
    expect(lines).toHaveLength(4);
    expect(lines[2]).toContain(",'=Fran,");
  });
});
