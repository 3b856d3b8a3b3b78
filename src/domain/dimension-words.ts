import type { Dimension } from './instrument';

/**
 * The seven dimensions in plain words: a title for headings, and a phrase that reads inside
 * a sentence ("What gets in the way of timely communication?").
 */
export const DIMENSION_TITLES: Readonly<Record<Dimension, string>> = {
  frequent: 'Frequent communication',
  timely: 'Timely communication',
  accurate: 'Accurate communication',
  problem_solving: 'Problem-solving communication',
  shared_goals: 'Shared goals',
  shared_knowledge: 'Shared knowledge',
  mutual_respect: 'Mutual respect',
};

export const DIMENSION_PHRASES: Readonly<Record<Dimension, string>> = {
  frequent: 'communicating often enough',
  timely: 'timely communication',
  accurate: 'accurate communication',
  problem_solving: 'solving problems together',
  shared_goals: 'shared goals',
  shared_knowledge: "knowing each other's work",
  mutual_respect: "respect for each other's work",
};
