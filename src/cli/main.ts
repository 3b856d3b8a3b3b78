import { compare } from '../domain/change';
import { score } from '../domain/scoring';
import { parseArgs } from './args';
import { helpText } from './help';
import { InputError } from './input-error';
import { readRatingsFile } from './read-ratings-file';

/** Where the command writes; the real process streams unless a test passes its own. */
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
}

let stdoutGuarded = false;

const processIo: Io = {
  stdout: (text) => {
    if (!stdoutGuarded) {
      // A reader that stops early (rc-pulse score x.csv | head) closes the pipe: that is
      // not a failure worth a stack trace.
      stdoutGuarded = true;
      process.stdout.on('error', (err: NodeJS.ErrnoException) => {
        if (err.code !== 'EPIPE') process.exitCode = 1;
      });
    }
    process.stdout.write(text);
  },
  stderr: (text) => void process.stderr.write(text),
};

/** Longest message printed: a value quoted from a bad file could be 64 KiB long. */
const MAX_MESSAGE = 600;

/**
 * The rc-pulse command. Returns the exit code: 0 done, 2 a problem with the input (one
 * line on stderr, nothing on stdout), 1 an unexpected internal error (one line, no stack).
 * It never rejects, so the caller needs no error handling of its own.
 */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  try {
    const command = parseArgs(argv);
    let output: unknown;
    switch (command.kind) {
      case 'help':
        io.stdout(helpText(command.topic));
        return 0;
      case 'score': {
        const matrix = await readRatingsFile(command.file);
        output = score(matrix, { k: command.k, minItems: command.minItems });
        break;
      }
      case 'compare': {
        const before = await readRatingsFile(command.before);
        const after = await readRatingsFile(command.after);
        output = compare(before, after, { k: command.k, minItems: command.minItems });
        break;
      }
    }
    // Output is written only once everything has succeeded, so a failure leaves stdout empty.
    io.stdout(`${JSON.stringify(output, null, 2)}\n`);
    return 0;
  } catch (err) {
    if (err instanceof InputError) {
      io.stderr(`rc-pulse: ${oneLine(err.message)}\n`);
      return 2;
    }
    const detail = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    io.stderr(`rc-pulse: something went wrong inside rc-pulse (${oneLine(detail)}); please report this\n`);
    return 1;
  }
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
