import { parseCardMessage } from '../../../src/delivery/card-message';
import { deliverySchema, isSubjectScope, keyedByPerson, roundFitsScope, subjectScopeId } from '../../../src/domain/model/delivery';
import { jobSchema } from '../../../src/domain/model/job';
import { deliveryKeys, reminderKeys } from '../../../src/storage/keys/delivery-keys';
import { jobKeys, onceKeys } from '../../../src/storage/keys/job-keys';

const PERSON = '0a0a0a0a-0000-4000-8000-000000000001';

describe('sending rows beyond pulses', () => {
  it('names a subject <kind>~<id>, which no pulse id can be, and refuses anything else', () => {
    expect(subjectScopeId('intervention', 'iv-3f2a')).toBe('intervention~iv-3f2a');
    expect(isSubjectScope('intervention~iv-3f2a')).toBe(true);
    expect(isSubjectScope('pulse-2026-03')).toBe(false);
    expect(() => subjectScopeId('Intervention', 'iv/1')).toThrow();
  });

  it("keys a subject's rows by Entra id in every round, and a pulse's reminders by respondent key", () => {
    expect(keyedByPerson('pulse-1', 'invite')).toBe(true);
    expect(keyedByPerson('pulse-1', 'remind-day3')).toBe(false);
    expect(keyedByPerson('intervention~iv-1', 'due-2026-03-20')).toBe(true);
  });

  it("keeps a pulse's rounds to invite and remind-..., and gives a subject's rows partitions no pulse can have", () => {
    expect(roundFitsScope('pulse-1', 'due-2026-03-20')).toBe(false);
    expect(roundFitsScope('intervention~iv-1', 'due-2026-03-20')).toBe(true);
    expect(deliverySchema.safeParse({ collaborativeId: 'yh', pulseId: 'pulse-1', round: 'due-2026-03-20', status: 'pending', aadObjectId: PERSON }).success).toBe(false);
    const row = deliverySchema.parse({ collaborativeId: 'yh', pulseId: 'intervention~iv-1', round: 'due-2026-03-20', status: 'pending', aadObjectId: PERSON });
    const keys = deliveryKeys(row, row.aadObjectId, row.round);
    expect(keys).toEqual({ partitionKey: 'yh:intervention~iv-1:due-2026-03-20', rowKey: PERSON });
    // An invitation of a pulse keeps the keys it always had.
    expect(deliveryKeys({ collaborativeId: 'yh', pulseId: 'pulse-1' }, PERSON)).toEqual({ partitionKey: 'yh:pulse-1', rowKey: PERSON });
    expect(reminderKeys({ collaborativeId: 'yh', pulseId: 'pulse-1' }, 'remind-day3', 'k').partitionKey).toBe('yh:pulse-1:remind-day3');
  });

  it("reads a queued message about a subject, and still refuses a pulse's message in a round it cannot have", () => {
    const message = {
      v: 2, kind: 'intervention-reminder', input: { interventionId: 'iv-1', dueOn: '2026-03-20' }, collaborativeId: 'yh', pulseId: 'intervention~iv-1', round: 'due-2026-03-20',
      tenantId: 't', member: { aadObjectId: PERSON, conversationReference: { conversation: { id: 'c' } } },
    };
    expect(parseCardMessage(JSON.stringify(message))).toMatchObject({ ok: true });
    expect(parseCardMessage(JSON.stringify({ ...message, pulseId: 'pulse-1' }))).toMatchObject({ ok: false, reason: expect.stringContaining('round') });
  });
});

describe('timed work beyond pulses', () => {
  const base = { collaborativeId: 'yh', name: 'interventions', dueAt: '2026-03-09T09:00:00.000Z', state: 'due' };

  it("lets a collaborative's own job name no pulse, but never a pulse's", () => {
    expect(jobSchema.safeParse({ ...base, kind: 'interventions' }).success).toBe(true);
    expect(jobSchema.safeParse({ ...base, kind: 'close' }).success).toBe(false);
    expect(jobSchema.safeParse({ ...base, kind: 'close', pulseId: 'pulse-1' }).success).toBe(true);
  });

  it("keeps a collaborative's jobs and markers in a partition of their own, and a pulse's where they always were", () => {
    expect(jobKeys({ collaborativeId: 'yh' }, 'interventions')).toEqual({ partitionKey: 'yh', rowKey: 'J:interventions' });
    expect(onceKeys({ collaborativeId: 'yh' }, 'digest-2026-03-09')).toEqual({ partitionKey: 'yh', rowKey: 'O:digest-2026-03-09' });
    expect(jobKeys({ collaborativeId: 'yh', pulseId: 'pulse-1' }, 'close')).toEqual({ partitionKey: 'yh:pulse-1', rowKey: 'J:close' });
  });
});
