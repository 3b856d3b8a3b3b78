/* Pure: no DOM, so unit tests can check it. */
import type { TrendResponse } from '../../../src/contract/trend-contract';

/**
 * The interventions to mark for the figure followed: for a tie, those aimed at that tie or at
 * dimensions alone (the server already left out those aimed only at ties this scope never
 * asks about); for an overall figure or an index, all of them.
 */
export function marksFor(trend: TrendResponse, followed: string): TrendResponse['interventions'] {
  if (!followed.startsWith('tie:')) return trend.interventions;
  const key = followed.slice(4);
  return trend.interventions.filter((i) => i.ties.length === 0 || i.ties.some((t) => `${t.from}>${t.to}` === key));
}
