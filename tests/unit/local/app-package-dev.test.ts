import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AdmZip from 'adm-zip';
import { buildAppPackage, manifestProblems } from '../../../src/local/app-package';
import { readLocalEnv } from '../../../src/local/local-env';

/**
 * `npm run package:app -- dev` after a provision: env/.env.dev as committed, with the values
 * the provision fills in (fake ones here), read from a temporary project folder the way the
 * packager reads the real one. The zip must hold a manifest that passes Microsoft's schema,
 * with every placeholder filled, and the icons Teams asks for.
 */

const root = path.resolve(__dirname, '..', '..', '..');
const committed = fs.readFileSync(path.join(root, 'env', '.env.dev'), 'utf8');

/** What a provision writes into env/.env.dev (see m365agents.yml): fake, but shaped like the real thing. */
const PROVISIONED: Record<string, string> = {
  AZURE_SUBSCRIPTION_ID: '0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9',
  AZURE_RESOURCE_GROUP_NAME: 'rg-rcpulse-dev',
  RESOURCE_SUFFIX: 'ab12cd',
  TAB_CLIENT_ID: '5e3b1c2a-7d4f-4e8a-9b6c-0d1e2f3a4b5c',
  TAB_OBJECT_ID: '6f4c2a10-8c1e-4b7a-9d3e-2a5b7c9d1e0f',
  BOT_ID: '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
  MICROSOFT_APP_TENANT_ID: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  BOT_DOMAIN: 'rcpulseab12cd.azurewebsites.net',
  PUBLIC_URL: 'https://rcpulseab12cd.azurewebsites.net',
  STORAGE_ACCOUNT_URL: 'https://strcpulseab7x3k2m9q4w5e6.table.core.windows.net',
  BOT_AZURE_APP_SERVICE_RESOURCE_ID: '/subscriptions/0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9/resourceGroups/rg-rcpulse-dev/providers/Microsoft.Web/sites/rcpulseab12cd',
  TAB_APP_ID_URI: 'api://rcpulseab12cd.azurewebsites.net/5e3b1c2a-7d4f-4e8a-9b6c-0d1e2f3a4b5c',
  KEY_VAULT_NAME: 'kvrcpulseabab7x3k2m9q4w5e',
};

/** The committed file with each empty NAME= line given its provisioned value. */
const provisioned = committed.replace(/^([A-Z0-9_]+)=$/gm, (line, name: string) => (PROVISIONED[name] ? `${name}=${PROVISIONED[name]}` : line));

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rc-pulse-package-'));
  fs.mkdirSync(path.join(dir, 'env'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('npm run package:app -- dev', () => {
  it('builds a package whose manifest passes the schema, from env/.env.dev once provisioned', () => {
    fs.writeFileSync(path.join(dir, 'env', '.env.dev'), provisioned);
    const out = buildAppPackage('dev', readLocalEnv(dir, {}, 'dev'), path.join(dir, 'build'));
    expect(path.basename(out)).toBe('appPackage.dev.zip');

    const zip = new AdmZip(out);
    expect(zip.getEntries().map((e) => e.entryName).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const text = zip.readAsText('manifest.json');
    expect(text).not.toContain('${{');
    const manifest = JSON.parse(text);
    expect(manifestProblems(manifest)).toEqual([]);
    expect(manifest.id).toBe('3f16392a-4541-4aea-9f94-f500066b1566');
    expect(manifest.bots[0].botId).toBe(PROVISIONED.BOT_ID);
    expect(manifest.developer.privacyUrl).toBe(`${PROVISIONED.PUBLIC_URL}/privacy`);
    expect(manifest.validDomains).toEqual([PROVISIONED.BOT_DOMAIN]);
    expect(manifest.webApplicationInfo).toEqual({ id: PROVISIONED.TAB_CLIENT_ID, resource: PROVISIONED.TAB_APP_ID_URI });
  });

  it('refuses env/.env.dev as committed, naming what the provision has not filled yet', () => {
    fs.writeFileSync(path.join(dir, 'env', '.env.dev'), committed);
    expect(() => buildAppPackage('dev', readLocalEnv(dir, {}, 'dev'), path.join(dir, 'build'))).toThrow(
      /these settings have no value: .*BOT_ID.*BOT_DOMAIN/,
    );
    expect(fs.existsSync(path.join(dir, 'build'))).toBe(false);
  });
});
