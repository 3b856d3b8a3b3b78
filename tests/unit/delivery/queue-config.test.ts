import type { AccessToken, TokenCredential } from '@azure/identity';
import { ConfigError, parseConfig, queueEndpointOf, queueName } from '../../../src/config/config';
import { createCardQueue } from '../../../src/delivery/card-queue';

const SECRET = 'x'.repeat(40);
const noCredential: TokenCredential = { getToken: async (): Promise<AccessToken> => ({ token: 'unused', expiresOnTimestamp: Date.now() + 60_000 }) };

describe('the card queue’s name and address', () => {
  it('is named after the prefix in lower case, as queue names must be', () => {
    expect(queueName('rcPulseDev', 'cards')).toBe('rcpulsedev-cards');
    const queue = createCardQueue({ connection: { kind: 'connection-string', connectionString: 'UseDevelopmentStorage=true' }, namePrefix: 'RcPulse' });
    expect(queue.client.name).toBe('rcpulse-cards');
  });

  it('is found from the Table endpoint with managed identity (.table. becomes .queue.)', () => {
    expect(queueEndpointOf('https://rcpulse.table.core.windows.net/')).toBe('https://rcpulse.queue.core.windows.net');
    const queue = createCardQueue({ connection: { kind: 'account-url', accountUrl: 'https://rcpulse.table.core.windows.net' }, namePrefix: 'rcpulse' }, { credential: noCredential });
    expect(queue.client.url).toBe('https://rcpulse.queue.core.windows.net/rcpulse-cards');
  });

  it('refuses an account URL that is not the Table endpoint, saying which it must be', () => {
    expect(() => parseConfig({ STORAGE_ACCOUNT_URL: 'https://rcpulse.blob.core.windows.net', SECRET_LEDGER_HMAC_KEY: SECRET })).toThrow(ConfigError);
    try {
      parseConfig({ STORAGE_ACCOUNT_URL: 'https://rcpulse.blob.core.windows.net', SECRET_LEDGER_HMAC_KEY: SECRET });
    } catch (error) {
      expect((error as ConfigError).problems).toEqual(['STORAGE_ACCOUNT_URL: must be the Table endpoint, such as https://myaccount.table.core.windows.net']);
    }
  });
});
