import { ConfigError, parseConfig } from '../../../src/config/config';
import { createStorage } from '../../../src/storage/storage';
import { tableClientFactory } from '../../../src/storage/table-client-factory';
import { TEST_HMAC_KEY, testConnectionString, uniquePrefix } from '../../support/test-storage';

const SECRET = 'a-secret-that-must-never-be-printed-0123456789';

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).not.toContain(SECRET.slice(0, 20));
    return [...(error as ConfigError).problems];
  }
  throw new Error('expected the configuration to be refused');
}

describe('storage configuration', () => {
  it('refuses to start without storage or secret, naming each missing variable', () => {
    const problems = problemsOf({});
    expect(problems.map((p) => p.split(':')[0])).toEqual([
      'SECRET_LEDGER_HMAC_KEY',
      'STORAGE_CONNECTION_STRING / STORAGE_ACCOUNT_URL',
    ]);
  });

  it('names every bad variable at once, without printing secret values', () => {
    const problems = problemsOf({
      STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true',
      STORAGE_ACCOUNT_URL: 'http://insecure.example',
      SECRET_LEDGER_HMAC_KEY: SECRET.slice(0, 20),
      STORAGE_NAME_PREFIX: 'rc-pulse',
    });
    expect(problems).toEqual([
      expect.stringMatching(/^STORAGE_ACCOUNT_URL: must be an https URL/),
      'SECRET_LEDGER_HMAC_KEY: must be at least 32 characters long',
      expect.stringMatching(/^STORAGE_NAME_PREFIX: must be 1 to 30 letters and digits/),
      'STORAGE_CONNECTION_STRING / STORAGE_ACCOUNT_URL: set only one of them, not both',
    ]);
  });

  it('accepts a connection string (Azurite) with the default prefix', () => {
    expect(parseConfig({ STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true', SECRET_LEDGER_HMAC_KEY: SECRET })).toEqual({
      storage: { connection: { kind: 'connection-string', connectionString: 'UseDevelopmentStorage=true' }, namePrefix: 'rcpulse' },
      ledgerHmacKey: SECRET,
    });
  });

  it('accepts the account URL for managed identity and builds clients for it without keys', () => {
    const config = parseConfig({
      STORAGE_ACCOUNT_URL: 'https://rcpulse.table.core.windows.net',
      SECRET_LEDGER_HMAC_KEY: SECRET,
      STORAGE_NAME_PREFIX: 'rcpulseDev',
      STORAGE_CONNECTION_STRING: '  ',
    });
    const credential = { getToken: jest.fn() };
    const client = tableClientFactory(config.storage, { credential })('pulses');
    expect(client.url).toBe('https://rcpulse.table.core.windows.net');
    expect(client.tableName).toBe('rcpulseDevPulses');
    expect(credential.getToken).not.toHaveBeenCalled();
  });
});

describe('table clients for Azurite', () => {
  it('reach Azurite over http with the connection string, every table under the prefix', async () => {
    const prefix = uniquePrefix();
    const config = parseConfig({
      STORAGE_CONNECTION_STRING: testConnectionString(),
      SECRET_LEDGER_HMAC_KEY: TEST_HMAC_KEY,
      STORAGE_NAME_PREFIX: prefix,
    });
    const storage = createStorage(config);
    await storage.ensureTables();
    await storage.ensureTables(); // safe to repeat at every start

    const names = Object.values(storage.clients).map((c) => c.tableName);
    expect(names.every((n) => n.startsWith(prefix))).toBe(true);
    expect(new Set(names).size).toBe(15);
    expect(await storage.collaboratives.list()).toEqual([]);
  });
});
