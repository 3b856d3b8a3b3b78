import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { startAzurite, type RunningAzurite } from './azurite-process';
import { ensureLocalSecret, readLocalEnv } from './local-env';
import { startPlayground, type RunningPlayground } from './playground-process';
import { isPortFree } from './ports';
import { ProcessRegistry } from './stale-processes';
import { readyLines, type StartPorts, type StartReport } from './start-report';

/**
 * `npm start`: the whole product on one machine. Starts Azurite (tables and queues, data
 * kept in .data/), seeds the demo collaborative, starts the server and waits until
 * /healthz says storage is reachable, starts the Microsoft 365 Agents Playground (a local
 * Teams client in the browser) pointed at the bot, then prints where to go. Ctrl-C stops
 * everything.
 */

const projectDir = path.resolve(__dirname, '..', '..', '..');

function say(line = ''): void {
  process.stdout.write(`${line}\n`);
}

function fail(message: string): never {
  process.stderr.write(`\nnpm start: ${message}\n`);
  process.exit(1);
}

async function checkPorts(ports: StartPorts, withPlayground: boolean): Promise<void> {
  const named: [string, number, string][] = [
    ['the RC Pulse server', ports.server, 'PORT'],
    ['Azurite (tables)', ports.table, 'AZURITE_TABLE_PORT'],
    ['Azurite (queues)', ports.queue, 'AZURITE_QUEUE_PORT'],
  ];
  // The playground would quietly move to another port: checked here so the printed address is right.
  if (withPlayground) named.push(['the Agents Playground (Teams in the browser)', ports.playground, 'PLAYGROUND_PORT']);
  const busy = [];
  for (const [what, port, variable] of named) if (!(await isPortFree(port))) busy.push({ what, port, variable });
  if (busy.length) {
    fail(
      busy.map((b) => `port ${b.port}, needed for ${b.what}, is already in use.`).join('\n') +
        '\nIs another `npm start` still running? Stop it (Ctrl-C in its terminal), or choose other ports with ' +
        busy.map((b) => b.variable).join(' / ') +
        ' in env/.env.local.user.',
    );
  }
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error('the server stopped while starting (see its message above)');
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the server did not become healthy within ${timeoutMs / 1000} s`);
}

async function main(): Promise<void> {
  const env = readLocalEnv(projectDir, process.env);
  const dataDir = path.resolve(projectDir, env.RC_PULSE_DATA_DIR ?? '.data');
  const ports: StartPorts = {
    server: Number(env.PORT ?? 3978),
    table: Number(env.AZURITE_TABLE_PORT ?? 10002),
    queue: Number(env.AZURITE_QUEUE_PORT ?? 10001),
    playground: Number(env.PLAYGROUND_PORT ?? 56150),
  };
  // The playground sends no sign-in token, which a bot with an app id rightly refuses.
  const playgroundSkipped = env.MICROSOFT_APP_ID ? 'MICROSOFT_APP_ID is set, and the playground cannot sign in to a registered bot' : undefined;
  const registry = new ProcessRegistry(dataDir);
  const orphans = await registry.stopOrphans(projectDir);
  if (orphans) say(`Stopped ${orphans} process(es) left running by an earlier start that did not shut down cleanly.`);
  await checkPorts(ports, !playgroundSkipped);

  const secretCreated = ensureLocalSecret(projectDir, env);
  if (secretCreated) say('Created env/.env.local.user with a new local secret for respondent keys (git ignores it).');

  say('Starting Azurite (Azure Storage emulator: tables and queues)...');
  let azurite: RunningAzurite;
  try {
    azurite = await startAzurite({ tablePort: ports.table, queuePort: ports.queue, location: path.join(dataDir, 'azurite') });
  } catch (err) {
    fail(`Azurite did not start: ${err instanceof Error ? err.message : String(err)}`);
  }
  const childEnv = { ...env, STORAGE_CONNECTION_STRING: azurite.connectionString, STORAGE_ACCOUNT_URL: '', PORT: String(ports.server), HOST: env.HOST ?? '127.0.0.1' };

  const children: ChildProcess[] = [];
  let playground: RunningPlayground | undefined;
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    await Promise.all([azurite.stop(), playground?.stop()]);
    registry.clear();
    process.exit(code);
  };
  process.once('SIGINT', () => {
    say('\nStopping RC Pulse...');
    void stopAll(0);
  });
  process.once('SIGTERM', () => void stopAll(0));

  say('Seeding the demo collaborative (Yorkshire and Humber)...');
  const seed = spawn(process.execPath, [path.join(projectDir, 'bin', 'rc-pulse.js'), 'seed', 'demo'], { env: childEnv, stdio: 'inherit' });
  const seedCode = await new Promise<number | null>((resolve) => seed.once('exit', resolve));
  if (seedCode !== 0) {
    process.stderr.write('npm start: the demo could not be seeded (see the message above).\n');
    await stopAll(1);
  }

  say('Starting the RC Pulse server...');
  const server = spawn(process.execPath, ['--no-deprecation', path.join(projectDir, 'dist', 'bot', 'index.js')], { env: childEnv, stdio: 'inherit' });
  children.push(server);
  registry.record([...azurite.processes, ...children].map((c) => c.pid).filter((p): p is number => p !== undefined));
  server.once('exit', (code) => {
    if (stopping) return;
    process.stderr.write(`npm start: the server stopped unexpectedly (exit code ${code}); stopping everything.\n`);
    void stopAll(1);
  });

  const base = `http://127.0.0.1:${ports.server}`;
  try {
    await waitForHealth(`${base}/healthz`, server, 30_000);
  } catch (err) {
    process.stderr.write(`npm start: ${err instanceof Error ? err.message : String(err)}\n`);
    await stopAll(1);
  }

  let report: StartReport['playground'] = { skipped: playgroundSkipped ?? '' };
  if (!playgroundSkipped) {
    say('Starting the Microsoft 365 Agents Playground (Teams in your browser, offline)...');
    try {
      playground = await startPlayground({ port: ports.playground, botEndpoint: `${base}/api/messages`, workDir: path.join(dataDir, 'playground') });
      report = { url: playground.url, logFile: playground.logFile };
      playground.process.once('exit', (code, signal) => {
        // Ctrl-C in the terminal reaches it too; only a stop of its own is news.
        if (!stopping && signal !== 'SIGINT') process.stderr.write(`npm start: the Agents Playground stopped (exit code ${code}); RC Pulse carries on without it.\n`);
      });
    } catch (err) {
      // The bot and the command line still work without it: say so and carry on.
      report = { skipped: err instanceof Error ? err.message : String(err) };
      process.stderr.write(`npm start: ${report.skipped}; RC Pulse carries on without it.\n`);
    }
    const all = [...azurite.processes, ...children, ...(playground ? [playground.process] : [])];
    registry.record(all.map((c) => c.pid).filter((p): p is number => p !== undefined));
  }
  for (const line of readyLines({ projectDir, dataDir, ports, serverUrl: base, playground: report })) say(line);
}

main().catch((err: unknown) => fail(err instanceof Error ? err.message : String(err)));
