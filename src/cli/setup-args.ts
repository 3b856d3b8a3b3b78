import { z } from 'zod';
import type { CreateCollaborativeInput } from '../app/setup/create-collaborative';
import type { SettingsChange } from '../app/setup/update-collaborative-settings';
import { K_MAX, K_MIN } from '../domain/anonymity';
import { focalProcessSchema } from '../domain/model/collaborative';
import { retentionChangeSchema } from '../domain/model/retention';
import { idSchema, nameSchema } from '../domain/model/primitives';
import { InputError } from './input-error';

/** The commands that work on stored collaboratives (the others, score and compare, work on files). */
export const SETUP_TOPICS = ['collaborative', 'workgroups', 'organisations', 'roster', 'export', 'seed'] as const;
export type SetupTopic = (typeof SETUP_TOPICS)[number];

export type SetupCommand =
  | { kind: 'setup-help'; topic: SetupTopic }
  | { kind: 'collaborative-create'; input: CreateCollaborativeInput }
  | { kind: 'collaborative-show'; collaborativeId: string }
  /** instrumentFile: a JSON file with the collaborative's licensed item wording. */
  | { kind: 'collaborative-set'; change: SettingsChange; instrumentFile?: string }
  | { kind: 'list-set'; list: 'workgroups' | 'organisations'; collaborativeId: string; items: string[]; file?: string }
  | { kind: 'roster-import'; file: string; collaborativeId: string }
  | { kind: 'export-responses'; pulseId: string; collaborativeId?: string; out?: string }
  | { kind: 'export-learning'; collaborativeId: string; format: 'md' | 'csv'; out?: string }
  | { kind: 'seed-demo' };

/** True when the first word of the command line is one of the set-up commands. */
export function isSetupTopic(word: string | undefined): word is SetupTopic {
  return (SETUP_TOPICS as readonly (string | undefined)[]).includes(word);
}

const SUBCOMMANDS: Record<SetupTopic, readonly string[]> = {
  collaborative: ['create', 'show', 'set'],
  workgroups: ['set'],
  organisations: ['set'],
  roster: ['import'],
  export: ['responses', 'learning'],
  seed: ['demo'],
};

interface Flag {
  key: string;
  repeat?: boolean;
}
type Values = Record<string, string[]>;

const whole = (flag: string, min: number, max: number, what: string) => {
  const message = `${flag} must be a whole number from ${min} to ${max} (${what})`;
  return z.string().regex(/^[0-9]{1,6}$/, message).transform(Number).pipe(z.number().int().min(min, message).max(max, message));
};
const kOption = whole('--k', K_MIN, K_MAX, 'the smallest group whose figures are shown');
const minItemsOption = whole('--min-items', 1, 7, 'how many of the 7 items a rating of a workgroup needs to count');
const guidOption = (flag: string) =>
  z.guid(`${flag} must be an Entra object id, a GUID such as 6f1d3c2a-8b7e-4c5d-9a0b-1c2d3e4f5a6b`).transform((s) => s.toLowerCase());

/** "on" or "off" (any case) as true or false. */
const onOffOption = (flag: string) =>
  z
    .string()
    .transform((s) => s.trim().toLowerCase())
    .pipe(z.enum(['on', 'off'], `${flag} must be on or off`))
    .transform((s) => s === 'on');

/** Checks one value with a schema; InputError "<label>: <reason>" when it fails. */
function check<S extends z.ZodType>(schema: S, value: unknown, label: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const message = parsed.error.issues[0]?.message ?? 'is not valid';
  throw new InputError(message.startsWith('--') ? message : `${label}: ${message}`);
}

