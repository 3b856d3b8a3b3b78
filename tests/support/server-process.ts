import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort } from '../../src/local/ports';

/**
 * The real server (bot/index.ts through tsx, so no build is needed) as a process of its own,
 * started the way production starts it: what the tests of telemetry need, since OpenTelemetry
 * patches modules as a process loads them, which it cannot do inside a jest worker.
 */

const ROOT = path.resolve(__dirname, '..', '..');

export interface ServerProcess {
  /** e.g. http://127.0.0.1:50123 */
  url: string;
  child: ChildProcess;
  /** Everything it wrote to stderr (its log), line by line. */
  stderrLines(): string[];
  /** Everything it wrote to stdout. */
  stdout(): string;
  /** SIGTERM, then resolves with the exit code once it has gone. */
  stop(): Promise<number | null>;
}

/** Starts the server with `env` on top of this process's; resolves once it listens. */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--no-deprecation', '--import', 'tsx', path.join(ROOT, 'bot', 'index.ts')], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr!.on('data', (c: Buffer) => (err += c.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start within 60 s: ${out}${err}`)), 60_000);
    const look = setInterval(() => {
      if (!out.includes('RC Pulse is listening')) return;
      clearInterval(look);
      clearTimeout(timer);
      resolve();
    }, 50);
    void exited.then((code) => {
      clearInterval(look);
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}) before it listened: ${out}${err}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    stderrLines: () => err.split('\n').filter((l) => l.trim() !== ''),
    stdout: () => out,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
