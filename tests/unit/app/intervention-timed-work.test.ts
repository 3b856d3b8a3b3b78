import { INTERVENTION_REMINDER, registerInterventionCardKinds, type InterventionCardKindDeps } from '../../../src/app/interventions/intervention-card-kinds';
import { digestItems } from '../../../src/app/interventions/intervention-digest';
import { nextUkTime, ukMondayOf } from '../../../src/app/interventions/uk-calendar';
import { CardKindRegistry } from '../../../src/delivery/card-kinds';
import { interventionSchema, type Intervention } from '../../../src/domain/model/intervention';
import { DEFAULT_QUIET_HOURS } from '../../../src/domain/quiet-hours';

const OWNER = '0a0a0a0a-0000-4000-8000-000000000001';
const AUTHOR = { authorId: OWNER, authorName: 'Olu Owner' };

function anIntervention(over: Partial<Intervention> = {}): Intervention {
  const at = over.createdAt ?? '2026-02-02T10:00:00.000Z';
  return interventionSchema.parse({
    id: 'iv-1', collaborativeId: 'yh', title: 'Joint huddle', description: '', kind: 'structural', ties: [], dimensions: ['timely'],
    ownerIds: [OWNER], status: 'agreed', dueOn: '2026-03-12', createdAt: at, updatedAt: at, updates: [{ at, ...AUTHOR, text: 'Recorded as agreed.' }], ...over,
  });
}

describe('the UK calendar of the daily run', () => {
  it('finds the next 09:00 UK time, across the change to summer time', () => {
    expect(nextUkTime(new Date('2026-03-06T09:00:00.000Z'), 540).toISOString()).toBe('2026-03-07T09:00:00.000Z');
    expect(nextUkTime(new Date('2026-03-06T08:59:00.000Z'), 540).toISOString()).toBe('2026-03-06T09:00:00.000Z');
    // Clocks go forward on Sunday 29 March 2026: 09:00 UK is then 08:00 UTC.
    expect(nextUkTime(new Date('2026-03-28T10:00:00.000Z'), 540).toISOString()).toBe('2026-03-29T08:00:00.000Z');
    expect(nextUkTime(new Date('2026-10-24T08:30:00.000Z'), 540).toISOString()).toBe('2026-10-25T09:00:00.000Z');
  });

  it('names each week by its Monday in UK time', () => {
    expect(ukMondayOf(new Date('2026-03-09T09:00:00.000Z'))).toBe('2026-03-09');
    expect(ukMondayOf(new Date('2026-03-15T23:30:00.000Z'))).toBe('2026-03-09');
    // 23:30 UTC on Sunday 5 July is 00:30 on Monday 6 July in UK summer time.
    expect(ukMondayOf(new Date('2026-07-05T23:30:00.000Z'))).toBe('2026-07-06');
  });
});

describe('what the weekly digest tells', () => {
  it('lists interventions recorded, moved on or updated in the last seven days, newest change first, and nothing older', () => {
    const now = new Date('2026-03-09T09:00:00.000Z');
    const items = digestItems(
      [
        anIntervention({ id: 'old', title: 'Nothing this week' }),
        anIntervention({ id: 'new', title: 'Recorded this week', createdAt: '2026-03-04T10:00:00.000Z', updatedAt: '2026-03-04T10:00:00.000Z' }),
        anIntervention({
          id: 'moved', title: 'Moved on', status: 'in_progress', startOn: '2026-03-05',
          updates: [
            { at: '2026-02-02T10:00:00.000Z', ...AUTHOR, text: 'Recorded as agreed.' },
            { at: '2026-03-01T10:00:00.000Z', ...AUTHOR, text: 'Too early to count.' },
            { at: '2026-03-05T11:00:00.000Z', ...AUTHOR, text: 'Started.', statusChange: { from: 'agreed', to: 'in_progress' } },
            { at: '2026-03-06T11:00:00.000Z', ...AUTHOR, text: 'Second huddle.' },
          ],
        }),
      ],
      now,
    );
    expect(items).toEqual([
      { title: 'Moved on', created: false, moves: ['agreed → in progress'], updates: 2, latest: 'Second huddle.' },
      { title: 'Recorded this week', created: true, moves: [], updates: 0 },
    ]);
    expect(digestItems([anIntervention()], now)).toEqual([]);
  });
});

describe("the owners' reminder as a card kind", () => {
  function prepareWith(storage: Partial<InterventionCardKindDeps['storage']>, now: string) {
    const kinds = new CardKindRegistry();
    const touched: string[] = [];
    const watched = new Proxy(storage, { get: (t, p: string) => (touched.push(p), (t as Record<string, unknown>)[p]) }) as InterventionCardKindDeps['storage'];
    registerInterventionCardKinds(kinds, { storage: watched, tabUrl: 'https://x.example', quietHours: DEFAULT_QUIET_HOURS, clock: () => new Date(now) });
    const request = { scope: { collaborativeId: 'yh', pulseId: 'intervention~iv-1' }, round: 'due-2026-03-12', recipient: { aadObjectId: OWNER }, input: { interventionId: 'iv-1', dueOn: '2026-03-12' } };
    return { prepare: () => kinds.get(INTERVENTION_REMINDER)!.prepare(request), touched };
  }
  const found = (iv: Intervention) => ({
    interventions: { find: async () => ({ value: iv, etag: 'e' }) } as unknown as InterventionCardKindDeps['storage']['interventions'],
    collaboratives: { find: async () => ({ value: { id: 'yh' }, etag: 'e' }) } as unknown as InterventionCardKindDeps['storage']['collaboratives'],
    workgroups: { list: async () => [] } as unknown as InterventionCardKindDeps['storage']['workgroups'],
    members: { list: async () => [] } as unknown as InterventionCardKindDeps['storage']['members'],
  });

  it('waits out quiet hours without reading anything (Monday 21:00 waits until 08:00 on Tuesday)', async () => {
    const { prepare, touched } = prepareWith({}, '2026-03-09T21:00:00.000Z');
    expect(await prepare()).toEqual({ kind: 'later', delayMs: 11 * 60 * 60 * 1000 });
    expect(touched).toEqual([]);
  });

  it('is withdrawn for an intervention done, dropped, given another date or another owner since it was queued', async () => {
    const at = '2026-03-09T10:00:00.000Z';
    for (const iv of [
      anIntervention({ status: 'done', startOn: '2026-02-03', completedAt: '2026-03-08T10:00:00.000Z' }),
      anIntervention({ status: 'dropped' }),
      anIntervention({ dueOn: '2026-03-20' }),
      anIntervention({ ownerIds: ['0b0b0b0b-0000-4000-8000-000000000002'] }),
    ]) {
      expect(await prepareWith(found(iv), at).prepare()).toEqual({ kind: 'withdraw' });
    }
    const sent = await prepareWith(found(anIntervention()), at).prepare();
    expect(sent.kind).toBe('send');
    expect(JSON.stringify(sent)).toContain('An intervention you own is due in 3 days');
  });
});
