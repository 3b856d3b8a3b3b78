import { isVerb, verbSchema, type CardAction, type Verb } from './card-verbs';
import { SETUP_FIELDS, type SetupField } from './setup-form-schema';

/**
 * Turns what Teams sends when a card button is pressed into a checked, typed action, or a
 * failure with a message that is safe and kind to show. Nothing may be stored for a failure.
 */

/** The most card data (as JSON characters) a valid card can send; more means tampering. */
export const MAX_ACTION_DATA_CHARS = 64_000;

export interface CardActionFailure {
  ok: false;
  reason: 'unknown_verb' | 'bad_data';
  /** The verb, when it was one of ours. */
  verb?: Verb;
  /** Plain UK English for the person who pressed the button. */
  userMessage: string;
  /** For set-up only: a message per field, to show beside the input. */
  fieldErrors: Partial<Record<SetupField, string>>;
}

export type CardActionResult = { ok: true; action: CardAction } | CardActionFailure;

const MESSAGES = {
  unknownVerb:
    'That button is from a card RC Pulse no longer understands, so nothing was saved. Type help to see what you can do.',
  badData: 'Something on this card did not look right, so nothing was saved. Please use the most recent card from RC Pulse.',
  unusable: "This card can't be used, so nothing was saved. Please use the most recent card from RC Pulse.",
  setup: 'Some of the set-up needs another look. Nothing has been saved yet: please see the notes on the card.',
} as const;

function failure(reason: CardActionFailure['reason'], userMessage: string, verb?: Verb, fieldErrors = {}): CardActionFailure {
  return { ok: false, reason, ...(verb ? { verb } : {}), userMessage, fieldErrors };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Keys that reach an object's prototype when assigned: no card of ours ever sends them. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * True when any key at any depth is one of PROTOTYPE_KEYS. JSON.parse makes "__proto__" an
 * ordinary own key, harmless until some later code copies it by assignment (Object.assign, a
 * merge), which would change Object.prototype for the whole process. Such data is refused
 * outright rather than stripped, so nothing downstream ever sees it.
 */
function hasPrototypeKey(data: unknown): boolean {
  const stack: unknown[] = [data];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value !== 'object' || value === null) continue;
    for (const key of Object.keys(value)) {
      if (PROTOTYPE_KEYS.has(key)) return true;
      stack.push((value as Record<string, unknown>)[key]);
    }
  }
  return false;
}

function tooLarge(data: Record<string, unknown>): boolean {
  try {
    return JSON.stringify(data).length > MAX_ACTION_DATA_CHARS;
  } catch {
    return true;
  }
}

/**
 * Checks a card action. `verb` is the Action.Execute verb (or the `verb` field an
 * Action.Submit fallback carries); `data` is the action data merged with the card's inputs.
 * Extra fields (such as that `verb`) are ignored; every string is length-bounded.
 */
export function parseCardAction(verb: unknown, data: unknown): CardActionResult {
  if (!isVerb(verb)) return failure('unknown_verb', MESSAGES.unknownVerb);
  if (!isPlainObject(data) || tooLarge(data)) return failure('bad_data', MESSAGES.badData, verb);
  if (hasPrototypeKey(data)) return failure('bad_data', MESSAGES.unusable, verb);

  const result = verbSchema(verb).safeParse(data);
  if (result.success) return { ok: true, action: { verb, data: result.data } as CardAction };

  if (verb !== 'setup.save') return failure('bad_data', MESSAGES.badData, verb);
  const fieldErrors: Partial<Record<SetupField, string>> = {};
  for (const issue of result.error.issues) {
    const field = issue.path[0];
    if ((SETUP_FIELDS as readonly unknown[]).includes(field)) fieldErrors[field as SetupField] ??= issue.message;
  }
  // A problem outside the form's fields (the collaborative id) is tampering, not a typing slip.
  if (Object.keys(fieldErrors).length === 0) return failure('bad_data', MESSAGES.badData, verb);
  return failure('bad_data', MESSAGES.setup, verb, fieldErrors);
}

/**
 * Checks the value of an `adaptiveCard/action` invoke (Universal Actions):
 * `{ action: { type: 'Action.Execute', verb, data } }`.
 */
export function parseInvokeAction(value: unknown): CardActionResult {
  const action = isPlainObject(value) ? value.action : undefined;
  if (!isPlainObject(action)) return failure('unknown_verb', MESSAGES.unknownVerb);
  return parseCardAction(action.verb, action.data);
}

/**
 * Checks the value of a message sent by an Action.Submit fallback (older clients): the data
 * and inputs are the activity's value, with the verb carried inside it.
 */
export function parseSubmitAction(value: unknown): CardActionResult {
  if (!isPlainObject(value)) return failure('unknown_verb', MESSAGES.unknownVerb);
  return parseCardAction(value.verb, value);
}