/** Reads "--flag value" and "--flag=value" options and the other arguments, in any order. */
function readOptions(command: string, topic: SetupTopic, rest: readonly string[], flags: Record<string, Flag>): { positionals: string[]; values: Values } {
  const positionals: string[] = [];
  const values: Values = {};
  let ended = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (ended || !arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    if (arg === '--') {
      ended = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = eq < 0 ? arg : arg.slice(0, eq);
    const spec = flags[flag];
    if (!spec) {
      const known = Object.keys(flags);
      const list = known.length ? `the options are ${known.join(', ')}` : 'it takes no options';
      throw new InputError(`unknown option "${flag}" for ${command}; ${list} (try "rc-pulse ${topic} --help")`);
    }
    const value = eq < 0 ? rest[++i] : arg.slice(eq + 1);
    if (value === undefined) throw new InputError(`${flag} needs a value (try "rc-pulse ${topic} --help")`);
    if (!spec.repeat && values[spec.key]) throw new InputError(`${flag} is given more than once`);
    (values[spec.key] ??= []).push(value);
  }
  return { positionals, values };
}

const one = (values: Values, key: string) => values[key]?.[0];

/** The retention periods given (whole numbers within the model's bounds), or undefined for none. */
function retentionOption(values: Values): SettingsChange['retention'] {
  const flags = { sendingDays: '--keep-sending-days', responsesMonths: '--keep-answers-months', transitionMonths: '--keep-transitions-months' } as const;
  const given = (Object.keys(flags) as (keyof typeof flags)[]).filter((k) => values[k]);
  if (given.length === 0) return undefined;
  const number = z.string().regex(/^[0-9]{1,4}$/, 'must be a whole number').transform(Number);
  const raw = Object.fromEntries(given.map((k) => [k, check(number, one(values, k), flags[k])]));
  const parsed = retentionChangeSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError(`${flags[issue.path[0] as keyof typeof flags]}: ${issue.message}`);
  }
  return parsed.data;
}

function needPositionals(command: string, topic: SetupTopic, positionals: string[], count: number, what: string): void {
  if (positionals.length !== count) throw new InputError(`${command} needs ${what} (try "rc-pulse ${topic} --help")`);
}

/**
 * Reads the command line of a set-up command (without "node" and the script), e.g.
 * ["collaborative", "set", "yh", "--k", "7"]. InputError with a hint when it is not right.
 */
