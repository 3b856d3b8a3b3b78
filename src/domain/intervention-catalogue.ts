import { z } from 'zod';
import { dimensionSchema, DIMENSIONS, type Dimension } from './instrument';

/**
 * The catalogue of interventions of the Relational Model of Organizational Change
 * (rc-measurement.md section 1), each described as it could look in a perinatal mental health
 * pathway. A collaborative picks from it (or writes its own) when it agrees what to try.
 */

/**
 * The three kinds of intervention: relational (building shared goals, knowledge and respect),
 * work process (improvement cycles that embed them) and structural (the roles, routines,
 * spaces and systems that make coordination the normal way of working).
 */
export const interventionKindSchema = z.enum(['relational', 'work_process', 'structural']);
export type InterventionKind = z.infer<typeof interventionKindSchema>;

/** A catalogue id: lower-case words joined by hyphens, e.g. 'shared-huddles'. */
export const catalogueIdSchema = z.string().regex(/^[a-z]+(-[a-z]+)*$/, 'a catalogue id is lower-case words joined by hyphens');

/** One kind of intervention the model describes. */
export const catalogueEntrySchema = z
  .object({
    id: catalogueIdSchema,
    kind: interventionKindSchema,
    title: z.string().min(1).max(80),
    /** One or two plain sentences: what it is in a perinatal pathway. */
    description: z.string().min(1).max(400),
    /** The dimensions it most directly addresses, most direct first. */
    dimensions: z.array(dimensionSchema).min(1).max(DIMENSIONS.length),
  })
  .strict();
export type CatalogueEntry = z.infer<typeof catalogueEntrySchema>;

const entry = (e: CatalogueEntry): CatalogueEntry => e;

