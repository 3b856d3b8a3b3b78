import { z } from 'zod';

/**
 * The seven dimensions of relational coordination, in the order the survey asks them.
 * These ids are the contract: CSV files, stored responses and exports all use them.
 */
export const DIMENSIONS = [
  'frequent',
  'timely',
  'accurate',
  'problem_solving',
  'shared_goals',
  'shared_knowledge',
  'mutual_respect',
] as const;

export const dimensionSchema = z.enum(DIMENSIONS);
export type Dimension = z.infer<typeof dimensionSchema>;

/** Number of dimensions; scoring code uses it as the stride of its score arrays. */
export const DIMENSION_COUNT = DIMENSIONS.length;

/** Communication index: frequent, timely, accurate, problem-solving communication. */
export const COMMUNICATION_DIMENSIONS: readonly Dimension[] = DIMENSIONS.slice(0, 4);
/** Relationship index: shared goals, shared knowledge, mutual respect. */
export const RELATIONSHIP_DIMENSIONS: readonly Dimension[] = DIMENSIONS.slice(4);

export const INDICES = { communication: COMMUNICATION_DIMENSIONS, relationship: RELATIONSHIP_DIMENSIONS } as const;
export type IndexName = keyof typeof INDICES;

/** Position of a dimension in DIMENSIONS, or -1 when the id is not one of the seven. */
export function dimensionIndex(id: string): number {
  return (DIMENSIONS as readonly string[]).indexOf(id);
}

const optionSchema = z.object({
  label: z.string().trim().min(1, 'an option needs a label'),
  score: z.number().int().min(1).max(5),
});

const itemSchema = z.object({
  stem: z
    .string()
    .trim()
    .min(1, 'an item needs its wording')
    .refine((s) => s.includes('{process}'), 'the wording must contain {process}, where the focal process goes'),
  /** Options in the order they are shown; each score 1-5 appears exactly once. */
  options: z
    .array(optionSchema)
    .length(5, 'an item has exactly five options, one for each score 1 to 5')
    .refine((opts) => new Set(opts.map((o) => o.score)).size === 5, 'each score 1 to 5 must appear exactly once'),
});

/**
 * An RC instrument: the wording of the seven items and their options. The scoring never
 * changes; a collaborative may load its licensed wording (same dimensions, same scores).
 */
export const instrumentSchema = z.object({
  id: z.string().trim().min(1).max(64),
  name: z.string().trim().min(1).max(200),
  notApplicableLabel: z.string().trim().min(1).max(200),
  items: z.object(
    Object.fromEntries(DIMENSIONS.map((d) => [d, itemSchema])) as Record<Dimension, typeof itemSchema>,
  ).strict(),
});
export type Instrument = z.infer<typeof instrumentSchema>;
export type InstrumentItem = Instrument['items'][Dimension];

const never1to5 = (labels: [string, string, string, string, string]) =>
  labels.map((label, i) => ({ label, score: i + 1 }));

/**
 * The default instrument "rc7": the published item stems (Gittell 2000; Gittell et al. 2008)
 * with the response options of the measurement contract. Frequency is scored for adequacy,
 * so "too often" scores below "just the right amount".
 */
export const DEFAULT_INSTRUMENT: Instrument = {
  id: 'rc7',
  name: 'Relational Coordination Survey (published item stems)',
  notApplicableLabel: "Not applicable / we don't work together on this",
  items: {
    frequent: {
      stem: 'How frequently do people in each of these groups communicate with you about {process}?',
      options: [
        { label: 'Not nearly enough', score: 1 },
        { label: 'Not enough', score: 3 },
        { label: 'Just the right amount', score: 5 },
        { label: 'Too often', score: 4 },
        { label: 'Much too often', score: 2 },
      ],
    },
    timely: {
      stem: 'Do people in these groups communicate with you in a timely way about {process}?',
      options: never1to5(['Never', 'Rarely', 'Sometimes', 'Often', 'Always']),
    },
    accurate: {
      stem: 'Do people in these groups communicate with you accurately about {process}?',
      options: never1to5(['Never', 'Rarely', 'Sometimes', 'Often', 'Always']),
    },
    problem_solving: {
      stem: 'When there is a problem with {process}, do people in these groups blame others or work with you to solve the problem?',
      options: never1to5([
        'They always blame others',
        'Mostly blame',
        'Neither',
        'Mostly work with me to solve it',
        'Always work with me to solve it',
      ]),
    },
    shared_goals: {
      stem: 'How much do people in these groups share your goals for {process}?',
      options: never1to5(['Not at all', 'A little', 'Somewhat', 'A lot', 'Completely']),
    },
    shared_knowledge: {
      stem: 'How much do people in these groups know about the work you do with {process}?',
      options: never1to5(['Nothing', 'A little', 'Some', 'A lot', 'Everything']),
    },
    mutual_respect: {
      stem: 'How much do people in these groups respect the work you do with {process}?',
      options: never1to5(['Not at all', 'A little', 'Somewhat', 'A lot', 'Completely']),
    },
  },
};

/** The item's wording with the focal process filled in. */
export function itemText(instrument: Instrument, dimension: Dimension, focalProcess: string): string {
  return instrument.items[dimension].stem.split('{process}').join(focalProcess);
}

/** Raised when an instrument file does not describe the seven RC items correctly. */
export class InstrumentError extends Error {
  constructor(readonly problems: string[]) {
    super(`The instrument is not valid: ${problems.join('; ')}`);
    this.name = 'InstrumentError';
  }
}

/**
 * Checks an instrument read from a JSON file (for example a collaborative's licensed
 * wording). Any wording and labels are accepted; the seven dimension ids and the 1-5
 * scores are not negotiable, because the scoring depends on them.
 */
export function parseInstrument(json: unknown): Instrument {
  const result = instrumentSchema.safeParse(json);
  if (!result.success) {
    throw new InstrumentError(
      result.error.issues.map((issue) => `${issue.path.join('.') || 'instrument'}: ${issue.message}`),
    );
  }
  return result.data;
}
