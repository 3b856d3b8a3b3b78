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

/**
 * Makes sure a local secret for respondent keys exists, creating env/.env.local.user with a
 * random one on first start. The secret must stay the same between starts, or people could
 * answer an open pulse twice. Returns true when it created one. Mutates `env` to include it.
 */
export function ensureLocalSecret(projectDir: string, env: Record<string, string | undefined>): boolean {
  if (env.SECRET_LEDGER_HMAC_KEY) return false;
  const secret = randomBytes(32).toString('hex');
  const file = path.join(projectDir, 'env', '.env.local.user');
  const header = fs.existsSync(file) ? '' : '# Local secrets for RC Pulse. Never commit this file (git ignores env/.env.*.user).\n';
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.appendFileSync(file, `${header}SECRET_LEDGER_HMAC_KEY=${secret}\n`, { mode: 0o600 });
  env.SECRET_LEDGER_HMAC_KEY = secret;
  return true;
}