export function parseSetupArgs(argv: readonly string[]): SetupCommand {
  const [topic, sub, ...rest] = argv;
  if (!isSetupTopic(topic)) throw new InputError(`unknown command "${topic}"`);
  if (sub === undefined || sub === '--help' || sub === '-h' || rest.includes('--help') || rest.includes('-h')) {
    if (sub === undefined) throw new InputError(`${topic} needs one of: ${SUBCOMMANDS[topic].join(', ')} (try "rc-pulse ${topic} --help")`);
    return { kind: 'setup-help', topic };
  }
  if (!SUBCOMMANDS[topic].includes(sub)) {
    throw new InputError(`unknown command "${topic} ${sub}"; ${topic} is followed by ${SUBCOMMANDS[topic].join(', ')} (try "rc-pulse ${topic} --help")`);
  }
  const command = `${topic} ${sub}`;
  const idArg = (value: string | undefined, label: string) => check(idSchema, value, label);
  switch (command) {
    case 'collaborative create': {
      const { positionals, values } = readOptions(command, topic, rest, {
        '--name': { key: 'name' }, '--focal-process': { key: 'focal' }, '--id': { key: 'id' }, '--k': { key: 'k' },
        '--min-items': { key: 'minItems' }, '--tenant': { key: 'tenant', repeat: true }, '--facilitator': { key: 'facilitator', repeat: true },
      });
      needPositionals(command, topic, positionals, 0, 'only options, e.g. --name "..." --focal-process "..."');
      if (!values.name || !values.focal) throw new InputError(`${command} needs --name and --focal-process (try "rc-pulse collaborative --help")`);
      return { kind: 'collaborative-create', input: {
        name: check(nameSchema, one(values, 'name'), '--name'),
        focalProcess: check(focalProcessSchema, one(values, 'focal'), '--focal-process'),
        id: values.id ? idArg(one(values, 'id'), '--id') : undefined,
        k: values.k ? check(kOption, one(values, 'k'), '--k') : undefined,
        minItems: values.minItems ? check(minItemsOption, one(values, 'minItems'), '--min-items') : undefined,
        allowedTenantIds: values.tenant?.map((t) => check(guidOption('--tenant'), t, '--tenant')),
        facilitatorIds: values.facilitator?.map((f) => check(guidOption('--facilitator'), f, '--facilitator')),
      } };
    }
    case 'collaborative show': {
      const { positionals } = readOptions(command, topic, rest, {});
      needPositionals(command, topic, positionals, 1, 'the collaborative id, e.g. rc-pulse collaborative show yorkshire-humber-pmh');
      return { kind: 'collaborative-show', collaborativeId: idArg(positionals[0], 'the collaborative id') };
    }
    case 'collaborative set': {
      const { positionals, values } = readOptions(command, topic, rest, {
        '--focal-process': { key: 'focal' }, '--k': { key: 'k' }, '--min-items': { key: 'minItems' },
        '--tenant': { key: 'tenant', repeat: true }, '--facilitator': { key: 'facilitator', repeat: true },
        '--instrument': { key: 'instrument' }, '--intervention-digest': { key: 'digest' },
        '--keep-sending-days': { key: 'sendingDays' }, '--keep-answers-months': { key: 'responsesMonths' }, '--keep-transitions-months': { key: 'transitionMonths' },
      });
      needPositionals(command, topic, positionals, 1, 'the collaborative id and at least one option, e.g. rc-pulse collaborative set yh --k 7');
      const change: SettingsChange = {
        collaborativeId: idArg(positionals[0], 'the collaborative id'),
        focalProcess: values.focal ? check(focalProcessSchema, one(values, 'focal'), '--focal-process') : undefined,
        k: values.k ? check(kOption, one(values, 'k'), '--k') : undefined,
        minItems: values.minItems ? check(minItemsOption, one(values, 'minItems'), '--min-items') : undefined,
        allowedTenantIds: values.tenant?.map((t) => check(guidOption('--tenant'), t, '--tenant')),
        facilitatorIds: values.facilitator?.map((f) => check(guidOption('--facilitator'), f, '--facilitator')),
        interventionDigest: values.digest ? check(onOffOption('--intervention-digest'), one(values, 'digest'), '--intervention-digest') : undefined,
        retention: retentionOption(values),
      };
      if (Object.keys(values).length === 0) {
        throw new InputError(`${command} needs at least one of --focal-process, --k, --min-items, --facilitator, --tenant, --instrument, --intervention-digest, --keep-sending-days, --keep-answers-months, --keep-transitions-months`);
      }
      return { kind: 'collaborative-set', change, instrumentFile: values.instrument ? one(values, 'instrument') : undefined };
    }
    case 'workgroups set':
    case 'organisations set': {
      const { positionals, values } = readOptions(command, topic, rest, { '--file': { key: 'file' } });
      const [id, ...items] = positionals;
      if (id === undefined) throw new InputError(`${command} needs the collaborative id first (try "rc-pulse ${topic} --help")`);
      const file = one(values, 'file');
      if ((items.length === 0) === (file === undefined)) {
        throw new InputError(`${command} needs the ${topic} either as arguments or as --file FILE.csv, not both (try "rc-pulse ${topic} --help")`);
      }
      return { kind: 'list-set', list: topic as 'workgroups' | 'organisations', collaborativeId: idArg(id, 'the collaborative id'), items, file };
    }
    case 'roster import': {
      const { positionals, values } = readOptions(command, topic, rest, { '--collaborative': { key: 'collaborative' } });
      needPositionals(command, topic, positionals, 1, 'one CSV file, e.g. rc-pulse roster import staff.csv --collaborative yorkshire-humber-pmh');
      if (!values.collaborative) throw new InputError(`${command} needs --collaborative ID (try "rc-pulse roster --help")`);
      return { kind: 'roster-import', file: positionals[0]!, collaborativeId: idArg(one(values, 'collaborative'), '--collaborative') };
    }
    case 'export responses': {
      const { positionals, values } = readOptions(command, topic, rest, {
        '--pulse': { key: 'pulse' }, '--collaborative': { key: 'collaborative' }, '--out': { key: 'out' },
      });
      needPositionals(command, topic, positionals, 0, 'only options, e.g. --pulse demo-baseline-2024');
      if (!values.pulse) throw new InputError(`${command} needs --pulse ID (try "rc-pulse export --help")`);
      return {
        kind: 'export-responses',
        pulseId: idArg(one(values, 'pulse'), '--pulse'),
        collaborativeId: values.collaborative ? idArg(one(values, 'collaborative'), '--collaborative') : undefined,
        out: one(values, 'out'),
      };
    }
    case 'export learning': {
      const { positionals, values } = readOptions(command, topic, rest, {
        '--collaborative': { key: 'collaborative' }, '--format': { key: 'format' }, '--out': { key: 'out' },
      });
      needPositionals(command, topic, positionals, 0, 'only options, e.g. --collaborative yorkshire-humber-pmh');
      if (!values.collaborative) throw new InputError(`${command} needs --collaborative ID (try "rc-pulse export --help")`);
      const format = check(z.enum(['md', 'csv'], '--format must be md or csv'), one(values, 'format') ?? 'md', '--format');
      return { kind: 'export-learning', collaborativeId: idArg(one(values, 'collaborative'), '--collaborative'), format, out: one(values, 'out') };
    }
    default: {
      const { positionals } = readOptions(command, topic, rest, {});
      needPositionals(command, topic, positionals, 0, 'nothing more');
      return { kind: 'seed-demo' };
    }
  }
}
