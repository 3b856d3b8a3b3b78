import { isDeepStrictEqual } from 'node:util';
import * as AC from 'adaptivecards';

/**
 * Checks a card the way Teams' own renderer library reads it: the official `adaptivecards`
 * parser at schema 1.5 (it flags unknown elements and properties newer than 1.5) and its
 * property validation (missing labels and error messages on required inputs, empty choice
 * sets, duplicate ids, too many actions), plus RC Pulse's house rules for buttons, which the
 * library does not check: every Action.Execute has a verb and an Action.Submit fallback
 * carrying the same data and the verb, and Action.Submit appears only as such a fallback.
 */

function houseRuleProblems(node: unknown, path: string, isFallback: boolean, problems: string[]): void {
  if (Array.isArray(node)) {
    node.forEach((child, i) => houseRuleProblems(child, `${path}[${i}]`, false, problems));
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const o = node as Record<string, unknown>;
  if (o.type === 'Action.Submit' && !isFallback) problems.push(`${path}: Action.Submit is only allowed as the fallback of an Action.Execute`);
  if (o.type === 'Action.Execute') {
    const fallback = o.fallback as Record<string, unknown> | undefined;
    if (typeof o.verb !== 'string' || o.verb.length === 0) problems.push(`${path}: Action.Execute needs a verb`);
    if (typeof o.data !== 'object' || o.data === null) problems.push(`${path}: Action.Execute needs data`);
    if (fallback?.type !== 'Action.Submit') problems.push(`${path}: Action.Execute needs an Action.Submit fallback`);
    else {
      if (!isDeepStrictEqual(fallback.data, { ...(o.data as object), verb: o.verb })) {
        problems.push(`${path}: the fallback must carry the same data plus the verb`);
      }
      if (fallback.title !== o.title) problems.push(`${path}: the fallback must have the same title`);
      if (fallback.associatedInputs !== o.associatedInputs) problems.push(`${path}: the fallback must send the same inputs`);
    }
  }
  if (typeof o.type === 'string' && o.type.startsWith('Input.') && (typeof o.label !== 'string' || o.label.trim() === '')) {
    problems.push(`${path}: every input needs a label`);
  }
  for (const [key, value] of Object.entries(o)) houseRuleProblems(value, `${path}.${key}`, key === 'fallback', problems);
}

/** Every problem with a card: empty when Teams' parser and RC Pulse's rules accept it. */
export function adaptiveCardProblems(json: unknown): string[] {
  const problems: string[] = [];
  const root = json as Record<string, unknown>;
  if (root?.type !== 'AdaptiveCard') problems.push('the root must be an AdaptiveCard');
  if (root?.version !== '1.5') problems.push(`the version must be "1.5" (Teams' highest), not ${JSON.stringify(root?.version)}`);
  houseRuleProblems(json, '$', false, problems);

  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  card.parse(json, context);
  for (let i = 0; i < context.eventCount; i++) {
    const e = context.getEventAt(i);
    problems.push(`parse: ${AC.ValidationEvent[e.event]}: ${e.message}`);
  }
  for (const e of card.validateProperties().validationEvents) {
    problems.push(`validate: ${AC.ValidationEvent[e.event]}: ${e.message}`);
  }
  return problems;
}

/** Fails the test with every problem listed when the card is not valid. */
export function expectValidCard(json: unknown): void {
  expect(adaptiveCardProblems(json)).toEqual([]);
}

// Reading buttons and inputs needs no parser: kept apart so code outside jest (benchmarks) can use it.
export { executeActions, inputValues } from './card-buttons';

/** Size of a card as Teams receives it: bytes of its JSON (UTF-8). */
export function cardBytes(json: unknown): number {
  return Buffer.byteLength(JSON.stringify(json), 'utf8');
}

/** Asserts the card is valid and hands it back, so every card a test builds gets checked. */
export function checked<T>(card: T): T {
  expectValidCard(card);
  return card;
}
