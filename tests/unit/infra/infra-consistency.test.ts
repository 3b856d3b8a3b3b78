import fs from 'node:fs';
import path from 'node:path';
import { parseBotConfig } from '../../../bot/bot-config';
import { parseAuthConfig } from '../../../src/config/auth-config';
import { parseConfig } from '../../../src/config/config';
import { parseDeliveryConfig } from '../../../src/config/delivery-config';
import { parseEnvText } from '../../../src/config/load-env-files';
import { parseServerConfig } from '../../../src/config/server-config';
import { parseTelemetryConfig } from '../../../src/config/telemetry-config';
import { placeholders } from '../../../src/local/app-package';
import { appSettings, bicepOutputs, bicepParams, withoutComments } from './bicep-reader';

/**
 * The Bicep, the env files, the manifest and the server's own settings are written apart but
 * must agree: a setting the server never reads, or a required one the deployment forgets,
 * only shows up in Azure as a server that will not start. No Bicep compiler is needed: the
 * few shapes read here (param, output, the web app's appSettings) are simple lines.
 */

type Env = Record<string, string | undefined>;

const root = path.resolve(__dirname, '..', '..', '..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

const bicep = withoutComments(read('infra/azure.bicep'));
const botModule = withoutComments(read('infra/botRegistration/azurebot.bicep'));
const parametersText = read('infra/azure.parameters.json');
const parameters = Object.keys((JSON.parse(parametersText) as { parameters: Record<string, unknown> }).parameters);
const manifestText = read('appPackage/manifest.json');
const envDevText = read('env/.env.dev');
const envDev = parseEnvText(envDevText, 'env/.env.dev');

/** The names a settings parser reads, recorded by handing it an environment that records every look-up. */
function variablesReadBy(parse: (env: Env) => unknown): string[] {
  const seen = new Set<string>();
  const env = new Proxy({} as Env, {
    get: (_target, key) => {
      if (typeof key === 'string') seen.add(key);
      return undefined;
    },
  });
  try {
    parse(env);
  } catch {
    // With nothing set, most parsers refuse; the names they looked at are what counts.
  }
  return [...seen];
}

/** The parsers bot/index.ts runs at start-up, given whatever they need besides the environment. */
const serverParsers: ((env: Env) => unknown)[] = [
  parseConfig,
  parseServerConfig,
  parseDeliveryConfig,
  (env) => parseBotConfig(env, { appId: 'app', publicUrl: 'https://example.org' }),
  (env) => parseAuthConfig(env, { host: '0.0.0.0' }),
  parseTelemetryConfig,
];
const serverVariables = new Set(serverParsers.flatMap(variablesReadBy));

/** Settings the server does not read but Azure or the Azure SDK does, each with its reason. */
const PLATFORM_SETTINGS: Record<string, string> = {
  AZURE_CLIENT_ID: '@azure/identity (DefaultAzureCredential) picks the user-assigned identity by it',
  ApplicationInsightsAgent_EXTENSION_VERSION: "keeps App Service's Application Insights agent off (the server sends its own, redacted telemetry)",
  SCM_DO_BUILD_DURING_DEPLOYMENT: 'App Service deployment: the package arrives already built',
};

/** What a deployed bot needs; a string is the exact value, undefined means the deployment fills it in. */
const REQUIRED_SETTINGS: Record<string, string | undefined> = {
  NODE_ENV: 'production',
  HOST: '0.0.0.0',
  AUTH_MODE: 'entra',
  MICROSOFT_APP_TYPE: 'UserAssignedMSI',
  PUBLIC_URL: undefined,
  STORAGE_ACCOUNT_URL: undefined,
  SECRET_LEDGER_HMAC_KEY: undefined,
  SECRET_LINK_KEY: undefined,
  MICROSOFT_APP_ID: undefined,
  MICROSOFT_APP_TENANT_ID: undefined,
  AZURE_CLIENT_ID: undefined,
  TEAMS_APP_ID: undefined,
  TAB_CLIENT_ID: undefined,
  TAB_APP_ID_URI: undefined,
  APPLICATIONINSIGHTS_CONNECTION_STRING: undefined,
  // The platform's agent would send request addresses (conversation ids, keys) unredacted.
  ApplicationInsightsAgent_EXTENSION_VERSION: 'disabled',
};

/** Example values for the settings the deployment computes, to run the server's checks on. */
const GUID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const EXAMPLE_VALUES: Record<string, string> = {
  PUBLIC_URL: 'https://rcpulseab12cd.azurewebsites.net',
  STORAGE_ACCOUNT_URL: 'https://strcpulseab7x3k2m9q4w5e6.table.core.windows.net',
  STORAGE_NAME_PREFIX: 'rcpulse',
  SECRET_LEDGER_HMAC_KEY: 'a'.repeat(64),
  SECRET_LINK_KEY: 'b'.repeat(64),
  MICROSOFT_APP_ID: GUID,
  MICROSOFT_APP_TENANT_ID: GUID,
  AZURE_CLIENT_ID: GUID,
  TEAMS_APP_ID: GUID,
  TAB_CLIENT_ID: GUID,
  TAB_APP_ID_URI: `api://rcpulseab12cd.azurewebsites.net/${GUID}`,
  APPLICATIONINSIGHTS_CONNECTION_STRING: `InstrumentationKey=${GUID}`,
};

const settings = appSettings(bicep);
const params = bicepParams(bicep);
const expressionOf = (name: string) => {
  const value = settings.get(name);
  return value && 'expression' in value ? value.expression : undefined;
};

describe('the web app settings in infra/azure.bicep', () => {
  it('are all variables the server reads, or platform settings named here with their reason', () => {
    expect(serverVariables.has('STORAGE_ACCOUNT_URL') && serverVariables.has('MICROSOFT_APP_TYPE')).toBe(true);
    const unknown = [...settings.keys()].filter((name) => !serverVariables.has(name) && !(name in PLATFORM_SETTINGS));
    expect(unknown).toEqual([]);
  });

  it('include everything a deployed bot needs, with the values it must have', () => {
    const missing = Object.keys(REQUIRED_SETTINGS).filter((name) => !settings.has(name));
    expect(missing).toEqual([]);
    for (const [name, value] of Object.entries(REQUIRED_SETTINGS)) {
      if (value !== undefined) expect([name, settings.get(name)]).toEqual([name, { literal: value }]);
    }
  });

  it('use no keys or passwords, and leave the port to App Service', () => {
    for (const name of ['STORAGE_CONNECTION_STRING', 'SECRET_MICROSOFT_APP_PASSWORD', 'PORT']) expect(settings.has(name)).toBe(false);
  });

  it('reach storage and the Bot Framework as the same managed identity', () => {
    expect(expressionOf('MICROSOFT_APP_ID')).toMatch(/\.properties\.clientId$/);
    expect(expressionOf('AZURE_CLIENT_ID')).toBe(expressionOf('MICROSOFT_APP_ID'));
  });

  it("point the server at the storage account's Table endpoint", () => {
    const name = expressionOf('STORAGE_ACCOUNT_URL');
    const definition = new RegExp(`^var\\s+${name}\\s*=\\s*(.+)$`, 'm').exec(bicep)?.[1];
    expect(definition).toMatch(/^'https:\/\/\$\{\w+\}\.table\./);
  });

  it("pass the server's own start-up checks once the deployment has filled them in", () => {
    const env: Env = { PORT: '8080' }; // App Service gives the Node process its port.
    for (const [name, value] of settings) {
      if ('literal' in value) env[name] = value.literal;
      else if (name in EXAMPLE_VALUES) env[name] = EXAMPLE_VALUES[name];
      else throw new Error(`add an example value for the app setting ${name} to this test`);
    }
    const config = parseConfig(env);
    const server = parseServerConfig(env);
    expect(config.storage.connection).toEqual({ kind: 'account-url', accountUrl: EXAMPLE_VALUES.STORAGE_ACCOUNT_URL });
    expect(server).toMatchObject({ host: '0.0.0.0', port: 8080, appId: GUID, publicUrl: EXAMPLE_VALUES.PUBLIC_URL });
    expect(parseBotConfig(env, server)).toMatchObject({ appType: 'UserAssignedMSI', appTenantId: GUID });
    expect(parseAuthConfig(env, server).mode).toBe('entra');
    expect(() => parseDeliveryConfig(env)).not.toThrow();
    expect(parseTelemetryConfig(env)).toMatchObject({ connectionString: EXAMPLE_VALUES.APPLICATIONINSIGHTS_CONNECTION_STRING });
  });
});

describe('env/.env.dev', () => {
  const defined = new Set(Object.keys(envDev.values));
  const isSecret = (name: string) => name.startsWith('SECRET_');

  it('reads without problems and holds no secret values', () => {
    expect(envDev.problems).toEqual([]);
    expect([...defined].filter(isSecret)).toEqual([]);
  });

  it('has a variable for every output of infra/azure.bicep, and no output is a secret', () => {
    const outputs = bicepOutputs(bicep);
    expect(outputs.length).toBeGreaterThan(0);
    expect(outputs.filter((name) => !defined.has(name))).toEqual([]);
    expect(outputs.filter(isSecret)).toEqual([]);
  });

  it('defines every ${{VAR}} the manifest and the parameters file use, and says where each secret goes', () => {
    const used = [...new Set([...placeholders(manifestText), ...placeholders(parametersText)])];
    expect(used.filter((name) => !isSecret(name) && !defined.has(name))).toEqual([]);
    for (const secret of used.filter(isSecret)) {
      const note = envDevText.split('\n').find((line) => line.startsWith('#') && line.includes(secret));
      expect([secret, note]).toEqual([secret, expect.stringContaining('env/.env.dev.user')]);
    }
  });
});

describe('infra/azure.parameters.json', () => {
  it('names exactly the parameters of infra/azure.bicep, leaving out only those with a default', () => {
    expect(parameters.filter((name) => !params.has(name))).toEqual([]);
    const required = [...params].filter(([, p]) => !p.hasDefault).map(([name]) => name);
    expect(required.filter((name) => !parameters.includes(name))).toEqual([]);
  });

  it('gives @secure() parameters only from SECRET_* placeholders, never as plain text', () => {
    const values = (JSON.parse(parametersText) as { parameters: Record<string, { value: unknown }> }).parameters;
    const secure = [...bicep.matchAll(/@secure\(\)\s*(?:@.*\s*)*param\s+(\w+)/g)].map((m) => m[1]!);
    expect(secure.length).toBeGreaterThan(0);
    for (const name of secure) expect([name, values[name]?.value]).toEqual([name, expect.stringMatching(/^\$\{\{SECRET_[A-Z0-9_]+\}\}$/)]);
  });
});

describe('the bot registration module', () => {
  it('is given every parameter it has no default for, and no other', () => {
    const call = /module\s+\w+\s+'\.\/botRegistration\/azurebot\.bicep'[\s\S]*?params:\s*\{([\s\S]*?)\n\s*\}/.exec(bicep)?.[1] ?? '';
    const given = [...call.matchAll(/^\s*(\w+):/gm)].map((m) => m[1]!);
    const moduleParams = bicepParams(botModule);
    expect(given.filter((name) => !moduleParams.has(name))).toEqual([]);
    expect([...moduleParams].filter(([name, p]) => !p.hasDefault && !given.includes(name))).toEqual([]);
  });
});
