import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../../../src/config/config';
import { defaultEnvDir, loadEnvFiles, parseEnvText } from '../../../src/config/load-env-files';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rc-pulse-env-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('reading env files', () => {
  it('reads NAME=value lines: comments, blank lines, export, quotes, escapes and inline comments', () => {
    const text = [
      '\uFEFF# RC Pulse',
      '',
      'STORAGE_NAME_PREFIX=rcpulse   # the default',
      'export SECRET_LEDGER_HMAC_KEY="a b#c\\n\\"d\\""',
      "SINGLE='kept as it is \\n # too'",
      'EMPTY=',
      'URL=https://example.net/a#fragment',
      'CONNECTION=UseDevelopmentStorage=true',
    ].join('\r\n');
    expect(parseEnvText(text, 'env/.env.local')).toEqual({
      values: {
        STORAGE_NAME_PREFIX: 'rcpulse',
        SECRET_LEDGER_HMAC_KEY: 'a b#c\n"d"',
        SINGLE: 'kept as it is \\n # too',
        EMPTY: '',
        URL: 'https://example.net/a#fragment',
        CONNECTION: 'UseDevelopmentStorage=true',
      },
      problems: [],
    });
  });

  it('names each line it cannot read, without quoting any value', () => {
    const { problems } = parseEnvText('GOOD=1\nno equals sign\n2BAD=x\nSECRET_X="never closed secret\n', 'env/.env.local.user');
    expect(problems).toEqual([
      'env/.env.local.user line 2: expected NAME=value, with a name of letters, digits and _',
      'env/.env.local.user line 3: expected NAME=value, with a name of letters, digits and _',
      'env/.env.local.user line 4: the value of SECRET_X has a quote that is not closed on the same line',
    ]);
    expect(problems.join(' ')).not.toContain('never closed secret');
  });

  it('layers .env.local, then .env.local.user, then the process environment, which wins', () => {
    writeFileSync(join(dir, '.env.local'), 'A=local\nB=local\nC=local\n');
    writeFileSync(join(dir, '.env.local.user'), 'B=user\nC=user\n');
    expect(loadEnvFiles({ dir, env: { C: 'process' } })).toEqual({ A: 'local', B: 'user', C: 'process' });
  });

  it('is content with missing files, and refuses a bad line with a ConfigError naming the file and line', () => {
    expect(loadEnvFiles({ dir, env: { ONLY: 'process' } })).toEqual({ ONLY: 'process' });
    writeFileSync(join(dir, '.env.local.user'), 'OK=1\nnot a setting\n');
    const error = (() => {
      try {
        loadEnvFiles({ dir, env: {} });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([expect.stringMatching(/\.env\.local\.user line 2: expected NAME=value/)]);
  });

  it('finds the project’s env folder from the code’s own folder, or RC_PULSE_ENV_DIR', () => {
    expect(defaultEnvDir({}, __dirname)).toBe(join(__dirname, '..', '..', '..', 'env'));
    expect(defaultEnvDir({ RC_PULSE_ENV_DIR: dir })).toBe(dir);
  });
});
