import type { InterventionBody } from '../../../src/contract/interventions-contract';
import { createBody, formOf, newForm, patchBody, reapply } from '../../../tab/src/interventions/form-model';
import { hashOf, planHash, routeFromHash } from '../../../tab/src/interventions/iv-route';

const OWNER = '11111111-1111-4111-8111-111111111111';

function stored(over: Partial<InterventionBody> = {}): InterventionBody {
  return {
    id: 'iv-1',
    collaborativeId: 'c',
    title: 'Joint discharge planning',
    description: 'Plan discharges together.',
    kind: 'structural',
    catalogueId: 'relational-job-design',
    ties: [{ from: 'mbu', to: 'cpmht', fromName: 'MBU', toName: 'CPMHT', withinGroup: false, label: 'MBU → CPMHT', description: 'How MBU rate working with CPMHT' }],
    dimensions: ['timely'],
    ownerIds: [OWNER],
    owners: [{ id: OWNER, name: 'Sam' }],
    status: 'agreed',
    statusWords: 'agreed',
    nextStatuses: ['in_progress', 'dropped'],
    createdAt: '2024-06-01T09:00:00.000Z',
    updatedAt: '2024-06-01T09:00:00.000Z',
    etag: 'v1',
    updateCount: 0,
    mine: true,
    canEdit: true,
    updates: [],
    ...over,
  };
}

describe('the interventions pages in the address', () => {
  it('"Plan an intervention" opens the create form filled with the tie, its weakest dimensions and the pulse', () => {
    const hash = planHash({ from: 'mbu', to: 'cpmht' }, ['timely', 'shared_goals'], 'demo-repeat-2024');
    expect(routeFromHash(hash)).toEqual({ page: 'new', prefill: { ties: [{ from: 'mbu', to: 'cpmht' }], dimensions: ['timely', 'shared_goals'], pulseId: 'demo-repeat-2024' } });
  });

  it('ignores what an edited address should not carry: unknown dimensions, odd ids, half a tie', () => {
    expect(routeFromHash('#interventions/new?from=a&dimensions=timely,nonsense,timely,__proto__&pulse=../x')).toEqual({ page: 'new', prefill: { ties: [], dimensions: ['timely'] } });
    expect(routeFromHash('#interventions/..%2Fadmin')).toEqual({ page: 'board' });
    expect(routeFromHash('#map')).toEqual({ page: 'results' });
  });

  it('round-trips every page', () => {
    for (const route of [{ page: 'board' }, { page: 'impact' }, { page: 'talk' }, { page: 'detail', id: 'iv-1' }, { page: 'edit', id: 'iv-1' }] as const) {
      expect(routeFromHash(hashOf(route))).toEqual(route);
    }
  });
});

describe('the intervention form', () => {
  it('refuses, before sending, what the server would refuse: no title, no tie or dimension, a due date before the start', () => {
    const result = createBody({ ...newForm({ ties: [], dimensions: [] }), startOn: '2024-07-01', dueOn: '2024-06-01' });
    expect(result).toEqual({ errors: expect.objectContaining({ title: expect.any(String), ties: expect.any(String), dueOn: expect.any(String) }) });
  });

  it('a filled-in plan from a catalogue entry is a valid body of that entry\'s kind', () => {
    const form = newForm({ ties: [{ from: 'mbu', to: 'cpmht' }], dimensions: ['timely'], catalogueId: 'shared-huddles' });
    expect(createBody(form)).toEqual({ body: expect.objectContaining({ kind: 'structural', catalogueId: 'shared-huddles', ties: [{ from: 'mbu', to: 'cpmht' }], status: 'proposed' }) });
  });

  it('an edit sends only what changed, and clears a date with null', () => {
    const base = formOf(stored({ startOn: '2024-07-01' }));
    expect(patchBody(base, { ...base })).toEqual({ unchanged: true });
    expect(patchBody(base, { ...base, title: 'Shared discharge plans', startOn: '', status: 'in_progress' })).toEqual({ body: { title: 'Shared discharge plans', startOn: null, status: 'in_progress' } });
  });

  it('after a conflict, puts back only this person\'s changes on top of the other version, and drops a move that is no longer legal', () => {
    const base = formOf(stored());
    const mine = { ...base, title: 'My title', status: 'in_progress' as const };
    const theirs = stored({ description: 'Their description', status: 'dropped', nextStatuses: ['proposed'], etag: 'v2' });
    const next = reapply(base, mine, theirs);
    expect(next).toMatchObject({ title: 'My title', description: 'Their description', status: 'dropped' });
  });
});
