// First: telemetry must patch http and the Azure SDKs before anything below loads them.
import { telemetry } from './telemetry-start';
import { getConfig } from '../src/config/config';
import { parseDeliveryConfig } from '../src/config/delivery-config';
import { parseServerConfig } from '../src/config/server-config';
import { createJsonLog } from '../src/logging/json-log';
import { createStorage } from '../src/storage/storage';
import { parseBotConfig } from './bot-config';
import { botTokenSource, ConnectorClient } from './connector-client';
import { deliveryEngineFactory, startDelivery } from './delivery-setup';
import { ProactiveSender } from './proactive-sender';
import { runProcess, stopThenExit } from './startup-error';

/**
 * A delivery-only instance: the same workers every server runs (cards from the queue, timed
 * work), without the HTTP server. For scaling sending apart from the bot, and for the tests
 * and benchmark that run several instances as separate processes. RC_PULSE_INSTANCE names it.
 */
async function main(): Promise<() => void> {
  const telemetryNow = telemetry();
  const config = getConfig();
  const botConfig = parseBotConfig(process.env, parseServerConfig(process.env));
  const delivery = parseDeliveryConfig(process.env);
  const instanceId = process.env.RC_PULSE_INSTANCE?.trim() || undefined;
  const log = createJsonLog().line;
  const storage = createStorage(config);
  const sender = new ProactiveSender(
    new ConnectorClient({ token: botTokenSource(botConfig), ...(instanceId ? { userAgent: `RCPulse (instance ${instanceId})` } : {}) }),
  );
  const engine = deliveryEngineFactory({ storage, storageConfig: config.storage, delivery, tabUrl: botConfig.tabUrl, log, metrics: telemetryNow.metrics, ...(instanceId ? { instanceId } : {}) })(sender);
  telemetryNow.observeQueueDepth(() => engine.fanOut.queueDepth());
  await storage.ensureTables();
  await startDelivery(engine, log);
  process.stdout.write(`RC Pulse delivery worker ${engine.instanceId} is running\n`);
  // Cards waiting for their slot are given back to the queue, those on their way recorded.
  const stop = () =>
    stopThenExit(async () => {
      await engine.stop();
      await telemetryNow.shutdown();
    });
  return stop;
}

runProcess(main);
