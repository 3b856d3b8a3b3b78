import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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

  it('has plain words for every action the server records', () => {
    const files = (readdirSync(join(__dirname, '../../../src'), { recursive: true }) as string[]).filter((f) => f.endsWith('.ts'));
    const actions = new Set<string>();
    const action = /'([a-z][a-z_]*(?:\.[a-z][a-z_]*)+)'/;
    for (const file of files) {
      const source = readFileSync(join(__dirname, '../../../src', file), 'utf8');
      for (const call of source.split('recordAudit(').slice(1)) {
        const found = action.exec(call.slice(0, 400));
        if (found) actions.add(found[1]!);
      }
      for (const m of source.matchAll(/action: '([a-z][a-z_]*(?:\.[a-z][a-z_]*)+)'/g)) actions.add(m[1]!);
    }
    expect(actions.size).toBeGreaterThan(20);
    expect([...actions].filter((a) => actionText(a) === a).sort()).toEqual([]);
  });
});
