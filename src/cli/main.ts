import { compare } from '../domain/change';
import { score } from '../domain/scoring';
import { parseArgs } from './args';
import { helpText } from './help';
import { oneLine, reportError } from './cli-errors';
import { readRatingsFile } from './read-ratings-file';
import { isDataProtectionTopic, parseDataProtectionArgs } from './data-protection-args';
import { dataProtectionHelpText } from './data-protection-help';
import { isSetupTopic, parseSetupArgs } from './setup-args';
import { setupHelpText } from './setup-help';

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

/**
 * The rc-pulse command. Returns the exit code: 0 done, 2 a problem with the input (one
 * line on stderr per problem, nothing on stdout), 1 storage unreachable or an unexpected
 * internal error (one line, no stack). It never rejects, so the caller needs no error
 * handling of its own.
 */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  try {
    if (isSetupTopic(argv[0])) {
      const command = parseSetupArgs(argv);
      if (command.kind === 'setup-help') {
        io.stdout(setupHelpText(command.topic));
        return 0;
      }
      // Loaded only for these commands: help, score and compare start without the Azure SDK.
      const { runSetupCommand } = await import('./setup-commands');
      await runSetupCommand(command, io);
      return 0;
    }
    if (isDataProtectionTopic(argv[0])) {
      const command = parseDataProtectionArgs(argv);
      if (command.kind === 'dp-help') {
        io.stdout(dataProtectionHelpText(command.topic));
        return 0;
      }
      const { runDataProtectionCommand } = await import('./data-protection-commands');
      await runDataProtectionCommand(command, io);
      return 0;
    }
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
    return reportError(err, io.stderr);
  }
}

export { oneLine };
