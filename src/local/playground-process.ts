import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { demoPlaygroundConfig, playgroundYaml } from './playground-config';
import { waitForPort } from './ports';
import { stopChild } from './azurite-process';

/**
 * The Microsoft 365 Agents Playground (the local Teams client, from node_modules) as a child
 * process: offline, no browser opened, no telemetry, Teams as the channel, pointed at the bot
 * and configured with the demo collaborative's team and people.
 */

export interface PlaygroundOptions {
  port: number;
  /** The bot's messaging endpoint, e.g. http://127.0.0.1:3978/api/messages. */
  botEndpoint: string;
  /** Its working folder: it writes its configuration there and its log to devTools/. */
  workDir: string;
  /** How long to wait for it to listen; its bundle takes a few seconds to load on a slow machine. */
  timeoutMs?: number;
}

export interface RunningPlayground {
  /** Where a person opens it, e.g. http://localhost:56150. */
  url: string;
  process: ChildProcess;
  /** Its log file (requests to and from the bot, errors). */
  logFile: string;
  stop(): Promise<void>;
}

/** The playground's file name for its configuration, in its working folder. */
export const PLAYGROUND_CONFIG_FILE = '.m365agentsplayground.yml';

/** Writes the demo configuration into `workDir` and returns the file's path. */
export function writePlaygroundConfig(workDir: string): string {
  fs.mkdirSync(workDir, { recursive: true });
  const file = path.join(workDir, PLAYGROUND_CONFIG_FILE);
  fs.writeFileSync(file, playgroundYaml(demoPlaygroundConfig()));
  return file;
}

/** Resolves with the port once `file` says "Listening on N"; rejects if the child stops first. */
async function listeningPort(file: string, child: ChildProcess, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const output = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    const match = /Listening on (\d+)/.exec(output);
    if (match) return Number(match[1]);
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the Agents Playground stopped as it started (exit code ${child.exitCode}): ${output.trim().slice(0, 500)}`);
    }
    if (Date.now() > deadline) throw new Error(`the Agents Playground did not start within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Starts the playground and waits until it listens on `port`. It would quietly move to a
 * random port when `port` is taken, so the caller checks the port first, and this refuses
 * (stopping it) if it says it listens anywhere else. Rejects if it stops while starting.
 */
export async function startPlayground(options: PlaygroundOptions): Promise<RunningPlayground> {
  const configFile = writePlaygroundConfig(options.workDir);
  const logFile = path.join(options.workDir, 'devTools', 'm365agentsplayground.log');
  const consoleFile = path.join(options.workDir, 'devTools', 'console.log');
  const loopback = path.join(__dirname, 'playground-loopback.js');
  if (!fs.existsSync(loopback)) throw new Error(`${loopback} is missing: run \`npm run build\` first`);
  const cli = require.resolve('@microsoft/m365agentsplayground/cli.js');
  const serviceUrl = `http://127.0.0.1:${options.port}/_connector`;
  // Its output goes to a file, not a pipe to us: a pipe breaks if `npm start` is killed, and
  // the playground's next write to it (its telemetry set-up writes even when disabled) would
  // crash it half-way, leaving nothing for the next start to clean up properly.
  fs.mkdirSync(path.dirname(consoleFile), { recursive: true });
  const out = fs.openSync(consoleFile, 'w');
  const child = spawn(
    process.execPath,
    ['-r', loopback, cli, '--disable-telemetry', '-p', String(options.port), '--service-url', serviceUrl],
    {
      cwd: options.workDir,
      env: {
        ...process.env,
        BOT_ENDPOINT: options.botEndpoint,
        DEFAULT_CHANNEL_ID: 'msteams',
        TEAMSAPPTESTER_BROWSER: 'none',
        M365_AGENTS_PLAYGROUND_CONFIG_PATH: configFile,
        M365_AGENTS_PLAYGROUND_LOGFILE: logFile,
      },
      stdio: ['ignore', out, out],
    },
  );
  fs.closeSync(out);
  const stop = () => stopChild(child);
  try {
    const port = await listeningPort(consoleFile, child, options.timeoutMs ?? 30_000);
    if (port !== options.port) throw new Error(`the Agents Playground took port ${port} instead of ${options.port}, which was in use`);
    await waitForPort(port);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `http://localhost:${options.port}`, process: child, logFile, stop };
}
