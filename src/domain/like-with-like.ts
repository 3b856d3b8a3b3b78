import type { Change, CompareReport } from './change';
import type { Pulse } from './model/pulse';
import { askedTie, scopeKey } from './model/pulse-scope';

/**
 * Change between two pulses only where they asked the same thing (like with like): a tie
 * counts only when both pulses asked its from-group and rated its to-group. When the pulses'
 * scopes differ, the whole-collaborative figures (overall, between groups, dimensions,
 * indices) stand for different people and groups, so no change is worked out for them; each
 * pulse's own published figures are still shown. Nothing new is computed: the ties kept are
 * the ones each pulse published.
 */

type Scoped = Pick<Pulse, 'targetWorkgroupIds' | 'participantWorkgroupIds'>;

/** A tie left out of a comparison, and why. */
export interface LeftOutTie {
  from: string;
  to: string;
  /** Which pulse did not ask about it. */
  notAskedIn: 'earlier' | 'later' | 'both';
}

export interface LikeWithLike {
  report: CompareReport;
  /** True when both pulses asked the same groups about the same groups. */
  sameScope: boolean;
  leftOut: LeftOutTie[];
}

/** A change that is not worked out: the two sides measure different things. */
function notCompared(c: Change): Change {
  return { ...c, difference: null, ci95: null, verdict: null, suppressed: true };
}

/** The report kept to the ties both pulses asked about, with the ties left out. */
export function likeWithLike(report: CompareReport, earlier: Scoped, later: Scoped): LikeWithLike {
  const sameScope = scopeKey(earlier) === scopeKey(later);
  const leftOut: LeftOutTie[] = [];
  const ties = report.ties.filter((t) => {
    const inEarlier = askedTie(earlier, t.from, t.to);
    const inLater = askedTie(later, t.from, t.to);
    if (inEarlier && inLater) return true;
    leftOut.push({ from: t.from, to: t.to, notAskedIn: !inEarlier && !inLater ? 'both' : inEarlier ? 'later' : 'earlier' });
    return false;
  });
  if (sameScope) return { report: { ...report, ties }, sameScope, leftOut };
  const dims = (r: CompareReport['dimensions']) => Object.fromEntries(Object.entries(r).map(([d, c]) => [d, notCompared(c)])) as CompareReport['dimensions'];
  return {
    report: {
      ...report,
      overall: notCompared(report.overall),
      overallBetween: notCompared(report.overallBetween),
      dimensions: dims(report.dimensions),
      indices: { communication: notCompared(report.indices.communication), relationship: notCompared(report.indices.relationship) },
      ties,
    },
    sameScope,
    leftOut,
  };
}
