import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../src/local/ports';
import { startAzurite, type RunningAzurite } from '../support/azurite';

/**
 * The real stack the results tab runs on, for the browser tests and the tab benchmark:
 * Azurite (jest's, or one of its own), the demo seeded by `rc-pulse seed demo`, and the built
 * server (dist/bot/index.js) with AUTH_MODE=development on a free port, serving the built
 * tab from tab/dist. Everything goes through the same binaries a person uses.
 */

export const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'rc-pulse.js');
const SERVER = path.join(ROOT, 'dist', 'bot', 'index.js');
const TAB_INDEX = path.join(ROOT, 'tab', 'dist', 'index.html');
const HMAC_KEY = 'e2e-only-respondent-key-secret-0123456789abcdef';
const LINK_KEY = 'e2e-only-family-link-key-secret-0123456789abcdef';

export interface TabStack {
  /** e.g. http://127.0.0.1:41234 */
  baseUrl: string;
  /** The storage settings the server uses (for tests that add data of their own). */
  env: Record<string, string>;
  /** Runs the rc-pulse command against the same storage; throws with its stderr unless it exits 0. */
  cli(args: string[]): string;
  /** Everything the server printed, for failure messages. */
  serverOutput(): string;
  stop(): Promise<void>;
}

async function waitForHealth(url: string, server: ChildProcess, output: () => string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server stopped while starting:\n${output()}`);
    const ok = await fetch(url).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`the server did not become healthy within ${timeoutMs / 1000} s:\n${output()}`);
}

/** Starts the stack (see the module comment). Refuses clearly when the build is missing. */
export async function startTabStack(): Promise<TabStack> {
  for (const [file, what] of [[SERVER, 'the server'], [TAB_INDEX, 'the results tab']] as const) {
    if (!fs.existsSync(file)) throw new Error(`${what} is not built (${path.relative(ROOT, file)} is missing): run "npm run build" first (npm test does)`);
  }
  let ownAzurite: RunningAzurite | undefined;
  const connectionString = process.env.STORAGE_CONNECTION_STRING ?? (ownAzurite = await startAzurite()).connectionString;
  const envDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rc-pulse-e2e-env-'));
  const port = await freePort();
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    STORAGE_CONNECTION_STRING: connectionString,
    STORAGE_ACCOUNT_URL: '',
    STORAGE_NAME_PREFIX: `e2e${randomBytes(4).toString('hex')}`,
    SECRET_LEDGER_HMAC_KEY: HMAC_KEY,
    // Family links are signed with it; without it their routes are not mounted.
    SECRET_LINK_KEY: LINK_KEY,
    // An empty env folder: a developer's own env/.env.local.user cannot change what is tested.
    RC_PULSE_ENV_DIR: envDir,
    AUTH_MODE: 'development',
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    MICROSOFT_APP_ID: '',
  };
  const cli = (args: string[]): string => {
    const run = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
    if (run.status !== 0) throw new Error(`rc-pulse ${args.join(' ')} failed (exit ${run.status}): ${run.stderr}`);
    return run.stdout;
  };
  cli(['seed', 'demo']);

  let output = '';
  const server = spawn(process.execPath, ['--no-deprecation', SERVER], { cwd: ROOT, env });
  server.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  server.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (server.exitCode === null) {
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      await exited;
    }
    await ownAzurite?.stop();
    fs.rmSync(envDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(`${baseUrl}/healthz`, server, () => output);
  } catch (err) {
    await stop();
    throw err;
  }
  return { baseUrl, env, cli, serverOutput: () => output, stop };
}
