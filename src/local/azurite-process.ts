import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { waitForPort } from './ports';

/** Azurite's well-known development account (public, documented by Microsoft; not a secret). */
const ACCOUNT = 'devstoreaccount1';
const ACCOUNT_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface AzuriteOptions {
  tablePort: number;
  queuePort: number;
  /** Folder for Azurite's data; omitted = in memory (lost when it stops). */
  location?: string;
  host?: string;
  /** Where Azurite's own output goes; default: discarded. */
  log?: 'inherit' | 'ignore';
}

export interface RunningAzurite {
  connectionString: string;
  processes: ChildProcess[];
  stop(): Promise<void>;
}

/** The connection string for Azurite's table and queue services on the given ports. */
export function azuriteConnectionString(tablePort: number, queuePort: number, host = '127.0.0.1'): string {
  return [
    'DefaultEndpointsProtocol=http',
    `AccountName=${ACCOUNT}`,
    `AccountKey=${ACCOUNT_KEY}`,
    `TableEndpoint=http://${host}:${tablePort}/${ACCOUNT}`,
    `QueueEndpoint=http://${host}:${queuePort}/${ACCOUNT}`,
  ].join(';') + ';';
}

/** Stops a child process: SIGTERM, then SIGKILL if it has not gone within 3 s. */
export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Starts Azurite's table and queue services (Microsoft's Azure Storage emulator, from
 * node_modules) as child processes and waits until both accept connections. The blob
 * service is not needed. Rejects, stopping whatever did start, if either fails.
 */
export async function startAzurite(options: AzuriteOptions): Promise<RunningAzurite> {
  const host = options.host ?? '127.0.0.1';
  const persistence = options.location ? ['--location', options.location] : ['--inMemoryPersistence'];
  if (options.location) fs.mkdirSync(options.location, { recursive: true });
  const start = (service: 'table' | 'queue', port: number) =>
    spawn(
      process.execPath,
      [
        require.resolve(`azurite/dist/src/${service}/main.js`),
        `--${service}Host`, host,
        `--${service}Port`, String(port),
        '--disableTelemetry', '--silent', '--skipApiVersionCheck',
        ...persistence,
      ],
      { stdio: ['ignore', options.log ?? 'ignore', options.log ?? 'ignore'] },
    );
  const processes = [start('table', options.tablePort), start('queue', options.queuePort)];
  const stop = async () => {
    await Promise.all(processes.map(stopChild));
  };
  try {
    const exited = new Promise<never>((_, reject) =>
      processes.forEach((p) => p.once('exit', (code) => reject(new Error(`Azurite stopped as it started (exit code ${code})`)))),
    );
    await Promise.race([Promise.all([waitForPort(options.tablePort, host), waitForPort(options.queuePort, host)]), exited]);
  } catch (err) {
    await stop();
    throw err;
  }
  return { connectionString: azuriteConnectionString(options.tablePort, options.queuePort, host), processes, stop };
}
