/* Pure: no DOM, so unit tests can check it. */
import { checkTransitionReference } from '../../../src/domain/transition-reference';

/**
 * The start form's hint about a reference, from the one rule the bot and the command line use
 * (src/domain/transition-reference.ts). Only a hint: the server decides, and its reason is
 * what the form shows when it refuses. Nothing is said while the field is empty and untouched.
 */
export function referenceHint(text: string, touched: boolean): string | undefined {
  if (!touched && text.trim() === '') return undefined;
  const check = checkTransitionReference(text);
  return check.ok ? undefined : check.reason;
}
