import { recordAudit } from '../../../src/app/audit';
import { auditActorOf, SYSTEM_ACTOR } from '../../../src/app/ports';
import { auditEntrySchema, type AuditEntry } from '../../../src/domain/model/audit-entry';

describe('who the audit trail names', () => {
  it('names a person in Teams by their object id and their name as Teams gave it, trimmed', () => {
    expect(auditActorOf({ aadObjectId: 'aad-1', displayName: '  Fran Facilitator ' })).toEqual({ id: 'aad-1', name: 'Fran Facilitator' });
  });

  it('leaves out a blank name rather than refusing the entry, and cuts a long one to what the trail keeps', () => {
    expect(auditActorOf({ aadObjectId: 'aad-1', displayName: '   ' })).toEqual({ id: 'aad-1' });
    expect(auditActorOf({ aadObjectId: 'aad-1', displayName: 'x'.repeat(500) }).name).toHaveLength(200);
  });

  it("names work nobody clicked 'system' (an event without a person, or one without an object id)", () => {
    expect(auditActorOf(undefined)).toEqual(SYSTEM_ACTOR);
    expect(auditActorOf({ displayName: 'Someone' })).toEqual({ id: 'system' });
  });
});

describe('recordAudit', () => {
  const written: AuditEntry[] = [];
  const storage = { audit: { record: async (entry: AuditEntry) => void written.push(auditEntrySchema.parse(entry)) } };
  const clock = () => new Date('2026-03-01T09:00:00.000Z');

  beforeEach(() => written.splice(0));

  it('writes who, what and when, with the subject and details given', async () => {
    await recordAudit({ storage, clock, actor: auditActorOf({ aadObjectId: 'aad-1', displayName: 'Fran' }) }, 'c1', 'pulse.opened', 'p1', { k: 5 });
    expect(written).toEqual([{ collaborativeId: 'c1', at: '2026-03-01T09:00:00.000Z', actorId: 'aad-1', actorName: 'Fran', action: 'pulse.opened', subject: 'p1', details: { k: 5 } }]);
  });

  it('refuses an actor without an id and writes nothing', async () => {
    await expect(recordAudit({ storage, clock, actor: { id: ' ' } }, 'c1', 'pulse.opened')).rejects.toThrow();
    expect(written).toEqual([]);
  });
});
