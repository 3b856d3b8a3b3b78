import { startAzurite, type RunningAzurite } from './azurite';

/** Where globalSetup leaves the running Azurite for globalTeardown (same process). */
export const HANDLE = '__RC_PULSE_AZURITE__';

/**
 * jest globalSetup: starts one Azurite (Table + Queue, in memory, free ports) for the whole
 * run and hands its connection string to the test workers through the environment (workers
 * are started after this and inherit it). Each test file isolates itself with its own
 * STORAGE_NAME_PREFIX. globalTeardown stops it.
 */
export default async function globalSetup(): Promise<void> {
  const azurite = await startAzurite();
  (globalThis as Record<string, unknown>)[HANDLE] = azurite;
  process.env.STORAGE_CONNECTION_STRING = azurite.connectionString;
  process.env.AZURITE_TABLE_PORT = String(azurite.tablePort);
  process.env.AZURITE_QUEUE_PORT = String(azurite.queuePort);
  delete process.env.STORAGE_ACCOUNT_URL;
}

/** The Azurite globalSetup started, if any. */
export function runningAzurite(): RunningAzurite | undefined {
  return (globalThis as Record<string, unknown>)[HANDLE] as RunningAzurite | undefined;
}
