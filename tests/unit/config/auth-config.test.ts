import { ConfigError } from '../../../src/config/config';
import { DEFAULT_ISSUERS, DEFAULT_JWKS_URL, parseAuthConfig, TEAMS_CLIENT_IDS } from '../../../src/config/auth-config';

const CLIENT = '11111111-2222-4333-8444-555555555555';
const LOOPBACK = { host: '127.0.0.1' };
const PUBLIC = { host: '0.0.0.0' };

/** The problems a ConfigError lists, one per line. */
function problemsOf(parse: () => unknown): readonly string[] {
  try {
    parse();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('which apps may ask for tokens for the tab', () => {
  it("is Teams' desktop and web clients unless told otherwise", () => {
    expect(parseAuthConfig({ TAB_CLIENT_ID: CLIENT }, LOOPBACK).entra?.allowedClientIds).toEqual([
      '1fec8e78-bce4-4aaf-ab1b-5451cc387264',
      '5e3ce6c0-2b1f-4285-8d4b-75ee78787346',
    ]);
    expect(TEAMS_CLIENT_IDS).toHaveLength(2);
  });

  it('takes a comma-separated list of app ids from AUTH_ALLOWED_CLIENT_IDS, in lower case', () => {
    const other = '4765445B-32C6-49B0-83E6-1D93765276CA';
    const config = parseAuthConfig({ TAB_CLIENT_ID: CLIENT, AUTH_ALLOWED_CLIENT_IDS: ` ${TEAMS_CLIENT_IDS[0]}, ${other} ` }, LOOPBACK);
    expect(config.entra?.allowedClientIds).toEqual([TEAMS_CLIENT_IDS[0], other.toLowerCase()]);
  });

  it('refuses a list with something that is not an app id, naming the variable', () => {
    const problems = problemsOf(() => parseAuthConfig({ TAB_CLIENT_ID: CLIENT, AUTH_ALLOWED_CLIENT_IDS: `${TEAMS_CLIENT_IDS[0]},teams` }, LOOPBACK));
    expect(problems).toEqual([expect.stringMatching(/^AUTH_ALLOWED_CLIENT_IDS: each must be an app \(client\) id/)]);
  });
});

describe('sign-in settings in production', () => {
  const production = { NODE_ENV: 'production', TAB_CLIENT_ID: CLIENT };

  it('refuses another key address, issuer list or scope, one line for each', () => {
    const problems = problemsOf(() =>
      parseAuthConfig({ ...production, AUTH_JWKS_URL: 'https://keys.evil.example/keys', AUTH_ISSUERS: 'https://evil.example/{tid}', AUTH_REQUIRED_SCOPE: 'none' }, PUBLIC),
    );
    expect(problems).toEqual([
      expect.stringMatching(/^AUTH_JWKS_URL: is fixed when NODE_ENV=production/),
      expect.stringMatching(/^AUTH_ISSUERS: is fixed when NODE_ENV=production/),
      expect.stringMatching(/^AUTH_REQUIRED_SCOPE: is fixed when NODE_ENV=production/),
    ]);
    expect(problemsOf(() => parseAuthConfig({ ...production, AUTH_REQUIRED_SCOPE: 'User.Read' }, PUBLIC))).toHaveLength(1);
  });

  it('reports those together with any other problem, so one start says everything', () => {
    const problems = problemsOf(() => parseAuthConfig({ ...production, AUTH_ALLOWED_CLIENT_IDS: 'teams', AUTH_JWKS_URL: 'http://127.0.0.1:9/keys' }, PUBLIC));
    expect(problems.map((p) => p.split(':')[0])).toEqual(['AUTH_ALLOWED_CLIENT_IDS', 'AUTH_JWKS_URL']);
  });

  it("accepts Microsoft's own values written out, blank values, and no values", () => {
    const spelledOut = { AUTH_JWKS_URL: DEFAULT_JWKS_URL, AUTH_ISSUERS: DEFAULT_ISSUERS.join(', '), AUTH_REQUIRED_SCOPE: 'access_as_user' };
    for (const env of [spelledOut, { AUTH_JWKS_URL: '', AUTH_ISSUERS: ' ', AUTH_REQUIRED_SCOPE: '' }, {}]) {
      const entra = parseAuthConfig({ ...production, ...env }, PUBLIC).entra!;
      expect([entra.jwksUrl, entra.issuers, entra.requiredScope]).toEqual([DEFAULT_JWKS_URL, DEFAULT_ISSUERS, 'access_as_user']);
    }
  });

  it('lets tests and local runs point them at a key server of their own', () => {
    const entra = parseAuthConfig({ TAB_CLIENT_ID: CLIENT, AUTH_JWKS_URL: 'http://127.0.0.1:9/keys', AUTH_REQUIRED_SCOPE: 'none' }, LOOPBACK).entra!;
    expect([entra.jwksUrl, entra.requiredScope]).toEqual(['http://127.0.0.1:9/keys', undefined]);
  });
});
