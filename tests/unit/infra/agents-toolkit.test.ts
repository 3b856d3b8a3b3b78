import fs from 'node:fs';
import path from 'node:path';
import { parseEnvText } from '../../../src/config/load-env-files';
import { placeholders } from '../../../src/local/app-package';
import { parseYamlSubset, type YamlMap, type YamlValue } from './yaml-subset';

/**
 * m365agents.yml runs its steps in order, each filling env/.env.dev for the next. A step that
 * reads a ${{VAR}} nothing has filled yet only fails in Azure, half-way through a provision;
 * these checks walk the stages as the Agents Toolkit does and find it here instead.
 */

const root = path.resolve(__dirname, '..', '..', '..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

const yml = parseYamlSubset(read('m365agents.yml'));
const envDevText = read('env/.env.dev');
const envDev = parseEnvText(envDevText, 'env/.env.dev').values;

/** Values a person gives before the first provision (the toolkit asks for the first two). */
const GIVEN_BY_A_PERSON = ['AZURE_SUBSCRIPTION_ID', 'AZURE_RESOURCE_GROUP_NAME', 'RESOURCE_SUFFIX'];

/** Secrets env/.env.dev documents as living in env/.env.dev.user. */
const documentedSecrets = new Set(
  envDevText
    .split('\n')
    .filter((line) => line.startsWith('#') && line.includes('env/.env.dev.user'))
    .flatMap((line) => line.match(/\bSECRET_[A-Z0-9_]+/g) ?? []),
);

interface Step {
  uses: string;
  with: YamlMap;
  writes: string[];
}

const asMap = (v: YamlValue | undefined): YamlMap => (v && typeof v === 'object' && !Array.isArray(v) ? v : {});

function stage(name: string): Step[] {
  const steps = yml[name];
  if (!Array.isArray(steps)) throw new Error(`m365agents.yml has no ${name}: list`);
  return steps.map((s) => {
    const step = asMap(s);
    return { uses: String(step.uses), with: asMap(step.with), writes: Object.values(asMap(step.writeToEnvironmentFile)).map(String) };
  });
}

const STAGES = { provision: stage('provision'), deploy: stage('deploy'), publish: stage('publish') };
const allSteps = Object.values(STAGES).flat();

/** The files a step reads and fills from the environment (templates, parameters, manifests). */
function filesReadBy(step: Step): string[] {
  const templates = Array.isArray(step.with.templates) ? step.with.templates.map(asMap) : [];
  return [
    ...templates.flatMap((t) => [String(t.parameters)]),
    ...(step.uses === 'aadApp/update' || step.uses.startsWith('teamsApp/') ? [step.with.manifestPath] : []),
  ].filter((f): f is string => typeof f === 'string' && f !== '');
}

/** What a step writes to env/.env.dev: its writeToEnvironmentFile, and for arm/deploy the templates' outputs. */
function writtenBy(step: Step): string[] {
  const templates = Array.isArray(step.with.templates) ? step.with.templates.map(asMap) : [];
  const outputs = templates.flatMap((t) => [...read(String(t.path)).matchAll(/^output\s+([A-Za-z_]\w*)\s/gm)].map((m) => m[1]!));
  return [...step.writes, ...outputs];
}

describe('m365agents.yml', () => {
  it('has the three stages with the steps a Teams developer expects, in a workable order', () => {
    expect(yml.version).toMatch(/^v1\.\d+$/);
    expect(yml.environmentFolderPath).toBe('./env');
    const provision = STAGES.provision.map((s) => s.uses);
    const order = ['aadApp/create', 'teamsApp/create', 'arm/deploy', 'aadApp/update', 'teamsApp/validateManifest', 'teamsApp/zipAppPackage', 'teamsApp/update'];
    expect(provision.filter((u) => order.includes(u))).toEqual(order);
    expect(STAGES.deploy.map((s) => s.uses).at(-1)).toBe('azureAppService/zipDeploy');
    expect(STAGES.publish.map((s) => s.uses)).toEqual(expect.arrayContaining(['teamsApp/validateManifest', 'teamsApp/zipAppPackage', 'teamsApp/publishAppPackage']));
  });

  it('uses every ${{VAR}} only once an earlier step, env/.env.dev or a person has given it a value', () => {
    const available = new Set([
      ...Object.entries(envDev).filter(([, value]) => value !== '').map(([name]) => name),
      ...GIVEN_BY_A_PERSON,
      ...documentedSecrets,
    ]);
    const early: string[] = [];
    for (const [stageName, steps] of Object.entries(STAGES)) {
      steps.forEach((step, i) => {
        const used = [...placeholders(JSON.stringify(step.with)), ...filesReadBy(step).flatMap((file) => placeholders(read(file)))];
        for (const name of used) if (!available.has(name)) early.push(`${stageName} step ${i + 1} (${step.uses}) reads ${name} before anything fills it`);
        for (const name of writtenBy(step)) available.add(name);
      });
    }
    expect(early).toEqual([]);
  });

  it('lists in env/.env.dev every variable a step fills, and writes no secret at all', () => {
    const written = allSteps.flatMap(writtenBy);
    expect(written.filter((name) => !(name in envDev))).toEqual([]);
    // The bot signs in as a managed identity and the tab's Entra app needs no secret.
    expect(written.filter((name) => name.startsWith('SECRET_'))).toEqual([]);
    expect(STAGES.provision.find((s) => s.uses === 'aadApp/create')?.with.generateClientSecret).toBe('false');
  });

  it('names only files that exist, and deploys to the web app the Bicep creates', () => {
    const paths = allSteps.flatMap((s) => [
      ...['manifestPath', 'ignoreFile'].map((k) => s.with[k]),
      ...(Array.isArray(s.with.templates) ? s.with.templates.map(asMap).flatMap((t) => [t.path, t.parameters]) : []),
    ]);
    const missing = paths.filter((p): p is string => typeof p === 'string').filter((p) => !fs.existsSync(path.join(root, p)));
    expect(missing).toEqual([]);
    const zipDeploy = STAGES.deploy.find((s) => s.uses === 'azureAppService/zipDeploy')!;
    expect(zipDeploy.with.resourceId).toBe('${{BOT_AZURE_APP_SERVICE_RESOURCE_ID}}');
    expect(read('infra/azure.bicep')).toMatch(/^output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = webApp\.id$/m);
  });

  it("gives the tab's API one address everywhere: in Entra, in the Teams manifest and on the server", () => {
    const bicep = read('infra/azure.bicep');
    // The Bicep works it out from the host name it outputs as BOT_DOMAIN and the client id.
    expect(bicep).toMatch(/^var tabAppIdUri = 'api:\/\/\$\{webAppHostName\}\/\$\{tabClientId\}'$/m);
    expect(bicep).toMatch(/^output BOT_DOMAIN string = webAppHostName$/m);
    expect(bicep).toMatch(/^output TAB_APP_ID_URI string = tabAppIdUri$/m);
    expect(read('infra/azure.parameters.json')).toContain('"value": "${{TAB_CLIENT_ID}}"');
    // Entra exposes the API there; the manifest asks Teams for tokens for it; the server accepts it.
    const entra = JSON.parse(read('aad.manifest.json')) as { identifierUris: string[]; appId: string };
    expect(entra.identifierUris).toEqual(['api://${{BOT_DOMAIN}}/${{TAB_CLIENT_ID}}']);
    expect(entra.appId).toBe('${{TAB_CLIENT_ID}}');
    const manifest = JSON.parse(read('appPackage/manifest.json')) as { webApplicationInfo: { id: string; resource: string } };
    expect(manifest.webApplicationInfo).toEqual({ id: '${{TAB_CLIENT_ID}}', resource: '${{TAB_APP_ID_URI}}' });
    expect(bicep).toMatch(/name: 'TAB_APP_ID_URI'\s*\n\s*value: tabAppIdUri\n/);
  });
});

/** gitignore-style: a leading / anchors to the top, a trailing / means a folder, * stays within a name. */
function ignored(patterns: string[], file: string): boolean {
  return patterns.some((pattern) => {
    const anchored = pattern.startsWith('/');
    const folder = pattern.endsWith('/');
    const body = pattern.replace(/^\//, '').replace(/\/$/, '');
    const glob = body.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*');
    const unanchoredPrefix = anchored || body.includes('/') ? '^' : '(^|/)';
    return new RegExp(`${unanchoredPrefix}${glob}${folder ? '/' : '(/|$)'}`).test(file);
  });
}

describe('.webappignore, the files left out of what is deployed', () => {
  const patterns = read('.webappignore')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));

  it('keeps secrets, local data and sources on this machine', () => {
    for (const file of ['env/.env.dev.user', 'env/.env.dev', '.data/azurite/__azurite_db_table__.json', 'src/config/config.ts', 'tests/unit/x.test.ts', 'tab/src/main.tsx']) {
      expect([file, ignored(patterns, file)]).toEqual([file, true]);
    }
  });

  it('deploys what the server runs, including packages whose folders share a name with ours', () => {
    for (const file of ['package.json', 'dist/bot/index.js', 'tab/dist/index.html', 'node_modules/restify/lib/index.js', 'node_modules/some-package/src/index.js', 'node_modules/some-package/env/index.js', 'node_modules/some-package/README.md']) {
      expect([file, ignored(patterns, file)]).toEqual([file, false]);
    }
  });
});

describe('the YAML reader these checks use', () => {
  it('reads nested mappings and lists as the toolkit would', () => {
    const text = 'a: 1\nlist:\n  - uses: x/y # note\n    with:\n      k: "${{V}}"\n  - plain\n';
    expect(parseYamlSubset(text)).toEqual({ a: '1', list: [{ uses: 'x/y', with: { k: '${{V}}' } }, 'plain'] });
  });

  it('refuses YAML it would misread, rather than guess', () => {
    for (const text of ['a: [1, 2]\n', 'a: &anchor 1\n', 'a: |\n  text\n', 'a: 1\na: 2\n', 'a:\n\tb: 1\n', 'a: 1\n    b: 2\n']) {
      expect(() => parseYamlSubset(text)).toThrow(/line \d+/);
    }
  });
});
