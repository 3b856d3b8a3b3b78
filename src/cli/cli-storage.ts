import { parseConfig, type StorageConfig } from '../config/config';
import { defaultEnvDir, loadEnvFiles } from '../config/load-env-files';
import { createStorage, type Storage } from '../storage/storage';
import { StorageError } from '../storage/storage-errors';

/**
 * Retries for a command someone is waiting on: a few quick tries, so "Azurite is not
 * running" is reported in seconds rather than after the server's half-minute of patience.
 */
const CLI_CLIENT_OPTIONS = { maxRetries: 2, retryDelayInMs: 200, maxRetryDelayInMs: 1000, tryTimeoutInMs: 8000 } as const;

/** Storage could not be reached at all (not running, wrong address, no network). */
export class StorageUnreachableError extends Error {
  override readonly name = 'StorageUnreachableError';

  constructor(readonly where: string, readonly local: boolean) {
    super(
      local
        ? `cannot reach storage at ${where}: is Azurite running? npm start starts it`
        : `cannot reach storage at ${where}: please check the network and STORAGE_ACCOUNT_URL or STORAGE_CONNECTION_STRING`,
    );
  }
}

/** Where storage is, for messages: the Table endpoint, never a key. */
export function describeStorage(config: StorageConfig): { where: string; local: boolean } {
  const conn = config.connection;
  if (conn.kind === 'account-url') return { where: conn.accountUrl, local: false };
  const parts = new Map(
    conn.connectionString.split(';').flatMap((p) => {
      const eq = p.indexOf('=');
      return eq < 0 ? [] : [[p.slice(0, eq).trim().toLowerCase(), p.slice(eq + 1).trim()] as const];
    }),
  );
  if (parts.get('usedevelopmentstorage') === 'true') return { where: 'http://127.0.0.1:10002', local: true };
  const endpoint = parts.get('tableendpoint');
  const where = endpoint ?? `https://${parts.get('accountname') ?? 'the storage account'}.table.${parts.get('endpointsuffix') ?? 'core.windows.net'}`;
  return { where, local: /^http:\/\/(127\.0\.0\.1|localhost)[:/]/i.test(where) };
}

/** Storage opened for a command, and a wrapper that reports "unreachable" kindly. */
export interface CliStorage {
  storage: Storage;
  /** Runs storage work, turning "no answer from storage" into StorageUnreachableError. */
  reach<T>(work: () => Promise<T>): Promise<T>;
}

/**
 * Opens storage the way the app does: settings from the environment and the env/ files
 * (ConfigError when they are wrong), tables created if missing.
 */
export async function openCliStorage(env: NodeJS.ProcessEnv = process.env): Promise<CliStorage> {
  const config = parseConfig(loadEnvFiles({ dir: defaultEnvDir(env), env }));
  const storage = createStorage(config, CLI_CLIENT_OPTIONS);
  const { where, local } = describeStorage(config.storage);
  const reach = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof StorageError && error.code === 'storage_unavailable') throw new StorageUnreachableError(where, local);
      throw error;
    }
  };
  await reach(() => storage.ensureTables());
  return { storage, reach };
}
