import type { TrendResponse } from '../../../src/contract/trend-contract';
import { marksFor } from '../../../tab/src/views/trend-marks';

const mark = (id: string, ties: { from: string; to: string }[]) => ({ id, title: id, startOn: '2024-10-01', completedAt: null, ties });
const trend = {
  scope: { pulseId: 'p', asking: null, rating: [] },
  points: [],
  interventions: [mark('huddle', [{ from: 'mbu', to: 'community' }]), mark('handover', [{ from: 'community', to: 'mbu' }]), mark('goals', [])],
} satisfies TrendResponse;

describe('the interventions marked on a trend', () => {
  it('for a tie: those aimed at that tie, in that direction, and those aimed at dimensions alone', () => {
    expect(marksFor(trend, 'tie:mbu>community').map((m) => m.id)).toEqual(['huddle', 'goals']);
    expect(marksFor(trend, 'tie:community>mbu').map((m) => m.id)).toEqual(['handover', 'goals']);
  });

  it('for an overall figure or an index: every one the scope could show', () => {
    for (const followed of ['overall', 'between', 'communication', 'relationship']) expect(marksFor(trend, followed)).toHaveLength(3);
  });
});
