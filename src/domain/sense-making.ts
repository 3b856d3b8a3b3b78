import type { Change, CompareReport } from './change';
import { DIMENSION_PHRASES, DIMENSION_TITLES } from './dimension-words';
import { DIMENSIONS, type Dimension } from './instrument';
import { suggestInterventions } from './intervention-catalogue';
import type { Figure, ScoreReport } from './scoring';
import {
  PUBLISHED_REFERENCES,
  type DimensionFigure,
  type SenseMakingStep,
  type SenseMakingView,
  type Suggestion,
  tieLabel,
  type TieLabel,
} from './sense-making-view';
import { shownFigure, type ShownFigure } from './shown-figure';

export * from './sense-making-view';

/**
 * "Talk it through": the content for a workshop on a closed pulse's results. Reviewing scores
 * can provoke shame, defensiveness or scapegoating (Schein; Suchman), so every item is about a
 * tie between groups or a dimension, never a person, and each asks a question about the work.
 * Only shown figures are used: a suppressed figure (or a change with a suppressed side) gives
 * no item, no name and no number.
 */

export interface SenseMakingInput {
  /** The closed pulse's published report (its own method applied). */
  report: ScoreReport;
  /** Change against the previous pulse, when there is one. */
  compare?: CompareReport;
  /** Workgroup names by id, as published with the figures. */
  names: Readonly<Record<string, string>>;
  /** How many strongest and weakest ties, clear changes and suggestions (defaults 2, 2, 3, 3). */
  limits?: { ties?: number; changes?: number; suggestions?: number };
}

const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const SUGGESTIONS_AT_CLOSE = 5;

const toSuggestion = ({ id, kind, title, description }: Suggestion): Suggestion => ({ id, kind, title, description });

/** Shown dimension figures, lowest mean first (ties in mean keep survey order). */
function shownDimensions(dimensions: Record<Dimension, Figure>): DimensionFigure[] {
  return DIMENSIONS.flatMap((d) => {
    const figure = shownFigure(dimensions[d]);
    return figure ? [{ dimension: d, title: DIMENSION_TITLES[d], figure }] : [];
  }).sort((a, b) => a.figure.mean - b.figure.mean);
}

function strongTie(tie: TieLabel, figure: ShownFigure): SenseMakingStep {
  // The strongest of a pulse's ties can still be weak: then "so well" would ring false.
  const between = tie.withinGroup ? `people within ${tie.fromName}` : `${tie.fromName} and ${tie.toName}`;
  const question =
    figure.band === 'weak'
      ? `What works best between ${between}, and what would help it work better still?`
      : tie.withinGroup
        ? `What helps ${between} work so well together, and could other groups borrow it?`
        : `What helps ${between} work so well together, and could others borrow it?`;
  return { kind: 'strong_tie', title: `Working well: ${tie.label}`, question, tie, figure };
}

function weakTie(tie: TieLabel, figure: ShownFigure, dimensions: Record<Dimension, Figure>, fallback: Dimension[], limit: number): SenseMakingStep {
  const weakestDimensions = shownDimensions(dimensions).slice(0, 2);
  const weak = weakestDimensions.length > 0 ? weakestDimensions.map((d) => d.dimension) : fallback;
  const question = tie.withinGroup
    ? `What makes it hard for people within ${tie.fromName} to coordinate their work, and what would help?`
    : `What makes handovers from ${tie.fromName} to ${tie.toName} hard to get right?`;
  return {
    kind: 'weak_tie',
    title: `Hardest to get right: ${tie.label}`,
    question,
    tie,
    figure,
    weakestDimensions,
    suggestions: suggestInterventions(weak, limit).map(toSuggestion),
  };
}

/** Ties with a shown figure, strongest first; equal means in from/to order, so the view is stable. */
function tieSteps(input: SenseMakingInput, fallback: Dimension[], tieLimit: number, suggestionLimit: number): SenseMakingStep[] {
  const shown = input.report.ties
    .flatMap((t) => {
      const figure = shownFigure(t);
      return figure ? [{ t, figure }] : [];
    })
    .sort((a, b) => b.figure.mean - a.figure.mean || byCode(a.t.from, b.t.from) || byCode(a.t.to, b.t.to));
  const strongCount = Math.min(tieLimit, Math.ceil(shown.length / 2));
  const weakCount = Math.min(tieLimit, shown.length - strongCount);
  const strong = shown.slice(0, strongCount).map(({ t, figure }) => strongTie(tieLabel(t.from, t.to, input.names), figure));
  const weak = shown
    .slice(shown.length - weakCount)
    .reverse()
    .map(({ t, figure }) => weakTie(tieLabel(t.from, t.to, input.names), figure, t.dimensions, fallback, suggestionLimit));
  return [...strong, ...weak];
}

type ChangeSubject = Extract<SenseMakingStep, { kind: 'change' }>['subject'];

