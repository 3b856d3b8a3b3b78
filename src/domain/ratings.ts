import { DIMENSION_COUNT, dimensionIndex } from './instrument';

/** Marks a (respondent, target, dimension) cell that was given as "not applicable". */
const NOT_APPLICABLE = 255;
/** Pair keys pack (respondent, target) into one number, so targets must stay below 2^16. */
const MAX_GROUPS = 65535;

/**
 * All ratings of one pulse in a compact form: one row per (respondent, target) pair with
 * the seven scores (0 = no answer). Group names are indexed once, so scoring works on
 * integers and typed arrays and stays fast at a million ratings.
 */
export interface RatingMatrix {
  /** Workgroup names; respondents' own groups and targets share one index. */
  readonly groups: readonly string[];
  /** Respondent ids as given (only used to put respondents in a canonical order). */
  readonly respondentIds: readonly string[];
  /** Own workgroup of each respondent (index into groups). */
  readonly respondentGroup: Int32Array;
  readonly respondentCount: number;
  readonly pairCount: number;
  readonly pairRespondent: Int32Array;
  readonly pairTarget: Int32Array;
  /** pairCount x 7 scores, 1-5, or 0 for no answer. */
  readonly pairScores: Uint8Array;
}

/** Why a rating could not be added; the caller maps it to a line and column. */
export type RatingProblem =
  | { code: 'two-workgroups'; field: 'workgroup'; message: string }
  | { code: 'duplicate'; field: 'dimension'; message: string }
  | { code: 'unknown-dimension'; field: 'dimension'; message: string }
  | { code: 'bad-score'; field: 'score'; message: string }
  | { code: 'too-many-groups'; field: 'target'; message: string }
  | { code: 'empty'; field: 'respondent' | 'workgroup' | 'target'; message: string };

function grow<T extends Int32Array | Uint8Array>(a: T, min: number): T {
  if (a.length >= min) return a;
  const next = new (a.constructor as new (n: number) => T)(Math.max(min, a.length * 2));
  next.set(a);
  return next;
}

/**
 * Collects ratings one at a time and checks the rules of the contract as it goes: a
 * respondent belongs to one workgroup, a (respondent, target, dimension) is rated once,
 * the dimension is one of the seven and the score is an integer 1-5 or empty.
 */
export class RatingMatrixBuilder {
  private readonly groups: string[] = [];
  private readonly groupIndex = new Map<string, number>();
  private readonly respondentIndex = new Map<string, number>();
  private readonly respondentIds: string[] = [];
  private respondentGroup = new Int32Array(1024);
  private respondentCount = 0;
  private readonly pairIndex = new Map<number, number>();
  private pairRespondent = new Int32Array(4096);
  private pairTarget = new Int32Array(4096);
  private pairScores = new Uint8Array(4096 * DIMENSION_COUNT);
  private pairCount = 0;

  /** Interns a group name and returns its index. */
  group(name: string): number {
    let g = this.groupIndex.get(name);
    if (g === undefined) {
      g = this.groups.length;
      this.groups.push(name);
      this.groupIndex.set(name, g);
    }
    return g;
  }

  /**
   * Adds one rating. `score` is the raw text of the score field ('' for no answer).
   * Returns a problem instead of throwing, so a file reader can name the line and column.
   */
  add(respondent: string, workgroup: string, target: string, dimension: string, score: string): RatingProblem | null {
    if (respondent === '') return { code: 'empty', field: 'respondent', message: 'respondent is empty' };
    if (workgroup === '') return { code: 'empty', field: 'workgroup', message: 'workgroup is empty' };
    if (target === '') return { code: 'empty', field: 'target', message: 'target is empty' };
    const d = dimensionIndex(dimension);
    if (d < 0) {
      return {
        code: 'unknown-dimension',
        field: 'dimension',
        message: `unknown dimension "${dimension}" (expected one of frequent, timely, accurate, problem_solving, shared_goals, shared_knowledge, mutual_respect)`,
      };
    }
    let value: number;
    if (score === '') value = NOT_APPLICABLE;
    else if (score.length === 1 && score >= '1' && score <= '5') value = score.charCodeAt(0) - 48;
    else return { code: 'bad-score', field: 'score', message: `score "${score}" is not a whole number from 1 to 5 (or empty for no answer)` };

    const g = this.group(workgroup);
    let r = this.respondentIndex.get(respondent);
    if (r === undefined) {
      r = this.respondentCount++;
      this.respondentIndex.set(respondent, r);
      this.respondentIds.push(respondent);
      this.respondentGroup = grow(this.respondentGroup, this.respondentCount);
      this.respondentGroup[r] = g;
    } else if (this.respondentGroup[r] !== g) {
      const first = this.groups[this.respondentGroup[r]!];
      return {
        code: 'two-workgroups',
        field: 'workgroup',
        message: `respondent "${respondent}" is already in workgroup "${first}"; a respondent belongs to one workgroup`,
      };
    }
    if (this.groups.length >= MAX_GROUPS && !this.groupIndex.has(target)) {
      return { code: 'too-many-groups', field: 'target', message: `more than ${MAX_GROUPS} different workgroups` };
    }
    const t = this.group(target);
    const key = r * 65536 + t;
    let p = this.pairIndex.get(key);
    if (p === undefined) {
      p = this.pairCount++;
      this.pairIndex.set(key, p);
      this.pairRespondent = grow(this.pairRespondent, this.pairCount);
      this.pairTarget = grow(this.pairTarget, this.pairCount);
      this.pairScores = grow(this.pairScores, this.pairCount * DIMENSION_COUNT);
      this.pairRespondent[p] = r;
      this.pairTarget[p] = t;
    }
    const cell = p * DIMENSION_COUNT + d;
    if (this.pairScores[cell] !== 0) {
      return {
        code: 'duplicate',
        field: 'dimension',
        message: `respondent "${respondent}" already rated "${target}" on ${dimension}`,
      };
    }
    this.pairScores[cell] = value;
    return null;
  }

  get ratings(): number {
    return this.pairCount;
  }

  /** The finished matrix ("not applicable" cells become 0 = no answer). */
  build(): RatingMatrix {
    const scores = this.pairScores.slice(0, this.pairCount * DIMENSION_COUNT);
    for (let i = 0; i < scores.length; i++) if (scores[i] === NOT_APPLICABLE) scores[i] = 0;
    return {
      groups: this.groups.slice(),
      respondentIds: this.respondentIds.slice(),
      respondentGroup: this.respondentGroup.slice(0, this.respondentCount),
      respondentCount: this.respondentCount,
      pairCount: this.pairCount,
      pairRespondent: this.pairRespondent.slice(0, this.pairCount),
      pairTarget: this.pairTarget.slice(0, this.pairCount),
      pairScores: scores,
    };
  }
}

/** One rating in plain form, convenient for tests and for data read from storage. */
export interface Rating {
  respondent: string;
  workgroup: string;
  target: string;
  dimension: string;
  /** 1-5, or null for no answer. */
  score: number | null;
}

/** Builds a matrix from plain ratings; throws on the first problem (for trusted data and tests). */
export function ratingMatrix(ratings: Iterable<Rating>): RatingMatrix {
  const b = new RatingMatrixBuilder();
  for (const x of ratings) {
    const problem = b.add(x.respondent, x.workgroup, x.target, x.dimension, x.score === null ? '' : String(x.score));
    if (problem) throw new Error(problem.message);
  }
  return b.build();
}
