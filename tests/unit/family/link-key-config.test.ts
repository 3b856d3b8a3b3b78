import { ConfigError, parseConfig } from '../../../src/config/config';

const BASE = { STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true', SECRET_LEDGER_HMAC_KEY: 'x'.repeat(40) };

describe('SECRET_LINK_KEY in the configuration', () => {
  it('is read beside the ledger key, and may be left out (then no family links are offered)', () => {
    expect(parseConfig({ ...BASE, SECRET_LINK_KEY: 'l'.repeat(40) }).linkKey).toBe('l'.repeat(40));
    expect(parseConfig(BASE).linkKey).toBeUndefined();
    expect(parseConfig({ ...BASE, SECRET_LINK_KEY: '' }).linkKey).toBeUndefined();
  });

  it('must be at least 32 characters, and its value is never in the message', () => {
    let error: unknown;
    try {
      parseConfig({ ...BASE, SECRET_LINK_KEY: 'too-short-secret' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual(['SECRET_LINK_KEY: must be at least 32 characters long']);
    expect((error as ConfigError).message).not.toContain('too-short-secret');
  });
});
