import { ConfigError } from '../../../src/config/config';
import { parseServerConfig } from '../../../src/config/server-config';

describe('server settings', () => {
  it('listens on loopback port 3978 by default', () => {
    expect(parseServerConfig({})).toEqual({ port: 3978, host: '127.0.0.1', appId: undefined, publicUrl: 'http://127.0.0.1:3978' });
  });

  it('refuses to listen beyond loopback without a bot app id, since nothing would check callers', () => {
    expect(() => parseServerConfig({ HOST: '0.0.0.0' })).toThrow(ConfigError);
    expect(() => parseServerConfig({ HOST: '0.0.0.0' })).toThrow(/only listens on a loopback address/);
    expect(parseServerConfig({ HOST: '0.0.0.0', MICROSOFT_APP_ID: '00000000-0000-0000-0000-000000000001' }).host).toBe('0.0.0.0');
  });

  it('names a bad port', () => {
    expect(() => parseServerConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => parseServerConfig({ PORT: '70000' })).toThrow(/PORT/);
  });
});
