import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/**
 * Delivery workers as separate processes (bot/worker.ts through tsx, so no build is needed),
 * sharing one Azurite: how the integration tests and the benchmark run "several instances".
 */

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * The fan-out of one pulse in a process of its own (tests/support/fan-out-process.ts), ready
 * and waiting: write a line to its stdin to start it.
 */
export async function startFanOutProcess(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'tests', 'support', 'fan-out-process.ts')], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString('utf8').includes('ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the fan-out process exited (${code}) before it was ready`)));
  });
  return child;
}

/** A running worker process. */
export interface WorkerProcess {
  instanceId: string;
  child: ChildProcess;
  /** Everything it wrote to stderr (warnings), for a failing test to show. */
  log: string[];
  /** Resolves with the exit code (or null when killed by a signal). */
  exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts one worker with `env` on top of this process's, and waits until it says it runs. */
export async function startWorkerProcess(instanceId: string, env: Record<string, string>): Promise<WorkerProcess> {
  // RC_WORKER_PROFILE=/some/dir writes each worker's CPU profile there, to see where its time goes.
  const child = spawn(process.execPath, [...(process.env.RC_WORKER_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.RC_WORKER_PROFILE}`] : []), '--import', 'tsx', path.join(ROOT, 'bot', 'worker.ts')], {
    cwd: ROOT,
    env: { ...process.env, ...env, RC_PULSE_INSTANCE: instanceId },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => log.push(chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker ${instanceId} did not start within 30 s: ${log.join('')}`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString('utf8').includes('is running')) {
        clearTimeout(timer);
        resolve();
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`worker ${instanceId} exited (${code}) before it started: ${log.join('')}`));
    });
  });
  return {
    instanceId,
    child,
    log,
    exited,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
