import { K_MAX, K_MIN } from '../domain/anonymity';
import { DIMENSION_COUNT } from '../domain/instrument';
import { adaptiveCard, errorNote, executeAction, heading, plain, run, text } from './card-kit';
import type { AdaptiveCard, CardElement, RichTextBlock, TextBlock } from './card-types';
import { nonEmptyLines, SETUP_LIMITS, type SetupField } from './setup-form-schema';

/**
 * The set-up card: shows and edits the focal process, the workgroups (one per line), k,
 * minItems and the facilitators. Saving sends `setup.save`; when something needs fixing the
 * bot shows the card again with what was typed and a note beside each field.
 */

export interface SetupValues {
  focalProcess: string;
  workgroups: readonly string[];
  /** Undefined shows an empty box (e.g. after something unreadable was typed). */
  k?: number;
  minItems?: number;
  /** Facilitators' work e-mail addresses. */
  facilitators: readonly string[];
}

export interface SetupView extends SetupValues {
  collaborativeId: string;
  collaborativeName?: string;
  /** Opaque version of the set-up (e.g. an ETag), sent back so concurrent edits are caught. */
  revision?: string;
  /** A note per field, from a failed `setup.save` (its `fieldErrors`). */
  errors?: Partial<Record<SetupField, string>>;
  /** True right after a successful save. */
  saved?: boolean;
}

const field = (data: Record<string, unknown>, key: SetupField, max: number): string => {
  const value = data[key];
  return typeof value === 'string' ? value.slice(0, max) : typeof value === 'number' ? String(value) : '';
};

const wholeOrUndefined = (value: string): number | undefined => (/^\d{1,3}$/.test(value.trim()) ? Number(value.trim()) : undefined);

/**
 * What a person typed, recovered from set-up data that failed its checks, so the card can
 * be shown again without losing their work. Every string is cut to its field's limit.
 */
export function setupValuesFromData(data: unknown): SetupValues {
  const d = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
  const k = wholeOrUndefined(field(d, 'k', 10));
  const minItems = wholeOrUndefined(field(d, 'minItems', 10));
  return {
    focalProcess: field(d, 'focalProcess', SETUP_LIMITS.focalProcessChars),
    workgroups: nonEmptyLines(field(d, 'workgroups', SETUP_LIMITS.workgroupsTextChars)),
    facilitators: nonEmptyLines(field(d, 'facilitators', SETUP_LIMITS.facilitatorsTextChars)),
    ...(k !== undefined ? { k } : {}),
    ...(minItems !== undefined ? { minItems } : {}),
  };
}

/** A field's note, as plain runs: it may quote what was typed ('The workgroup "x" is listed twice'). */
function note(view: SetupView, key: SetupField): RichTextBlock[] {
  const message = view.errors?.[key];
  return message ? [plain([run(message, { color: 'attention' })], { spacing: 'small' })] : [];
}

const hint = (value: string): TextBlock => text(value, { isSubtle: true, size: 'small', spacing: 'small' });

/** The set-up form, filled with the current (or just typed) values. */
export function setupCard(view: SetupView): AdaptiveCard {
  const hasErrors = Object.keys(view.errors ?? {}).length > 0;
  const body: CardElement[] = [
    heading('Set up RC Pulse'),
    ...(view.collaborativeName ? [plain([view.collaborativeName], { spacing: 'none' })] : []),
    ...(view.saved ? [text('Saved. New pulses will use these settings.', { color: 'good' })] : []),
    ...(hasErrors ? [errorNote('Nothing has been saved yet: please see the notes below.', 'medium')] : []),
    text('Changes apply to the next pulse you start. A pulse that is already open keeps its questions.', { isSubtle: true }),
    {
      type: 'Input.Text',
      id: 'focalProcess',
      label: 'Focal work process: what the questions ask about',
      placeholder: 'for example: admission to the mother and baby unit',
      value: view.focalProcess,
      maxLength: SETUP_LIMITS.focalProcessChars,
      isRequired: true,
      errorMessage: 'Please describe the focal work process.',
      spacing: 'medium',
    },
    ...note(view, 'focalProcess'),
    {
      type: 'Input.Text',
      id: 'workgroups',
      label: 'Workgroups, one per line',
      value: view.workgroups.join('\n'),
      isMultiline: true,
      maxLength: SETUP_LIMITS.workgroupsTextChars,
      isRequired: true,
      errorMessage: 'Please list at least one workgroup, one per line.',
      spacing: 'medium',
    },
    hint('A workgroup is a role or team, such as "MBU nursing" or "Health visiting". Up to 50.'),
    ...note(view, 'workgroups'),
    {
      type: 'Input.Number',
      id: 'k',
      label: `Minimum group size (${K_MIN} to ${K_MAX})`,
      min: K_MIN,
      max: K_MAX,
      ...(view.k !== undefined ? { value: view.k } : {}),
      isRequired: true,
      errorMessage: `Please enter a whole number from ${K_MIN} to ${K_MAX}.`,
      spacing: 'medium',
    },
    hint('Figures from fewer people are never shown. A larger number protects small groups more but hides more figures.'),
    ...note(view, 'k'),
    {
      type: 'Input.Number',
      id: 'minItems',
      label: `Questions someone must answer about a group for it to count (1 to ${DIMENSION_COUNT})`,
      min: 1,
      max: DIMENSION_COUNT,
      ...(view.minItems !== undefined ? { value: view.minItems } : {}),
      isRequired: true,
      errorMessage: `Please enter a whole number from 1 to ${DIMENSION_COUNT}.`,
      spacing: 'medium',
    },
    ...note(view, 'minItems'),
    {
      type: 'Input.Text',
      id: 'facilitators',
      label: "Facilitators' work e-mail addresses, one per line",
      value: view.facilitators.join('\n'),
      isMultiline: true,
      maxLength: SETUP_LIMITS.facilitatorsTextChars,
      isRequired: true,
      errorMessage: 'Please keep at least one facilitator.',
      spacing: 'medium',
    },
    hint('Facilitators can change this set-up and start, remind and close pulses.'),
    ...note(view, 'facilitators'),
  ];
  const carried = { collaborativeId: view.collaborativeId, ...(view.revision ? { revision: view.revision } : {}) };
  return adaptiveCard(body, [executeAction('Save', 'setup.save', carried, { style: 'positive' })]);
}
