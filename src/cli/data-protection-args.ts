import { z } from 'zod';
import { signInNameSchema } from '../domain/model/member';
import { daySchema, guidSchema, idSchema } from '../domain/model/primitives';
import { InputError } from './input-error';

/** The data-protection commands: forget a person, delete a pulse, print the audit trail. */
export const DATA_PROTECTION_TOPICS = ['forget', 'delete', 'audit'] as const;
export type DataProtectionTopic = (typeof DATA_PROTECTION_TOPICS)[number];

export type DataProtectionCommand =
  | { kind: 'dp-help'; topic: DataProtectionTopic }
  | { kind: 'forget'; collaborativeId: string; person: string }
  | { kind: 'delete-pulse'; collaborativeId: string; pulseId: string }
  | { kind: 'audit'; collaborativeId: string; since?: string };

/** True when the first word of the command line is one of these commands. */
export function isDataProtectionTopic(word: string | undefined): word is DataProtectionTopic {
  return (DATA_PROTECTION_TOPICS as readonly (string | undefined)[]).includes(word);
}

const personSchema = z.union([guidSchema, signInNameSchema]);

/** Checks one value; InputError "<label>: <reason>" when it fails. */
function check<S extends z.ZodType>(schema: S, value: unknown, label: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const message = parsed.error.issues[0]?.message ?? 'is not valid';
  throw new InputError(message.startsWith('--') ? message : `${label}: ${message}`);
}

/** Reads "--flag value", "--flag=value" and bare switches; the rest are positionals. */
function readOptions(topic: string, rest: readonly string[], flags: readonly string[], switches: readonly string[] = []) {
  const positionals: string[] = [];
  const values: Record<string, string> = {};
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = eq < 0 ? arg : arg.slice(0, eq);
    if (switches.includes(flag) && eq < 0) {
      values[flag] = 'yes';
      continue;
    }
    if (!flags.includes(flag)) {
      const known = [...flags, ...switches];
      throw new InputError(`unknown option "${flag}" for ${topic}; the options are ${known.join(', ')} (try "rc-pulse ${topic} --help")`);
    }
    const value = eq < 0 ? rest[++i] : arg.slice(eq + 1);
    if (value === undefined) throw new InputError(`${flag} needs a value (try "rc-pulse ${topic} --help")`);
    if (values[flag] !== undefined) throw new InputError(`${flag} is given more than once`);
    values[flag] = value;
  }
  return { positionals, values };
}

function needCollaborative(topic: string, values: Record<string, string>): string {
  if (values['--collaborative'] === undefined) throw new InputError(`${topic} needs --collaborative ID (try "rc-pulse ${topic} --help")`);
  return check(idSchema, values['--collaborative'], '--collaborative');
}

/**
 * Reads the command line of a data-protection command, e.g. ["forget", "--user", "x@nhs.net",
 * "--collaborative", "yh"]. InputError with a hint when it is not right; nothing is touched.
 */
export function parseDataProtectionArgs(argv: readonly string[]): DataProtectionCommand {
  const [topic, ...rest] = argv;
  if (!isDataProtectionTopic(topic)) throw new InputError(`unknown command "${topic}"`);
  if (rest.includes('--help') || rest.includes('-h')) return { kind: 'dp-help', topic };
  switch (topic) {
    case 'forget': {
      const { positionals, values } = readOptions(topic, rest, ['--user', '--collaborative']);
      if (positionals.length > 0) throw new InputError(`forget takes only options, e.g. rc-pulse forget --user name@nhs.net --collaborative ID`);
      if (values['--user'] === undefined) throw new InputError('forget needs --user UPN|OBJECT_ID (try "rc-pulse forget --help")');
      const person = personSchema.safeParse(values['--user']);
      if (!person.success) throw new InputError('--user must be an Entra object id (a GUID) or a UPN such as name@nhs.net');
      return { kind: 'forget', person: person.data, collaborativeId: needCollaborative(topic, values) };
    }
    case 'delete': {
      const { positionals, values } = readOptions(topic, rest, ['--collaborative'], ['--yes']);
      if (positionals[0] !== 'pulse' || positionals.length !== 2) {
        throw new InputError('delete needs "pulse" and the pulse id, e.g. rc-pulse delete pulse baseline-2024 --collaborative ID --yes');
      }
      const pulseId = check(idSchema, positionals[1], 'the pulse id');
      const collaborativeId = needCollaborative('delete', values);
      if (values['--yes'] !== 'yes') {
        throw new InputError(
          `delete pulse removes pulse ${pulseId} with all its answers and figures, for good; add --yes to confirm. Nothing was deleted.`,
        );
      }
      return { kind: 'delete-pulse', collaborativeId, pulseId };
    }
    case 'audit': {
      const { positionals, values } = readOptions(topic, rest, ['--collaborative', '--since']);
      if (positionals.length > 0) throw new InputError('audit takes only options, e.g. rc-pulse audit --collaborative ID --since 2026-01-01');
      const since = values['--since'] === undefined ? undefined : check(daySchema, values['--since'], '--since (a day as YYYY-MM-DD)');
      return { kind: 'audit', collaborativeId: needCollaborative(topic, values), ...(since ? { since } : {}) };
    }
  }
}
