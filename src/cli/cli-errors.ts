import { ConfigError } from '../config/config';
import { AppError } from '../domain/errors';
import { StorageUnreachableError } from './cli-storage';
import { InputError } from './input-error';

/** Longest message printed: a value quoted from a bad file could be 64 KiB long. */
const MAX_MESSAGE = 600;

/** Codes of the product's errors that mean "what you asked for is not possible": exit 2. */
const INPUT_CODES = new Set(['invalid_input', 'not_found', 'illegal_state', 'concurrent_update', 'already_exists']);

/**
 * Prints what went wrong, each line after "rc-pulse: ", and returns the exit code: 2 for a
 * problem with what was given (options, files, settings, ids), 1 when storage cannot be
 * reached or something went wrong inside rc-pulse. Never a stack, never a secret.
 */
export function reportError(err: unknown, stderr: (text: string) => void): number {
  const print = (line: string) => stderr(`rc-pulse: ${oneLine(line)}\n`);
  if (err instanceof InputError) {
    err.lines.forEach(print);
    return 2;
  }
  if (err instanceof ConfigError) {
    print('the storage settings are not valid (from the environment, env/.env.local and env/.env.local.user):');
    err.problems.forEach((p) => print(`  - ${p}`));
    return 2;
  }
  if (err instanceof StorageUnreachableError) {
    print(err.message);
    return 1;
  }
  if (err instanceof AppError) {
    print(err.userMessage);
    return INPUT_CODES.has(err.code) ? 2 : 1;
  }
  const detail = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  print(`something went wrong inside rc-pulse (${detail}); please report this`);
  return 1;
}

/** Shows control characters as escapes and caps the length, so a message stays one line. */
export function oneLine(text: string): string {
  const escaped = text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
  return escaped.length > MAX_MESSAGE ? `${escaped.slice(0, MAX_MESSAGE - 1)}…` : escaped;
}
