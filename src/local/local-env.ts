import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { loadEnvFiles } from '../config/load-env-files';

/**
 * An environment's settings: env/.env.<name>, then the ignored env/.env.<name>.user
 * (secrets), then the process's own environment, each overriding the one before.
 */
export function readLocalEnv(projectDir: string, processEnv: NodeJS.ProcessEnv, name = 'local'): Record<string, string | undefined> {
  return loadEnvFiles({ dir: path.join(projectDir, 'env'), name, env: processEnv });
}

/** The local secrets: respondent keys, and the signature of family links. */
const LOCAL_SECRETS = ['SECRET_LEDGER_HMAC_KEY', 'SECRET_LINK_KEY'] as const;

/**
 * Makes sure the local secrets exist (respondent keys, family links), adding any missing one,
 * random, to env/.env.local.user on first start. They must stay the same between starts, or
 * people could answer an open pulse twice and family links would stop working. Returns true
 * when it created the respondent-key secret. Mutates `env` to include them.
 */
export function ensureLocalSecret(projectDir: string, env: Record<string, string | undefined>): boolean {
  const missing = LOCAL_SECRETS.filter((name) => !env[name]);
  if (missing.length === 0) return false;
  const file = path.join(projectDir, 'env', '.env.local.user');
  const header = fs.existsSync(file) ? '' : '# Local secrets for RC Pulse. Never commit this file (git ignores env/.env.*.user).\n';
  const lines = missing.map((name) => {
    env[name] = randomBytes(32).toString('hex');
    return `${name}=${env[name]}\n`;
  });
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.appendFileSync(file, `${header}${lines.join('')}`, { mode: 0o600 });
  return missing.includes('SECRET_LEDGER_HMAC_KEY');
}
