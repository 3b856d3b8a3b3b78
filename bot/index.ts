// First: telemetry must patch http and the Azure SDKs before anything below loads them.
import { telemetry } from './telemetry-start';
import { parseAuthConfig } from '../src/config/auth-config';
import { getConfig } from '../src/config/config';
import { parseDeliveryConfig } from '../src/config/delivery-config';
import { parseServerConfig } from '../src/config/server-config';
import { createJsonLog } from '../src/logging/json-log';
import { createStorage } from '../src/storage/storage';
import { createBotApp } from './bot-app';
import { parseBotConfig } from './bot-config';
import { deliveryEngineFactory, startDelivery } from './delivery-setup';
import { runProcess, stopThenExit } from './startup-error';

/**
 * Starts RC Pulse: one stateless process serving the bot (/api/messages), the tab's API and
 * /healthz. Configuration is checked once here; the process refuses to start when it is wrong.
 */
async function main(): Promise<() => void> {
  const telemetryNow = telemetry();
  const config = getConfig();
  const serverConfig = parseServerConfig(process.env);
  const botConfig = parseBotConfig(process.env, serverConfig);
  const auth = parseAuthConfig(process.env, serverConfig);
  const deliveryConfig = parseDeliveryConfig(process.env);
  const storage = createStorage(config);
  const log = createJsonLog().line;
  const familyLinks = { ...(config.linkKey ? { linkKey: config.linkKey } : {}), publicUrl: serverConfig.publicUrl };
  const delivery = deliveryEngineFactory({ storage, storageConfig: config.storage, delivery: deliveryConfig, tabUrl: botConfig.tabUrl, familyLinks, log, metrics: telemetryNow.metrics });
  // "pulse schedule" reads dates and times in the delivery time zone and refuses quiet hours.
  const schedule = { timeZone: deliveryConfig.timeZone, ...(deliveryConfig.quietHours ? { quietHours: deliveryConfig.quietHours } : {}) };
  const { server, health, delivery: engine } = createBotApp({ storage, config: botConfig, auth, log, delivery, family: familyLinks, schedule });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(serverConfig.port, serverConfig.host, () => resolve());
  });
  const first = await health();
  const botAuth = botConfig.appId ? 'Bot Framework tokens required' : 'no app id: unauthenticated calls accepted on this loopback address';
  const tabAuth = auth.mode === 'development' ? 'tab sign-in: development tokens for the demo people' : 'tab sign-in: Microsoft Entra';
  process.stdout.write(
    `RC Pulse is listening on ${serverConfig.publicUrl} (storage ${first.ok ? 'reachable' : 'not reachable yet: /healthz will say when it is'}; ` +
      `bot endpoint ${serverConfig.publicUrl}/api/messages, ${botAuth}; ${tabAuth}; ` +
      `telemetry ${telemetryNow.enabled ? 'sent to Application Insights' : 'off'})\n`,
  );

  // Cards and timed work: this instance shares the queue with every other one.
  if (engine) {
    telemetryNow.observeQueueDepth(() => engine.fanOut.queueDepth());
    void startDelivery(engine, log);
  }

  const stop = () => {
    // restify's close() waits for keep-alive sockets (the Teams client keeps some open), so
    // stop accepting and exit once the delivery engine has given back what it held.
    server.close();
    stopThenExit(async () => {
      await engine?.stop();
      // What telemetry still holds (the last spans and metrics) is sent before the process goes.
      await telemetryNow.shutdown();
    });
  };
  return stop;
}

runProcess(main);
