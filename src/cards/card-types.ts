/**
 * The subset of the Adaptive Card 1.5 schema that RC Pulse's cards use, as TypeScript types,
 * so a typo in a property name fails the type-check rather than silently vanishing in Teams.
 * Only what the cards need is here; extend it when a card needs more.
 */

export type Spacing = 'none' | 'small' | 'default' | 'medium' | 'large' | 'extraLarge' | 'padding';
export type TextSize = 'small' | 'default' | 'medium' | 'large' | 'extraLarge';
export type TextWeight = 'lighter' | 'default' | 'bolder';
export type TextColor = 'default' | 'dark' | 'light' | 'accent' | 'good' | 'warning' | 'attention';
export type ContainerStyle = 'default' | 'emphasis' | 'good' | 'attention' | 'warning' | 'accent';
export type ActionStyle = 'default' | 'positive' | 'destructive';

/** Layout properties every element may carry. */
interface ElementBase {
  id?: string;
  spacing?: Spacing;
  separator?: boolean;
}

export interface TextBlock extends ElementBase {
  type: 'TextBlock';
  /** Teams treats this as markdown: use it only for RC Pulse's own wording. */
  text: string;
  wrap?: boolean;
  size?: TextSize;
  weight?: TextWeight;
  color?: TextColor;
  isSubtle?: boolean;
  style?: 'default' | 'heading';
  fontType?: 'default' | 'monospace';
}

/** A run of plain text: never processed as markdown, so it is safe for names people typed. */
export interface TextRun {
  type: 'TextRun';
  text: string;
  weight?: TextWeight;
  color?: TextColor;
  isSubtle?: boolean;
  size?: TextSize;
  italic?: boolean;
  fontType?: 'default' | 'monospace';
}

export interface RichTextBlock extends ElementBase {
  type: 'RichTextBlock';
  inlines: TextRun[];
}

export interface Fact {
  title: string;
  value: string;
}

export interface FactSet extends ElementBase {
  type: 'FactSet';
  facts: Fact[];
}

export interface Choice {
  title: string;
  value: string;
}

/** Inputs always carry a label (screen readers, and the schema's own rule for required inputs). */
interface InputBase extends ElementBase {
  id: string;
  label: string;
  isRequired?: boolean;
  errorMessage?: string;
}

export interface ChoiceSetInput extends InputBase {
  type: 'Input.ChoiceSet';
  choices: Choice[];
  value?: string;
  style?: 'compact' | 'expanded';
  wrap?: boolean;
  placeholder?: string;
}

export interface TextInput extends InputBase {
  type: 'Input.Text';
  value?: string;
  isMultiline?: boolean;
  maxLength?: number;
  placeholder?: string;
}

export interface NumberInput extends InputBase {
  type: 'Input.Number';
  value?: number;
  min?: number;
  max?: number;
  placeholder?: string;
}

export interface Container extends ElementBase {
  type: 'Container';
  items: CardElement[];
  style?: ContainerStyle;
}

export interface Column {
  type: 'Column';
  items: CardElement[];
  width?: 'auto' | 'stretch' | number;
  verticalContentAlignment?: 'top' | 'center' | 'bottom';
}

export interface ColumnSet extends ElementBase {
  type: 'ColumnSet';
  columns: Column[];
}

export interface ActionSet extends ElementBase {
  type: 'ActionSet';
  actions: CardButton[];
}

export type CardElement =
  | TextBlock
  | RichTextBlock
  | FactSet
  | ChoiceSetInput
  | TextInput
  | NumberInput
  | Container
  | ColumnSet
  | ActionSet;

/** Which inputs a submit collects and validates: all of them ('auto') or none. */
export type AssociatedInputs = 'auto' | 'none';

/** Only ever used as the fallback of an Action.Execute, for clients without Universal Actions. */
export interface SubmitAction {
  type: 'Action.Submit';
  title: string;
  data: Record<string, unknown>;
  style?: ActionStyle;
  associatedInputs?: AssociatedInputs;
}

export interface ExecuteAction {
  type: 'Action.Execute';
  title: string;
  verb: string;
  data: Record<string, unknown>;
  style?: ActionStyle;
  associatedInputs?: AssociatedInputs;
  fallback: SubmitAction;
}

export interface OpenUrlAction {
  type: 'Action.OpenUrl';
  title: string;
  url: string;
}

export type CardButton = ExecuteAction | OpenUrlAction;

/** A whole card, always schema 1.5: the highest version Teams renders. */
export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  body: CardElement[];
  actions?: CardButton[];
  /** Teams-specific: use the full width of the chat, so long questions wrap less. */
  msteams?: { width: 'Full' };
  /**
   * Universal Actions: Teams runs `action` by itself when one of `userIds` (at most 60 Teams
   * user ids) sees the card, and shows the card the bot answers with.
   */
  refresh?: { action: ExecuteAction; userIds?: string[] };
}
