import type { TrendView } from '../app/results/trend-view';
import type { TrendResponse } from '../contract/trend-contract';
import { pulseSummary } from './results-mapper';

/** The trend view as the API's body: figures as published (suppressed ones already emptied), with names. */
export function trendBody(view: TrendView): TrendResponse {
  const { scopePulse, nameOf } = view;
  const named = (ids: readonly string[]) => ids.map((id) => ({ id, name: nameOf(id) }));
  return {
    scope: {
      pulseId: scopePulse.id,
      asking: scopePulse.participantWorkgroupIds ? named(scopePulse.participantWorkgroupIds) : null,
      rating: named(scopePulse.targetWorkgroupIds),
    },
    points: view.points.map((p) => ({
      pulse: pulseSummary(p.pulse),
      at: p.at,
      figures: p.figures
        ? {
            overall: p.figures.overall,
            overallBetween: p.figures.overallBetween,
            indices: p.figures.indices,
            ties: p.figures.ties.map((t) => ({ ...t, fromName: nameOf(t.from), toName: nameOf(t.to) })),
          }
        : null,
    })),
    interventions: view.interventions.map((i) => ({ id: i.id, title: i.title, startOn: i.startOn ?? null, completedAt: i.completedAt ?? null, ties: i.ties })),
  };
}
