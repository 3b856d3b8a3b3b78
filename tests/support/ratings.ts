import { DIMENSIONS } from '../../src/domain/instrument';
import { ratingMatrix, type Rating, type RatingMatrix } from '../../src/domain/ratings';

/**
 * One respondent's ratings of one target workgroup, one score per dimension in the
 * contract's order (frequent ... mutual_respect); null = no answer. A single number
 * rates every dimension the same; a short array leaves the rest unanswered.
 */
export function rate(respondent: string, workgroup: string, target: string, scores: number | (number | null)[]): Rating[] {
  const list = typeof scores === 'number' ? DIMENSIONS.map(() => scores) : scores;
  return DIMENSIONS.map((dimension, i) => ({ respondent, workgroup, target, dimension, score: list[i] ?? null }));
}

/** Builds a rating matrix from rate(...) calls. */
export function matrix(...groups: Rating[][]): RatingMatrix {
  return ratingMatrix(groups.flat());
}
