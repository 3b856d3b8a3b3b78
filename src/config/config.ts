import { z } from 'zod';
import { AppError } from '../domain/errors';

/**
 * The environment RC Pulse needs, checked once at start-up. A wrong or missing value stops
 * the process with one message that lists every bad variable (never its value: some are
 * secrets), rather than failing later in the middle of a request.
 */

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** Only an https URL that is not a Table endpoint fails here: other problems have their own message. */
function isTableEndpointOrOtherProblem(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol !== 'https:' || url.hostname.includes('.table.');
  } catch {
    return true;
  }
}

const envSchema = z.object({
  /** e.g. `UseDevelopmentStorage=true`, or an Azurite or account connection string. */
  STORAGE_CONNECTION_STRING: z.preprocess(blankToUndefined, z.string().trim().optional()),
  /** The storage account's Table endpoint, used with managed identity (no keys). */
  STORAGE_ACCOUNT_URL: z.preprocess(
    blankToUndefined,
    z
      .url({ protocol: /^https$/, message: 'must be an https URL such as https://myaccount.table.core.windows.net' })
      // The queue endpoint is found from it (.table. -> .queue.), so it must be the Table one.
      .refine(isTableEndpointOrOtherProblem, 'must be the Table endpoint, such as https://myaccount.table.core.windows.net')
      .optional(),
  ),
  /** Secret for respondent keys; at least 32 characters, and it must never change during a pulse. */
  SECRET_LEDGER_HMAC_KEY: z
    .string({ error: 'is missing: set a random secret of at least 32 characters (in env/.env.local.user)' })
    .min(32, 'must be at least 32 characters long'),
  /**
   * Secret that signs family links (HMAC-SHA256); at least 32 characters, and it must not
   * change while links are out, or they stop working. Optional: without it the server issues
   * no family links and serves no family page.
   */
  SECRET_LINK_KEY: z.preprocess(blankToUndefined, z.string().min(32, 'must be at least 32 characters long').optional()),
  /** Prefix of every table and queue name, so environments and test runs can share an account. */
  STORAGE_NAME_PREFIX: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9]{0,29}$/, 'must be 1 to 30 letters and digits, starting with a letter')
      .default('rcpulse'),
  ),
});

const EITHER = 'STORAGE_CONNECTION_STRING / STORAGE_ACCOUNT_URL';

/** Exactly one way to reach storage. Checked apart from the schema so it is reported with the rest. */
function connectionProblem(env: Record<string, string | undefined>): string | undefined {
  const given = [env.STORAGE_CONNECTION_STRING, env.STORAGE_ACCOUNT_URL].filter((v) => blankToUndefined(v) !== undefined).length;
  if (given === 0) {
    return `${EITHER}: set one of them: a connection string (e.g. UseDevelopmentStorage=true for Azurite) or the account URL (managed identity)`;
  }
  return given > 1 ? `${EITHER}: set only one of them, not both` : undefined;
}

/** How the app reaches Azure Storage. */
export type StorageConnection =
  | { kind: 'connection-string'; connectionString: string }
  | { kind: 'account-url'; accountUrl: string };

export interface StorageConfig {
  connection: StorageConnection;
  namePrefix: string;
}

export interface Config {
  storage: StorageConfig;
  /** Server secret for respondent keys (HMAC-SHA256). */
  ledgerHmacKey: string;
  /** Server secret that signs family links; absent when family links are not offered. */
  linkKey?: string;
}

/** Raised when the environment is not usable; `problems` has one line per bad variable. */
export class ConfigError extends AppError {
  constructor(readonly problems: readonly string[]) {
    super({
      code: 'bad_configuration',
      status: 500,
      userMessage: 'RC Pulse is not set up correctly. Please tell the person who runs it.',
      detail: `RC Pulse cannot start: the configuration is not valid.\n${problems.map((p) => `- ${p}`).join('\n')}`,
      operational: false,
    });
  }
}

/**
 * Parses configuration from an environment (process.env by default). Pure apart from
 * reading the object it is given; throws ConfigError naming each bad variable.
 */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = envSchema.safeParse(env);
  const problems = result.success ? [] : result.error.issues.map((i) => `${i.path.join('.') || 'environment'}: ${i.message}`);
  const either = connectionProblem(env);
  if (either) problems.push(either);
  if (!result.success || problems.length > 0) throw new ConfigError(problems);
  const e = result.data;
  const connection: StorageConnection =
    e.STORAGE_CONNECTION_STRING !== undefined
      ? { kind: 'connection-string', connectionString: e.STORAGE_CONNECTION_STRING }
      : { kind: 'account-url', accountUrl: e.STORAGE_ACCOUNT_URL! };
  return {
    storage: { connection, namePrefix: e.STORAGE_NAME_PREFIX },
    ledgerHmacKey: e.SECRET_LEDGER_HMAC_KEY,
    ...(e.SECRET_LINK_KEY !== undefined ? { linkKey: e.SECRET_LINK_KEY } : {}),
  };
}

/**
 * The Queue service endpoint of an account, from its Table endpoint
 * (https://myaccount.table.core.windows.net -> https://myaccount.queue.core.windows.net).
 */
export function queueEndpointOf(tableEndpoint: string): string {
  const url = new URL(tableEndpoint);
  url.hostname = url.hostname.replace('.table.', '.queue.');
  return url.toString().replace(/\/$/, '');
}

/**
 * A queue's name under the configured prefix. Queue names must be lower case (tables need not
 * be), so the prefix is lowered: 'rcPulseDev' + 'sends' -> 'rcpulsedev-sends'.
 */
export function queueName(prefix: string, role: string): string {
  return `${prefix.toLowerCase()}-${role}`;
}

let loaded: Config | undefined;

/** The process's configuration, parsed from process.env on first use and then kept. */
export function getConfig(): Config {
  loaded ??= parseConfig(process.env);
  return loaded;
}
