import { actionText, actorText, detailParts } from '../../../tab/src/audit/audit-words';
import { hashOf, routeFromHash } from '../../../tab/src/interventions/iv-route';

describe('the audit trail page, in words', () => {
  it('is at #audit, and back', () => {
    expect(routeFromHash('#audit')).toEqual({ page: 'audit' });
    expect(hashOf({ page: 'audit' })).toBe('#audit');
  });

  it('names actions, actors and details plainly', () => {
    expect(actionText('person.forgotten')).toBe('A person was forgotten');
    expect(actionText('something.new')).toBe('something.new');
    expect(actorText({ actorId: 'system' })).toBe('RC Pulse');
    expect(actorText({ actorId: 'cli', actorName: 'dpo' })).toBe('dpo');
    expect(actorText({ actorId: 'cli' })).toBe('Command line');
    expect(detailParts({ rosterRows: 1, deleted: 'pulse', retention: { sendingDays: 30 } })).toEqual(['rosterRows: 1', 'deleted: pulse', 'retention: {"sendingDays":30}']);
    expect(detailParts(undefined)).toEqual([]);
  });
});
