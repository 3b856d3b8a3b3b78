import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../src/local/ports';

/**
 * `npm start`'s launcher from dist/ (npm test builds first), run as a person runs it, but
 * with ports and a data folder of its own so it never meets a developer's running copy.
 */

const root = path.resolve(__dirname, '..', '..');
/** The built launcher. */
export const LAUNCHER = path.join(root, 'dist', 'src', 'local', 'start.js');

/** A running launcher and everything it has printed so far. */
export interface Launched {
  child: ChildProcess;
  output: () => string;
}

/** The settings of a test run: free ports, a fresh data folder, a fixed local secret. */
export async function launcherEnv(prefix: string): Promise<Record<string, string>> {
  if (!fs.existsSync(LAUNCHER)) throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
  return {
    RC_PULSE_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), prefix)),
    PORT: String(await freePort()),
    AZURITE_TABLE_PORT: String(await freePort()),
    AZURITE_QUEUE_PORT: String(await freePort()),
    PLAYGROUND_PORT: String(await freePort()),
    SECRET_LEDGER_HMAC_KEY: 'test-secret-for-npm-start-0123456789abcdef',
    STORAGE_NAME_PREFIX: 'rcpulse',
  };
}

/** Starts the launcher with these settings over the test process's own environment. */
export function launch(env: Record<string, string>): Launched {
  let output = '';
  const child = spawn(process.execPath, [LAUNCHER], { cwd: root, env: { ...process.env, ...env } });
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  return { child, output: () => output };
}

/** Waits until `check` holds, or fails with what the launcher printed. */
export async function until(check: () => boolean, what: () => string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting; output so far:\n${what()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Resolves with the exit code once the process has stopped. */
export const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(child.exitCode) : child.once('exit', (c) => resolve(c))));
