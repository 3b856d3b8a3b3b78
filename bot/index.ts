import { getConfig } from '../src/config/config';
import { parseServerConfig } from '../src/config/server-config';
import { storageHealth } from '../src/app/health/storage-health';
import { createServer } from '../src/http/server';
import { createStorage } from '../src/storage/storage';
import { describeStartupError } from './startup-error';

/**
 * Starts RC Pulse: one stateless process serving the bot, the tab's API and /healthz.
 * Configuration is checked once here; the process refuses to start when it is wrong.
 */
async function main(): Promise<void> {
  const config = getConfig();
  const serverConfig = parseServerConfig(process.env);
  const storage = createStorage(config);
  const health = storageHealth(storage);
  const server = createServer({ health });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(serverConfig.port, serverConfig.host, () => resolve());
  });
  const first = await health();
  process.stdout.write(
    `RC Pulse is listening on ${serverConfig.publicUrl} (storage ${first.ok ? 'reachable' : 'not reachable yet: /healthz will say when it is'})\n`,
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