function changeStep(subject: ChangeSubject, c: Change): SenseMakingStep | null {
  const before = shownFigure(c.before);
  const after = shownFigure(c.after);
  if (c.suppressed || !before || !after || c.difference === null) return null;
  if (c.verdict !== 'improved' && c.verdict !== 'declined') return null;
  const up = c.verdict === 'improved';
  const [title, question] =
    subject.type === 'tie'
      ? [
          `${up ? 'Clearly better' : 'Clearly harder'}: ${subject.tie.label}`,
          up
            ? `What changed in the work between ${subject.tie.fromName} and ${subject.tie.toName}, and how can we keep it going?`
            : `What has changed in the work between ${subject.tie.fromName} and ${subject.tie.toName} that makes it harder now?`,
        ]
      : subject.type === 'dimension'
        ? [
            `${subject.title} has ${up ? 'gone up' : 'gone down'}`,
            up ? 'What changed in how we work that helped, and how can we keep it going?' : 'What has changed in how we work since the last pulse?',
          ]
        : [
            `Relational coordination has ${up ? 'gone up' : 'gone down'} overall`,
            up ? 'What made the difference, and how can we keep it going?' : 'What has changed in the work since the last pulse?',
          ];
  return { kind: 'change', title, question, subject, before, after, difference: c.difference, ci95: c.ci95, verdict: c.verdict };
}

/** Clear changes only (the Welch interval excludes 0), biggest first. */
function changeSteps(input: SenseMakingInput, limit: number): SenseMakingStep[] {
  const c = input.compare;
  if (!c) return [];
  const candidates = [
    changeStep({ type: 'overall' }, c.overall),
    ...DIMENSIONS.map((d) => changeStep({ type: 'dimension', dimension: d, title: DIMENSION_TITLES[d] }, c.dimensions[d])),
    ...c.ties.map((t) => changeStep({ type: 'tie', tie: tieLabel(t.from, t.to, input.names) }, t)),
  ];
  return candidates
    .filter((s): s is Extract<SenseMakingStep, { kind: 'change' }> => s !== null)
    .sort((a, b) => Math.abs(b.difference) - Math.abs(a.difference))
    .slice(0, limit);
}

function gapStep(dimensions: DimensionFigure[], limit: number): SenseMakingStep[] {
  if (dimensions.length < 2) return [];
  const lowest = dimensions[0]!;
  const highest = dimensions[dimensions.length - 1]!;
  if (highest.figure.mean === lowest.figure.mean) return [];
  const [high, low] = [DIMENSION_PHRASES[highest.dimension], DIMENSION_PHRASES[lowest.dimension]];
  return [
    {
      kind: 'dimension_gap',
      title: `Furthest apart: ${highest.title} and ${lowest.title}`,
      question: `We rate ${high} highest and ${low} lowest. What gets in the way of ${low}, and could what supports ${high} help?`,
      highest,
      lowest,
      suggestions: suggestInterventions(dimensions.slice(0, 2).map((d) => d.dimension), limit).map(toSuggestion),
    },
  ];
}

function introStep(report: ScoreReport): SenseMakingStep {
  return {
    kind: 'intro',
    title: 'Talking it through together',
    question: 'What stands out for you, and is it what you expected?',
    paragraphs: [
      'These figures describe how groups work together, never how any one person works.',
      'Low figures are about the work and how it is set up, so look for what makes the work hard rather than for someone to blame.',
      'Every figure is a range as well as a number: small differences may be chance.',
      'Figures from other settings are shown as a rough guide, not as a target.',
    ],
    overall: shownFigure(report.overall),
    references: PUBLISHED_REFERENCES.map((r) => ({ ...r })),
  };
}

function closingStep(steps: SenseMakingStep[]): SenseMakingStep {
  // Every step's suggestions, first mention first, each once.
  const byId = new Map<string, Suggestion>();
  for (const s of steps.flatMap((step) => ('suggestions' in step ? step.suggestions : []))) if (!byId.has(s.id)) byId.set(s.id, s);
  const suggestions = [...byId.values()].slice(0, SUGGESTIONS_AT_CLOSE);
  return {
    kind: 'closing',
    title: 'What shall we try?',
    question: 'What one or two things shall we try before the next pulse?',
    paragraphs: [
      'Choose one or two things to try, who will lead each one, and when we will measure again.',
      'Record them as interventions, so that the next pulse can show whether the ties they aim at have changed.',
    ],
    suggestions,
  };
}

/**
 * The "Talk it through" view of a closed pulse: an intro (the overall figure beside published
 * ranges), the strongest and weakest ties, the biggest clear changes since the previous pulse,
 * the dimensions furthest apart, then "What shall we try?" with catalogue suggestions for the
 * weak ties and the lowest dimensions.
 */
export function buildSenseMaking(input: SenseMakingInput): SenseMakingView {
  const tieLimit = Math.max(0, Math.floor(input.limits?.ties ?? 2));
  const changeLimit = Math.max(0, Math.floor(input.limits?.changes ?? 3));
  const suggestionLimit = Math.max(0, Math.floor(input.limits?.suggestions ?? 3));
  const dimensions = shownDimensions(input.report.dimensions);
  const fallback = dimensions.slice(0, 2).map((d) => d.dimension);
  const items = [
    ...tieSteps(input, fallback, tieLimit, suggestionLimit),
    ...changeSteps(input, changeLimit),
    ...gapStep(dimensions, suggestionLimit),
  ];
  return { steps: [introStep(input.report), ...items, closingStep(items)] };
}
