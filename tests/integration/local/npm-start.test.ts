import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { TableClient } from '@azure/data-tables';
import { azuriteConnectionString } from '../../../src/local/azurite-process';
import { freePort, isPortFree } from '../../../src/local/ports';

/**
 * `npm start` as a person uses it: the launcher from dist/ (npm start builds first), with
 * its own ports and data folder so it never meets a developer's running copy.
 */
const root = path.resolve(__dirname, '..', '..', '..');
const launcher = path.join(root, 'dist', 'src', 'local', 'start.js');

interface Started {
  child: ChildProcess;
  output: () => string;
}

function start(env: Record<string, string>): Started {
  let output = '';
  const child = spawn(process.execPath, [launcher], { cwd: root, env: { ...process.env, ...env } });
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  return { child, output: () => output };
}

async function until(check: () => boolean, what: () => string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting; output so far:\n${what()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (c) => resolve(c))));

describe('npm start', () => {
  let env: Record<string, string>;
  let dataDir: string;

  beforeAll(async () => {
    if (!fs.existsSync(launcher)) throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rc-pulse-start-'));
    env = {
      RC_PULSE_DATA_DIR: dataDir,
      PORT: String(await freePort()),
      AZURITE_TABLE_PORT: String(await freePort()),
      AZURITE_QUEUE_PORT: String(await freePort()),
      SECRET_LEDGER_HMAC_KEY: 'test-secret-for-npm-start-0123456789abcdef',
      STORAGE_NAME_PREFIX: 'rcpulse',
    };
  });

  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  const members = async () => {
    const conn = azuriteConnectionString(Number(env.AZURITE_TABLE_PORT), Number(env.AZURITE_QUEUE_PORT));
    const client = TableClient.fromConnectionString(conn, 'rcpulseMembers', { allowInsecureConnection: true });
    let n = 0;
    for await (const _ of client.listEntities()) n++;
    return n;
  };

  it('starts Azurite, seeds the demo and serves /healthz; Ctrl-C stops everything; a second start keeps the data', async () => {
    const first = start(env);
    await until(() => first.output().includes('READY'), first.output);
    const health = await fetch(`http://127.0.0.1:${env.PORT}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', checks: { storage: 'ok' } });
    const seeded = await members();
    expect(seeded).toBeGreaterThan(50);

    first.child.kill('SIGINT');
    expect(await exited(first.child)).toBe(0);
    for (const port of [env.PORT, env.AZURITE_TABLE_PORT, env.AZURITE_QUEUE_PORT]) expect(await isPortFree(Number(port))).toBe(true);

    const second = start(env);
    await until(() => second.output().includes('READY'), second.output);
    expect(await members()).toBe(seeded);
    second.child.kill('SIGINT');
    expect(await exited(second.child)).toBe(0);
  }, 120_000);

  it('says clearly which port is in use, and starts nothing', async () => {
    const blocker = net.createServer().listen(Number(env.PORT), '127.0.0.1');
    await new Promise((r) => blocker.once('listening', r));
    try {
      const run = start(env);
      expect(await exited(run.child)).toBe(1);
      expect(run.output()).toContain(`port ${env.PORT}, needed for the RC Pulse server, is already in use`);
      expect(await isPortFree(Number(env.AZURITE_TABLE_PORT))).toBe(true);
    } finally {
      blocker.close();
    }
  }, 30_000);

  it('recovers after a crash: the next start stops what the crashed one left running', async () => {
    const crashed = start(env);
    await until(() => crashed.output().includes('READY'), crashed.output);
    crashed.child.kill('SIGKILL');
    await exited(crashed.child);
    expect(await isPortFree(Number(env.AZURITE_TABLE_PORT))).toBe(false);

    const again = start(env);
    await until(() => again.output().includes('READY'), again.output);
    expect(again.output()).toMatch(/Stopped \d process\(es\) left running/);
    again.child.kill('SIGINT');
    expect(await exited(again.child)).toBe(0);
  }, 120_000);
});
