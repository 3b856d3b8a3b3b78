import type { CarriedData, Verb } from './card-verbs';
import type {
  ActionStyle,
  AdaptiveCard,
  AssociatedInputs,
  CardButton,
  CardElement,
  ExecuteAction,
  FactSet,
  RichTextBlock,
  Spacing,
  TextBlock,
  TextRun,
} from './card-types';

/**
 * Small builders shared by every card, so each card file reads like its content and the
 * house rules (schema 1.5, Universal Actions with a fallback, no markdown in names people
 * typed) live in one place.
 */

export const CARD_SCHEMA_URL = 'http://adaptivecards.io/schemas/adaptive-card.json';

/** A whole card at schema 1.5 (the highest Teams renders), full width in Teams. */
export function adaptiveCard(body: CardElement[], actions: CardButton[] = []): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: CARD_SCHEMA_URL,
    version: '1.5',
    body,
    ...(actions.length > 0 ? { actions } : {}),
    msteams: { width: 'Full' },
  };
}

export interface ActionOptions {
  style?: ActionStyle;
  /** 'none' sends no inputs and skips required-input checks, e.g. for Back. */
  associatedInputs?: AssociatedInputs;
}

/**
 * A button: Action.Execute (Universal Actions, so the bot can replace the card in place)
 * with an Action.Submit fallback carrying the same data plus the verb, for older clients.
 */
export function executeAction<V extends Verb>(title: string, verb: V, data: CarriedData<V>, options: ActionOptions = {}): ExecuteAction {
  const shared = {
    title,
    ...(options.style ? { style: options.style } : {}),
    ...(options.associatedInputs ? { associatedInputs: options.associatedInputs } : {}),
  };
  const payload = { ...data } as Record<string, unknown>;
  return {
    type: 'Action.Execute',
    ...shared,
    verb,
    data: payload,
    fallback: { type: 'Action.Submit', ...shared, data: { ...payload, verb } },
  };
}

type TextOptions = Partial<Omit<TextBlock, 'type' | 'text'>>;

/** RC Pulse's own wording (Teams reads it as markdown). Wraps by default: phones are narrow. */
export function text(value: string, options: TextOptions = {}): TextBlock {
  return { type: 'TextBlock', text: value, wrap: true, ...options };
}

/** A card's title. */
export function heading(value: string): TextBlock {
  return text(value, { style: 'heading', size: 'medium', weight: 'bolder' });
}

/** A red note beside an input or at the top of a card, saying what to fix. */
export function errorNote(value: string, spacing: Spacing = 'small'): TextBlock {
  return text(value, { color: 'attention', spacing });
}

/** A run of plain text for {@link plain}. */
export function run(value: string, options: Partial<Omit<TextRun, 'type' | 'text'>> = {}): TextRun {
  return { type: 'TextRun', text: value, ...options };
}

/**
 * Text that may include what people typed (workgroup names, the focal process): a
 * RichTextBlock of TextRuns, which Teams never reads as markdown, so a name such as
 * "[click](https://x)" shows as typed and cannot become a link.
 */
export function plain(parts: (string | TextRun)[], options: { spacing?: Spacing; separator?: boolean } = {}): RichTextBlock {
  return { type: 'RichTextBlock', inlines: parts.map((p) => (typeof p === 'string' ? run(p) : p)), ...options };
}

/** Label-value pairs in RC Pulse's own wording (fact sets may be read as markdown). */
export function facts(pairs: readonly (readonly [string, string])[], spacing?: Spacing): FactSet {
  return { type: 'FactSet', facts: pairs.map(([title, value]) => ({ title, value })), ...(spacing ? { spacing } : {}) };
}
