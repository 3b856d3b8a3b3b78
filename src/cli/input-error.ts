/**
 * A problem with what the user gave the command (a file, an option): the CLI prints its
 * message as one line after "rc-pulse: " and exits with code 2. The message is plain text
 * for a person, never a stack or a raw system error.
 */
export class InputError extends Error {
  override readonly name = 'InputError';
}
