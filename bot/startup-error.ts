import { ConfigError } from '../src/config/config';
import { createJsonLog } from '../src/logging/json-log';

/** One readable paragraph for a failure at start-up: the configuration problems, or a port in use. */
export function describeStartupError(err: unknown): string {
  if (err instanceof ConfigError) return err.message;
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') {
    return `RC Pulse cannot start: the port is already in use (${(err as Error).message}). Stop the other process or set PORT.`;
  }
  return `RC Pulse cannot start: ${err instanceof Error ? err.message : String(err)}`;
}

/**
 * Runs a process's start-up. `start` resolves with what to do on SIGTERM or SIGINT; a
 * failure prints one readable paragraph (never a stack) and exits with code 1.
 */
export function runProcess(start: () => Promise<() => void>): void {
  start().then(
    (stop) => {
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
    },
    (err: unknown) => {
      process.stderr.write(`${describeStartupError(err)}\n`);
      process.exit(1);
    },
  );
}

/** Longest a stopping process waits for its own clean-up before it exits anyway. */
const STOP_DEADLINE_MS = 8_000;

/** Runs `cleanUp` (at most STOP_DEADLINE_MS), then exits with code 0 whatever it did. */
export function stopThenExit(cleanUp: () => Promise<unknown>): void {
  const deadline = setTimeout(() => process.exit(0), STOP_DEADLINE_MS);
  deadline.unref();
  cleanUp().then(
    () => process.exit(0),
    (error: unknown) => {
      createJsonLog().warn('stopping did not finish cleanly', { error: String(error) });
      process.exit(0);
    },
  );
}
