import { getConfig } from '../src/config/config';
import { parseServerConfig } from '../src/config/server-config';
import { createStorage } from '../src/storage/storage';
import { createBotApp } from './bot-app';
import { parseBotConfig } from './bot-config';
import { describeStartupError } from './startup-error';

/**
 * Starts RC Pulse: one stateless process serving the bot (/api/messages), the tab's API and
 * /healthz. Configuration is checked once here; the process refuses to start when it is wrong.
 */
async function main(): Promise<void> {
  const config = getConfig();
  const serverConfig = parseServerConfig(process.env);
  const botConfig = parseBotConfig(process.env, serverConfig);
  const storage = createStorage(config);
  const { server, health } = createBotApp({ storage, config: botConfig });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(serverConfig.port, serverConfig.host, () => resolve());
  });
  const first = await health();
  const auth = botConfig.appId ? 'Bot Framework tokens required' : 'no app id: unauthenticated calls accepted on this loopback address';
  process.stdout.write(
    `RC Pulse is listening on ${serverConfig.publicUrl} (storage ${first.ok ? 'reachable' : 'not reachable yet: /healthz will say when it is'}; ` +
      `bot endpoint ${serverConfig.publicUrl}/api/messages, ${auth})\n`,
  );

  const stop = () => {
    // restify's close() waits for keep-alive sockets (the Teams client keeps some open), so
    // stop accepting and exit rather than wait: the process holds no state to flush.
    server.close();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`${describeStartupError(err)}\n`);
  process.exit(1);
});
