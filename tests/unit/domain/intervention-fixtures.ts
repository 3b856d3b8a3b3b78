import { applyInterventionChange, createIntervention, type Intervention, type InterventionContext, type InterventionStatus } from '../../../src/domain/model/intervention';

/** An intervention recorded by Sam Patel for the collaborative 'yh', and ways to move it on. */

export const OWNER = '11111111-1111-4111-8111-111111111111';
export const OTHER = '22222222-2222-4222-8222-222222222222';
export const STRANGER = '33333333-3333-4333-8333-333333333333';
export const context: InterventionContext = {
  workgroupIds: ['mbu', 'community', 'health-visiting'],
  memberIds: [OWNER, OTHER.toUpperCase()],
  author: { id: OWNER, name: 'Sam Patel' },
};
export const ids = { id: 'iv-1', collaborativeId: 'yh' };
export const T0 = '2026-03-02T10:00:00.000Z';

export const body = (extra: Record<string, unknown> = {}) => ({
  title: 'Discharge huddle',
  description: 'A short huddle before each discharge.',
  kind: 'structural',
  catalogueId: 'shared-huddles',
  ties: [{ from: 'mbu', to: 'community' }],
  dimensions: ['timely'],
  ownerIds: [OWNER],
  ...extra,
});

export const created = (extra: Record<string, unknown> = {}) => createIntervention(body(extra), ids, T0, context);

/** The error a call throws, or fails the test when it throws none. */
export function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}

/** Walks an intervention to `status` through legal moves. */
export function at(status: InterventionStatus): Intervention {
  const path: Record<InterventionStatus, InterventionStatus[]> = {
    proposed: [],
    agreed: ['agreed'],
    in_progress: ['agreed', 'in_progress'],
    done: ['agreed', 'in_progress', 'done'],
    dropped: ['dropped'],
  };
  return path[status].reduce((iv, s, i) => applyInterventionChange(iv, { status: s }, `2026-03-1${i}T09:00:00.000Z`, context), created());
}
