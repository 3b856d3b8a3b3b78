import type { ApiChange, CompareResponse } from '../../contract/api-contract';
import { compare, type Change } from '../../domain/change';
import { IllegalStateError } from '../../domain/errors';
import { DIMENSIONS } from '../../domain/instrument';
import { effectiveK, type Pulse } from '../../domain/model/pulse';
import type { Storage } from '../../storage/storage';
import { responsesToMatrix } from '../pulse/pulse-figures';
import { scopeOf, workgroupNames } from '../pulse/pulse-lookup';
import { pulseSummary, visiblePulse } from './collaborative-view';
import type { MemoCache } from './memo-cache';
import { safeFigure } from './published-figures';
import { methodOf } from './results-view';
import type { CollaborativeAccess } from './tab-access';
import { UnprocessableError } from './tab-errors';

/**
 * Change between two closed survey pulses of a collaborative (rc-measurement.md 3.10):
 * Welch verdicts per figure, each pulse's anonymity rules applied first. Both must be
 * closed: an open pulse's figures move only by the snapshot rule, and a change computed
 * from its live answers would show what the last few people said.
 */

export interface CompareDeps {
  pulses: Pick<Storage['pulses'], 'find'>;
  responses: Pick<Storage['responses'], 'list'>;
  workgroups: Pick<Storage['workgroups'], 'list'>;
  compareCache: MemoCache<CompareResponse>;
}

const TTL_MS = 10 * 60_000;

function safeChange(c: Change): ApiChange {
  const before = safeFigure(c.before);
  const after = safeFigure(c.after);
  if (c.suppressed || before.suppressed || after.suppressed) {
    return { before, after, difference: null, ci95: null, verdict: null, suppressed: true };
  }
  return { before, after, difference: c.difference, ci95: c.ci95, verdict: c.verdict, suppressed: false };
}

const perDimension = (r: Record<(typeof DIMENSIONS)[number], Change>) =>
  Object.fromEntries(DIMENSIONS.map((d) => [d, safeChange(r[d])])) as CompareResponse['dimensions'];

function assertComparable(pulse: Pulse, earlier: Pulse): void {
  if (pulse.id === earlier.id) throw new UnprocessableError('Choose a different pulse to compare with: a pulse cannot be compared with itself.');
  if (pulse.kind !== 'survey' || earlier.kind !== 'survey') {
    throw new UnprocessableError('Change can only be shown between two survey pulses, not transition checks.');
  }
  if (pulse.status !== 'closed' || earlier.status !== 'closed') {
    throw new IllegalStateError(
      "Change can be shown once both pulses have closed. While a pulse is open its figures only move in steps, so that nobody's answers can be picked out.",
      `compare ${earlier.id} (${earlier.status}) -> ${pulse.id} (${pulse.status})`,
      'pulse_open',
    );
  }
}

async function computeCompare(deps: CompareDeps, access: CollaborativeAccess, pulse: Pulse, earlier: Pulse): Promise<CompareResponse> {
  const c = access.collaborative;
  // The larger k of the two: a figure is shown only if both pulses' rules allow it.
  const k = Math.max(effectiveK(pulse, c.k), effectiveK(earlier, c.k));
  const [before, after, workgroups] = await Promise.all([
    deps.responses.list(scopeOf(earlier)),
    deps.responses.list(scopeOf(pulse)),
    deps.workgroups.list(c.id),
  ]);
  const report = compare(responsesToMatrix(before), responsesToMatrix(after), { k, minItems: c.minItems, bands: c.bands });
  const names = workgroupNames(workgroups);
  const nameOf = (id: string) => names.get(id) ?? id;
  return {
    pulse: pulseSummary(pulse),
    earlier: pulseSummary(earlier),
    method: methodOf(c, k, report.minItems),
    respondents: report.respondents,
    overall: safeChange(report.overall),
    overallBetween: safeChange(report.overallBetween),
    dimensions: perDimension(report.dimensions),
    indices: { communication: safeChange(report.indices.communication), relationship: safeChange(report.indices.relationship) },
    ties: report.ties.map((t) => ({ from: t.from, fromName: nameOf(t.from), to: t.to, toName: nameOf(t.to), ...safeChange(t), dimensions: perDimension(t.dimensions) })),
  };
}

/** This pulse against `earlierPulseId`, with workgroup names; reused for a while per instance. */
export async function compareView(deps: CompareDeps, access: CollaborativeAccess, pulseId: string, earlierPulseId: string): Promise<CompareResponse> {
  const [pulse, earlier] = await Promise.all([visiblePulse(deps, access, pulseId), visiblePulse(deps, access, earlierPulseId)]);
  assertComparable(pulse, earlier);
  const key = `${pulse.collaborativeId}/${earlier.id}/${pulse.id}`;
  return deps.compareCache.getOrCompute(key, TTL_MS, () => computeCompare(deps, access, pulse, earlier));
}
