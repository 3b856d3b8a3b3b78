/**
 * A problem with what the user gave the command (a file, an option): the CLI prints its
 * message as one line after "rc-pulse: " and exits with code 2. The message is plain text
 * for a person, never a stack or a raw system error. When there are several problems (every
 * bad line of a roster file), `lines` holds them, each printed on a line of its own.
 */
export class InputError extends Error {
  override readonly name = 'InputError';

  constructor(
    message: string,
    readonly lines: readonly string[] = [message],
  ) {
    super(message);
  }
}
