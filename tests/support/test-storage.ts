import { randomBytes } from 'node:crypto';
import { parseConfig } from '../../src/config/config';
import { createStorage, type Storage } from '../../src/storage/storage';
import type { StorageClientOptions } from '../../src/storage/table-client-factory';

/** Secret for respondent keys in tests (32+ characters, as the configuration demands). */
export const TEST_HMAC_KEY = 'test-only-respondent-key-secret-0123456789';

/** Retries quick enough for tests; faults still get the SDK's retry policy. */
export const FAST_RETRIES: StorageClientOptions = { maxRetries: 3, retryDelayInMs: 5, maxRetryDelayInMs: 40, tryTimeoutInMs: 5000 };

/** A table-name prefix no other test file uses, so files can share one Azurite. */
export function uniquePrefix(): string {
  return `t${randomBytes(5).toString('hex')}`;
}

/** The connection string globalSetup exported for the Azurite it started. */
export function testConnectionString(): string {
  const cs = process.env.STORAGE_CONNECTION_STRING;
  if (!cs) throw new Error('STORAGE_CONNECTION_STRING is not set: run the tests through jest (globalSetup starts Azurite)');
  return cs;
}

/**
 * Storage over the test Azurite (or another connection string, e.g. a fault proxy's), under
 * a prefix of its own, configured the way the app is: through parseConfig. Tables are created.
 */
export async function testStorage(
  options: { prefix?: string; connectionString?: string; client?: StorageClientOptions } = {},
): Promise<Storage> {
  const config = parseConfig({
    STORAGE_CONNECTION_STRING: options.connectionString ?? testConnectionString(),
    SECRET_LEDGER_HMAC_KEY: TEST_HMAC_KEY,
    STORAGE_NAME_PREFIX: options.prefix ?? uniquePrefix(),
  });
  const storage = createStorage(config, { ...FAST_RETRIES, ...options.client });
  await storage.ensureTables();
  return storage;
}
