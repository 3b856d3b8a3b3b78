import { z } from 'zod';
import { DEFAULT_K, K_MAX, K_MIN } from '../domain/anonymity';
import { DIMENSION_COUNT } from '../domain/instrument';
import { DEFAULT_MIN_ITEMS } from '../domain/scoring';
import { InputError } from './input-error';

export type HelpTopic = 'general' | 'score' | 'compare';

/** What the command line asks for, fully checked. */
export type Command =
  | { kind: 'help'; topic: HelpTopic }
  | { kind: 'score'; file: string; k: number; minItems: number }
  | { kind: 'compare'; before: string; after: string; k: number; minItems: number };

/** A whole number option: digits only, so "5.0", "1e1" or "0x5" are not quietly accepted. */
function wholeNumber(flag: string, min: number, max: number, fallback: number, what: string) {
  const message = `${flag} must be a whole number from ${min} to ${max} (${what}; default ${fallback})`;
  return z
    .string()
    .regex(/^[0-9]{1,6}$/, message)
    .transform(Number)
    .pipe(z.number().int().min(min, message).max(max, message))
    .default(fallback);
}

const scoringOptionsSchema = z.object({
  k: wholeNumber('--k', K_MIN, K_MAX, DEFAULT_K, 'the smallest group whose figures are shown'),
  minItems: wholeNumber('--min-items', 1, DIMENSION_COUNT, DEFAULT_MIN_ITEMS,
    'how many of the 7 items a rating of a workgroup needs to count'),
});

const FLAGS: Record<string, 'k' | 'minItems'> = { '--k': 'k', '--min-items': 'minItems' };

const FILES_NEEDED = {
  score: { count: 1, example: 'rc-pulse score ratings.csv', what: 'one CSV file' },
  compare: { count: 2, example: 'rc-pulse compare before.csv after.csv', what: 'two CSV files, before then after' },
} as const;

/**
 * Reads the command line (without "node" and the script). Throws an InputError, with a
 * hint of what to type instead, when it is not a command rc-pulse knows.
 */
export function parseArgs(argv: readonly string[]): Command {
  const [command, ...rest] = argv;
  if (command === undefined) throw new InputError('no command given; try "rc-pulse --help"');
  if (command === '--help' || command === '-h' || command === 'help') return { kind: 'help', topic: 'general' };
  if (command !== 'score' && command !== 'compare') {
    throw new InputError(
      `unknown command "${command}"; the commands are score, compare, collaborative, workgroups, organisations, roster, export, seed, forget, delete and audit (try "rc-pulse --help")`,
    );
  }
  if (rest.includes('--help') || rest.includes('-h')) return { kind: 'help', topic: command };

  const files: string[] = [];
  const raw: Partial<Record<'k' | 'minItems', string>> = {};
  let optionsEnded = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (optionsEnded || !arg.startsWith('-') || arg === '-') {
      files.push(arg);
      continue;
    }
    if (arg === '--') {
      optionsEnded = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = eq < 0 ? arg : arg.slice(0, eq);
    const key = FLAGS[flag];
    if (key === undefined) {
      throw new InputError(`unknown option "${flag}" for ${command}; the options are --k and --min-items (try "rc-pulse ${command} --help")`);
    }
    const value = eq < 0 ? rest[++i] : arg.slice(eq + 1);
    if (value === undefined) throw new InputError(`${flag} needs a value, e.g. ${flag} ${key === 'k' ? DEFAULT_K : DEFAULT_MIN_ITEMS}`);
    if (raw[key] !== undefined) throw new InputError(`${flag} is given more than once`);
    raw[key] = value;
  }

  const needed = FILES_NEEDED[command];
  if (files.length !== needed.count) {
    throw new InputError(`${command} needs ${needed.what}, e.g. ${needed.example} (try "rc-pulse ${command} --help")`);
  }
  const parsed = scoringOptionsSchema.safeParse(raw);
  if (!parsed.success) throw new InputError(parsed.error.issues[0]?.message ?? 'the options are not valid');
  const { k, minItems } = parsed.data;
  return command === 'score'
    ? { kind: 'score', file: files[0]!, k, minItems }
    : { kind: 'compare', before: files[0]!, after: files[1]!, k, minItems };
}