/** The catalogue, in the order the model lists it: relational, work process, structural. */
export const INTERVENTION_CATALOGUE: readonly CatalogueEntry[] = [
  entry({
    id: 'shared-goals',
    kind: 'relational',
    title: 'Build shared goals',
    description:
      'Bring the groups together to agree what a good admission or discharge looks like for a mother, her baby and her family. Write it down in words every Trust can sign up to.',
    dimensions: ['shared_goals', 'problem_solving', 'mutual_respect'],
  }),
  entry({
    id: 'shared-knowledge',
    kind: 'relational',
    title: 'Build shared knowledge',
    description:
      "Short shadowing visits or 'this is our work' sessions, so that community teams see the mother and baby unit's work and unit staff see how families are followed up at home.",
    dimensions: ['shared_knowledge', 'accurate', 'timely'],
  }),
  entry({
    id: 'mutual-respect',
    kind: 'relational',
    title: 'Build mutual respect',
    description:
      "Name and thank each group's part in a family's care at joint reviews, and agree how concerns are raised without blame.",
    dimensions: ['mutual_respect', 'problem_solving', 'shared_goals'],
  }),
  entry({
    id: 'improvement-cycles',
    kind: 'work_process',
    title: 'Improvement cycles across groups',
    description:
      'Small test-and-learn cycles on one step of the pathway, such as referral to the unit, run by people from every group involved, so that shared goals, knowledge and respect are built into the work itself.',
    dimensions: ['problem_solving', 'shared_goals', 'shared_knowledge', 'timely'],
  }),
  entry({
    id: 'teamwork-selection-training',
    kind: 'structural',
    title: 'Selection and training for teamwork',
    description:
      'Recruit and induct staff for how they work with other teams, and train groups together, for example joint perinatal training for midwives, health visitors and mental health staff.',
    dimensions: ['shared_knowledge', 'mutual_respect', 'problem_solving'],
  }),
  entry({
    id: 'relational-job-design',
    kind: 'structural',
    title: 'Relational job design',
    description:
      'Give roles the time and scope to coordinate, such as protected time for community perinatal nurses to join discharge planning on the unit.',
    dimensions: ['frequent', 'timely', 'shared_knowledge'],
  }),
  entry({
    id: 'relational-leadership',
    kind: 'structural',
    title: 'Relational leadership',
    description:
      'Leaders who coach rather than direct, spend time where the work happens in each Trust, and ask what got in the way when something goes wrong.',
    dimensions: ['mutual_respect', 'problem_solving', 'shared_goals'],
  }),
  entry({
    id: 'boundary-spanners',
    kind: 'structural',
    title: 'Boundary spanners',
    description:
      'A named person, such as a perinatal liaison worker or discharge coordinator, whose job is to link the unit, community teams and maternity services around each family.',
    dimensions: ['frequent', 'timely', 'accurate'],
  }),
  entry({
    id: 'shared-accountability',
    kind: 'structural',
    title: 'Shared accountability and rewards',
    description:
      "Measure and celebrate results for the whole pathway, such as follow-up within 72 hours of discharge, rather than each team's own targets.",
    dimensions: ['shared_goals', 'mutual_respect'],
  }),
  entry({
    id: 'conflict-resolution',
    kind: 'structural',
    title: 'Conflict resolution',
    description:
      'An agreed, blame-free way to work through disagreements between teams, such as a quick joint review when a referral is turned down.',
    dimensions: ['problem_solving', 'mutual_respect'],
  }),
  entry({
    id: 'shared-huddles',
    kind: 'structural',
    title: 'Shared meetings and huddles',
    description:
      'A short, regular huddle across groups, such as one between the mother and baby unit and the community perinatal team before each discharge.',
    dimensions: ['frequent', 'timely', 'accurate', 'problem_solving'],
  }),
  entry({
    id: 'shared-space',
    kind: 'structural',
    title: 'Shared space',
    description:
      'Time in the same place, such as community perinatal staff working from the unit one day a week, or a shared online room for the pathway.',
    dimensions: ['frequent', 'shared_knowledge', 'mutual_respect'],
  }),
  entry({
    id: 'shared-protocols',
    kind: 'structural',
    title: 'Shared protocols and routines',
    description:
      'Routines every group agrees and uses, such as one admission and discharge checklist and one handover template across all the Trusts.',
    dimensions: ['accurate', 'timely', 'shared_knowledge'],
  }),
  entry({
    id: 'shared-information-systems',
    kind: 'structural',
    title: 'Shared information systems',
    description:
      'Ways for every group to see the same up-to-date information, such as a shared care plan or a joint referral tracker that each partner can read.',
    dimensions: ['accurate', 'timely', 'frequent'],
  }),
  entry({
    id: 'psychological-safety',
    kind: 'structural',
    title: 'Psychological safety',
    description:
      'Make it safe to speak up, ask questions and admit mistakes across teams, for example by starting joint meetings with what went well and what was hard.',
    dimensions: ['problem_solving', 'mutual_respect', 'shared_knowledge'],
  }),
];

/** The catalogue entry with this id, or undefined. */
export function catalogueEntry(id: string): CatalogueEntry | undefined {
  return INTERVENTION_CATALOGUE.find((e) => e.id === id);
}

/**
 * How strongly an entry answers the weak dimensions given, weakest first: each matching
 * dimension counts more the weaker it is, and more again when the entry addresses it most
 * directly (it comes early in the entry's own list).
 */
function relevance(e: CatalogueEntry, weakestFirst: readonly Dimension[]): number {
  let total = 0;
  weakestFirst.forEach((d, i) => {
    const at = e.dimensions.indexOf(d);
    if (at < 0) return;
    total += (weakestFirst.length - i) * (DIMENSIONS.length - at);
  });
  return total;
}

/**
 * Catalogue entries for weak dimensions (or the weakest dimensions of a weak tie), best first,
 * at most `limit`. Pass the dimensions weakest first; repeated or unknown ids are ignored.
 * With no dimensions it offers the entries that address the most dimensions, as a start.
 * Ties in relevance keep the catalogue's order (relational first).
 */
export function suggestInterventions(dimensions: readonly Dimension[], limit = 3): CatalogueEntry[] {
  const wanted = [...new Set(dimensions.filter((d) => DIMENSIONS.includes(d)))];
  const count = Math.max(0, Math.floor(limit));
  const scored = INTERVENTION_CATALOGUE.map((e, order) => ({
    e,
    order,
    score: wanted.length > 0 ? relevance(e, wanted) : e.dimensions.length,
  }));
  return scored
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .slice(0, count)
    .map((s) => s.e);
}
