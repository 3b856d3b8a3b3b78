import fs from 'node:fs';
import path from 'node:path';
import { appSettings, bicepOutputExpressions, bicepResources, bicepVars, secureParams, withoutComments } from './bicep-reader';

/**
 * The deployment's promise about secrets: each secret reaches the web app only as a Key Vault
 * reference, read through the app's managed identity, which may read the vault's secrets and
 * nothing more; no secret value is ever an output (Teams Toolkit writes outputs into the
 * committed env/.env.<environment>) or a plain app setting (shown to anyone who can read the
 * web app's configuration). Each check reads infra/azure.bicep as an attacker would look for
 * a leak: by following where every @secure() parameter goes.
 */

const root = path.resolve(__dirname, '..', '..', '..');
const bicep = withoutComments(fs.readFileSync(path.join(root, 'infra', 'azure.bicep'), 'utf8'));
const resources = bicepResources(bicep);
const settings = appSettings(bicep);
const secure = secureParams(bicep);
const vars = bicepVars(bicep);

const KEY_VAULT_SECRETS_USER = '4633458b-17de-408a-b874-0445c86b69e6';
const REFERENCE = /^'@Microsoft\.KeyVault\(SecretUri=\$\{(\w+)\.properties\.secretUri\}\)'$/;

const ofType = (type: string) => [...resources.values()].filter((r) => r.type === type);
const mentions = (text: string, symbol: string) => new RegExp(`(^|[^\\w.])${symbol}\\b`).test(text);
/** The property `name: value` on its own line in a resource body. */
const property = (body: string, name: string) => new RegExp(`^\\s*${name}:\\s*(.+?)\\s*$`, 'm').exec(body)?.[1];

const vaults = ofType('Microsoft.KeyVault/vaults');
const vaultSecrets = ofType('Microsoft.KeyVault/vaults/secrets');
const webApp = ofType('Microsoft.Web/sites')[0]!;
const identity = ofType('Microsoft.ManagedIdentity/userAssignedIdentities')[0]!;

describe('secrets in infra/azure.bicep', () => {
  it('arrive as @secure() parameters and are stored only as secrets of the one vault', () => {
    expect(secure.sort()).toEqual(['secretLedgerHmacKey', 'secretLinkKey']);
    expect(vaults).toHaveLength(1);
    for (const param of secure) {
      const users = [...resources.values()].filter((r) => mentions(r.body, param));
      expect([param, users.map((r) => r.type)]).toEqual([param, ['Microsoft.KeyVault/vaults/secrets']]);
      expect(property(users[0]!.body, 'value')).toBe(param);
      expect(property(users[0]!.body, 'parent')).toBe(vaults[0]!.symbol);
      // Nor anywhere outside a resource: no var, module parameter or output passes it on.
      const outside = bicep.split('\n').filter((line) => mentions(line, param) && !/^\s*value:/.test(line) && !/^param\s/.test(line));
      expect([param, outside]).toEqual([param, []]);
    }
  });

  it('reach the web app only as Key Vault references, one for each SECRET_ setting', () => {
    const secretSettings = [...settings.keys()].filter((name) => name.startsWith('SECRET_')).sort();
    expect(secretSettings).toEqual(['SECRET_LEDGER_HMAC_KEY', 'SECRET_LINK_KEY']);
    const referenced = secretSettings.map((name) => {
      const value = settings.get(name)!;
      const symbol = 'expression' in value ? REFERENCE.exec(value.expression)?.[1] : undefined;
      expect([name, symbol && resources.get(symbol)?.type]).toEqual([name, 'Microsoft.KeyVault/vaults/secrets']);
      return symbol;
    });
    expect(new Set(referenced).size).toBe(secretSettings.length);
    // Every stored secret is read by some setting, and no setting holds a secret's value.
    expect(vaultSecrets.map((s) => s.symbol).sort()).toEqual([...referenced].sort());
    for (const [name, value] of settings) {
      const text = 'expression' in value ? value.expression : value.literal;
      expect([name, secure.filter((p) => mentions(text, p)), /\.properties\.value|list\w*\(/.test(text)]).toEqual([name, [], false]);
    }
  });

  it('are read by the web app as its managed identity, which holds Key Vault Secrets User on the vault', () => {
    const vault = vaults[0]!;
    expect(property(vault.body, 'enableRbacAuthorization')).toBe('true');
    expect(property(webApp.body, 'keyVaultReferenceIdentity')).toBe(`${identity.symbol}.id`);
    expect(webApp.body).toContain(`'\${${identity.symbol}.id}': {}`);
    const grants = ofType('Microsoft.Authorization/roleAssignments').filter((r) => property(r.body, 'scope') === vault.symbol);
    const roleOf = (body: string) => {
      const id = /roleDefinitions',\s*(\w+|'[^']+')\)/.exec(body)?.[1] ?? '';
      return id.startsWith("'") ? id.slice(1, -1) : vars.get(id)?.replace(/'/g, '');
    };
    expect(grants.map((g) => [roleOf(g.body), property(g.body, 'principalId')])).toEqual([
      [KEY_VAULT_SECRETS_USER, `${identity.symbol}.properties.principalId`],
    ]);
    // The app's first start should find its way to the secrets in place.
    const dependsOn = /dependsOn:\s*\[([\s\S]*?)\]/.exec(webApp.body)?.[1] ?? '';
    expect(dependsOn).toMatch(new RegExp(`\\b${grants[0]!.symbol}\\b`));
  });

  it('never appear in an output, by value or by a way to read one', () => {
    const outputs = bicepOutputExpressions(bicep);
    expect(outputs.size).toBeGreaterThan(0);
    for (const [name, expression] of outputs) {
      const leaks = [...secure, ...vaultSecrets.map((s) => s.symbol)].filter((symbol) => mentions(expression, symbol));
      expect([name, leaks, /list\w*\(|getSecret\(|\.properties\.value/.test(expression), name.startsWith('SECRET_')]).toEqual([name, [], false, false]);
    }
  });
});
