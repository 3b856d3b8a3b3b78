import { DIMENSION_COUNT, DIMENSIONS, type Dimension, COMMUNICATION_DIMENSIONS } from './instrument';
import type { RatingMatrix } from './ratings';
import { AlphaAccumulator, Summary } from './stats';

/** Raw (unsuppressed) figures of one tie from-group -> to-group. */
export interface TieAnalysis {
  from: string;
  to: string;
  /** RC(i, to) over respondents i of `from` with RC(i, to) defined. */
  rc: Summary;
  /** Per dimension, r(i, to, d) over respondents i of `from` where present. */
  dimensions: Record<Dimension, Summary>;
}

export interface WorkgroupAnalysis {
  workgroup: string;
  respondents: number;
  /** How the group experiences everyone else: RC_between(i) over i in the group. */
  outgoing: Summary;
  /** How everyone else experiences the group: RC(i, group) over i not in it. */
  incoming: Summary;
}

/**
 * Every figure of the measurement contract (section 3) before anonymity rules are applied.
 * It never leaves the server or the command line: reports are built from it with
 * suppression (see report.ts).
 */
export interface Analysis {
  minItems: number;
  respondents: number;
  overall: Summary;
  overallBetween: Summary;
  dimensions: Record<Dimension, Summary>;
  indices: { communication: Summary; relationship: Summary };
  /** Sorted by from, then to. */
  ties: TieAnalysis[];
  /** Sorted by name; every group that is someone's workgroup or a target. */
  workgroups: WorkgroupAnalysis[];
  alpha: { value: number | null; rows: number };
}

/** Plain code-point order, so results never depend on the machine's locale. */
export const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const perDimension = (): Record<Dimension, Summary> =>
  Object.fromEntries(DIMENSIONS.map((d) => [d, new Summary()])) as Record<Dimension, Summary>;

/**
 * Respondents in id order, each with their pairs in target-name order. Summing in a
 * canonical order makes every figure bit-for-bit independent of the input row order.
 */
function canonicalOrder(m: RatingMatrix, targetRank: Int32Array): { respondents: number[]; start: Int32Array; pairs: Int32Array } {
  const respondents = Array.from({ length: m.respondentCount }, (_, i) => i).sort((a, b) =>
    byName(m.respondentIds[a]!, m.respondentIds[b]!),
  );
  const start = new Int32Array(m.respondentCount + 1);
  for (let p = 0; p < m.pairCount; p++) start[m.pairRespondent[p]! + 1]! += 1;
  for (let r = 0; r < m.respondentCount; r++) start[r + 1]! += start[r]!;
  const fill = start.slice(0, m.respondentCount);
  const pairs = new Int32Array(m.pairCount);
  for (let p = 0; p < m.pairCount; p++) pairs[fill[m.pairRespondent[p]!]!++] = p;
  for (let r = 0; r < m.respondentCount; r++) {
    const own = pairs.subarray(start[r]!, start[r + 1]!);
    if (own.length > 1) own.sort((a, b) => targetRank[m.pairTarget[a]!]! - targetRank[m.pairTarget[b]!]!);
  }
  return { respondents, start, pairs };
}

/** Computes every raw figure of section 3 in one pass over the ratings. */
export function analyse(m: RatingMatrix, minItems: number): Analysis {
  const G = m.groups.length;
  const names = m.groups;
  const sortedGroups = Array.from({ length: G }, (_, i) => i).sort((a, b) => byName(names[a]!, names[b]!));
  const rank = new Int32Array(G);
  sortedGroups.forEach((g, i) => (rank[g] = i));

  const overall = new Summary();
  const overallBetween = new Summary();
  const dimensions = perDimension();
  const indices = { communication: new Summary(), relationship: new Summary() };
  const outgoing = Array.from({ length: G }, () => new Summary());
  const incoming = Array.from({ length: G }, () => new Summary());
  const respondentsOf = new Int32Array(G);
  const ties = new Map<number, TieAnalysis>();
  const alpha = new AlphaAccumulator(DIMENSION_COUNT);
  const commItems = COMMUNICATION_DIMENSIONS.length;
  const dimSum = new Float64Array(DIMENSION_COUNT);
  const dimCount = new Int32Array(DIMENSION_COUNT);

  const { respondents, start, pairs } = canonicalOrder(m, rank);
  for (const r of respondents) {
    const own = m.respondentGroup[r]!;
    respondentsOf[own]! += 1;
    let allSum = 0, allCount = 0, betweenSum = 0, betweenCount = 0;
    dimSum.fill(0);
    dimCount.fill(0);
    for (let i = start[r]!; i < start[r + 1]!; i++) {
      const p = pairs[i]!;
      const t = m.pairTarget[p]!;
      const key = own * G + t;
      let tie = ties.get(key);
      if (!tie) {
        tie = { from: names[own]!, to: names[t]!, rc: new Summary(), dimensions: perDimension() };
        ties.set(key, tie);
      }
      const base = p * DIMENSION_COUNT;
      let present = 0, sum = 0;
      for (let d = 0; d < DIMENSION_COUNT; d++) {
        const v = m.pairScores[base + d]!;
        if (v === 0) continue;
        present++;
        sum += v;
        dimSum[d]! += v;
        dimCount[d]! += 1;
        tie.dimensions[DIMENSIONS[d]!].add(v);
      }
      if (present === DIMENSION_COUNT) alpha.addRow(m.pairScores, base);
      if (present < minItems) continue;
      const rc = sum / present;
      tie.rc.add(rc);
      allSum += rc;
      allCount++;
      if (t !== own) {
        betweenSum += rc;
        betweenCount++;
        incoming[t]!.add(rc);
      }
    }
    if (allCount > 0) overall.add(allSum / allCount);
    if (betweenCount > 0) {
      overallBetween.add(betweenSum / betweenCount);
      outgoing[own]!.add(betweenSum / betweenCount);
    }
    let commSum = 0, commCount = 0, relSum = 0, relCount = 0;
    for (let d = 0; d < DIMENSION_COUNT; d++) {
      if (dimCount[d]! > 0) dimensions[DIMENSIONS[d]!].add(dimSum[d]! / dimCount[d]!);
      if (d < commItems) {
        commSum += dimSum[d]!;
        commCount += dimCount[d]!;
      } else {
        relSum += dimSum[d]!;
        relCount += dimCount[d]!;
      }
    }
    if (commCount > 0) indices.communication.add(commSum / commCount);
    if (relCount > 0) indices.relationship.add(relSum / relCount);
  }

  return {
    minItems,
    respondents: m.respondentCount,
    overall,
    overallBetween,
    dimensions,
    indices,
    ties: [...ties.values()].sort((a, b) => byName(a.from, b.from) || byName(a.to, b.to)),
    workgroups: sortedGroups.map((g) => ({
      workgroup: names[g]!,
      respondents: respondentsOf[g]!,
      outgoing: outgoing[g]!,
      incoming: incoming[g]!,
    })),
    alpha: { value: alpha.value(), rows: alpha.rows },
  };
}
