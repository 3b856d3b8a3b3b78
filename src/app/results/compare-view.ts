import { compare, type CompareReport } from '../../domain/change';
import { likeWithLike, type LeftOutTie } from '../../domain/like-with-like';
import { IllegalStateError } from '../../domain/errors';
import { figuresFinal, type Pulse, pulseMethod, type PulseMethod, scopeOf } from '../../domain/model/pulse';
import type { Storage } from '../../storage/storage';
import { responsesToMatrix } from '../pulse/pulse-figures';
import { workgroupNames } from '../pulse/pulse-lookup';
import { visiblePulse } from './collaborative-view';
import type { MemoCache } from './memo-cache';
import type { CollaborativeAccess } from './collaborative-access';
import { UnprocessableError } from './unprocessable-error';

/**
 * Change between two closed survey pulses of a collaborative (rc-measurement.md 3.10):
 * Welch verdicts per figure, each pulse scored with its own method (minItems, bands) and the
 * larger of the two k applied to both. Both must have their final figures stored: a pulse's
 * figures are published once, when it closes, so change is worked out from the same
 * released responses, with the same n, as its results.
 */

export interface CompareDeps {
  pulses: Pick<Storage['pulses'], 'find'>;
  responses: Pick<Storage['responses'], 'list'>;
  workgroups: Pick<Storage['workgroups'], 'list'>;
  compareCache: MemoCache<CompareView>;
}

/** This pulse against an earlier one (the HTTP edge turns it into the API's body). */
export interface CompareView {
  pulse: Pulse;
  earlier: Pulse;
  /** The later pulse's method, with the k both were shown with. */
  method: PulseMethod;
  /** Kept to the ties both pulses asked about (like with like). */
  report: CompareReport;
  /** False when the pulses asked different groups: then only ties are compared. */
  sameScope: boolean;
  /** Ties one of the pulses did not ask about, left out of the comparison. */
  leftOut: LeftOutTie[];
  nameOf(id: string): string;
}

const TTL_MS = 10 * 60_000;

function assertComparable(pulse: Pulse, earlier: Pulse): void {
  if (pulse.id === earlier.id) throw new UnprocessableError('Choose a different pulse to compare with: a pulse cannot be compared with itself.');
  if (pulse.kind !== 'survey' || earlier.kind !== 'survey') {
    throw new UnprocessableError('Change can only be shown between two survey pulses, not transition checks.');
  }
  if (pulse.status !== 'closed' || earlier.status !== 'closed') {
    throw new IllegalStateError(
      'Change can be shown once both pulses have closed. Figures are published once, when a pulse closes, so that nobody\'s answers can be picked out.',
      `compare ${earlier.id} (${earlier.status}) -> ${pulse.id} (${pulse.status})`,
      'pulse_open',
    );
  }
  if (!figuresFinal(pulse) || !figuresFinal(earlier)) {
    throw new IllegalStateError(
      'The figures of one of these pulses are still being prepared. Please try again in a few minutes.',
      `compare ${earlier.id} -> ${pulse.id}: figures not final yet`,
      'figures_preparing',
    );
  }
}

async function computeCompare(deps: CompareDeps, access: CollaborativeAccess, pulse: Pulse, earlier: Pulse): Promise<CompareView> {
  const c = access.collaborative;
  const after = pulseMethod(pulse, c.k);
  const before = pulseMethod(earlier, c.k);
  // The larger k of the two: a figure is shown only if both pulses' rules allow it.
  const k = Math.max(after.k, before.k);
  const [earlierResponses, responses, workgroups] = await Promise.all([
    deps.responses.list(scopeOf(earlier)),
    deps.responses.list(scopeOf(pulse)),
    deps.workgroups.list(c.id),
  ]);
  const full = compare(responsesToMatrix(earlierResponses), responsesToMatrix(responses), {
    k,
    minItems: after.minItems,
    bands: after.bands,
    before: { minItems: before.minItems, bands: before.bands },
  });
  const { report, sameScope, leftOut } = likeWithLike(full, earlier, pulse);
  const names = workgroupNames(workgroups);
  return { pulse, earlier, method: { ...after, k }, report, sameScope, leftOut, nameOf: (id) => names.get(id) ?? id };
}

/** This pulse against `earlierPulseId`, with workgroup names; reused for a while per instance. */
export async function compareView(deps: CompareDeps, access: CollaborativeAccess, pulseId: string, earlierPulseId: string): Promise<CompareView> {
  const [pulse, earlier] = await Promise.all([visiblePulse(deps, access, pulseId), visiblePulse(deps, access, earlierPulseId)]);
  assertComparable(pulse, earlier);
  const key = `${pulse.collaborativeId}/${earlier.id}/${pulse.id}`;
  return deps.compareCache.getOrCompute(key, TTL_MS, () => computeCompare(deps, access, pulse, earlier));
}
