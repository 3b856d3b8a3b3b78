import path from 'node:path';
import { DEMO_COLLABORATIVE } from '../app/demo/demo-data';
import { demoPlaygroundConfig } from './playground-config';

/**
 * What `npm start` prints once everything is up: where each part is, and what to try first,
 * in the Teams client in the browser and on the command line.
 */

/** The ports `npm start` uses, each from its own setting. */
export interface StartPorts {
  server: number;
  table: number;
  queue: number;
  playground: number;
}

/** What the report needs to know about the run. */
export interface StartReport {
  projectDir: string;
  dataDir: string;
  ports: StartPorts;
  serverUrl: string;
  /** The playground's address and log, or why it is not running. */
  playground: { url: string; logFile: string } | { skipped: string };
}

/** The lines to print when RC Pulse is ready, ending with READY. */
export function readyLines(report: StartReport): string[] {
  const { projectDir, dataDir, ports, serverUrl, playground } = report;
  const relative = (p: string) => path.relative(projectDir, p) || '.';
  const lines = [
    '',
    'RC Pulse is running.',
    `  Server health   ${serverUrl}/healthz`,
    `  Bot endpoint    ${serverUrl}/api/messages`,
    `  Azurite         tables 127.0.0.1:${ports.table}, queues 127.0.0.1:${ports.queue} (data in ${relative(dataDir)}/azurite)`,
  ];
  if ('url' in playground) {
    const config = demoPlaygroundConfig();
    lines.push(
      `  Teams, locally  ${playground.url} (Microsoft 365 Agents Playground; its log: ${relative(playground.logFile)})`,
      '',
      `Try a pulse in Teams: open ${playground.url} in your browser. You are ${config.currentUser.name},`,
      `the facilitator of the demo collaborative (${DEMO_COLLABORATIVE.id}).`,
      `  1. Open the team "${config.team.name}", General channel, and type:  @${config.bot.name} help`,
      `  2. Start a pulse there:  @${config.bot.name} pulse start`,
      `  3. Open your personal chat with ${config.bot.name} and answer the survey card.`,
      `  4. Back in the channel:  @${config.bot.name} pulse status`,
    );
  } else {
    lines.push(`  Teams, locally  not started: ${playground.skipped}`);
  }
  lines.push(
    '',
    'Try on the command line (in another terminal):',
    `  npx rc-pulse collaborative show ${DEMO_COLLABORATIVE.id}`,
    `  npx rc-pulse export responses --pulse demo-baseline-2024 --collaborative ${DEMO_COLLABORATIVE.id} > baseline.csv`,
    '  npx rc-pulse score baseline.csv',
    '',
    'READY (press Ctrl-C to stop everything)',
  );
  return lines;
}
