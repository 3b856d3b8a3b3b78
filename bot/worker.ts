import { getConfig } from '../src/config/config';
import { parseDeliveryConfig } from '../src/config/delivery-config';
import { parseServerConfig } from '../src/config/server-config';
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
  const config = getConfig();
  const botConfig = parseBotConfig(process.env, parseServerConfig(process.env));
  const delivery = parseDeliveryConfig(process.env);
  const instanceId = process.env.RC_PULSE_INSTANCE?.trim() || undefined;
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const storage = createStorage(config);
  const sender = new ProactiveSender(
    new ConnectorClient({ token: botTokenSource(botConfig), ...(instanceId ? { userAgent: `RCPulse (instance ${instanceId})` } : {}) }),
  );
  const engine = deliveryEngineFactory({ storage, storageConfig: config.storage, delivery, tabUrl: botConfig.tabUrl, log, ...(instanceId ? { instanceId } : {}) })(sender);
  await storage.ensureTables();
  await startDelivery(engine, log);
  process.stdout.write(`RC Pulse delivery worker ${engine.instanceId} is running\n`);
  // Cards waiting for their slot are given back to the queue, those on their way recorded.
  const stop = () => stopThenExit(() => engine.stop());
  return stop;
}

runProcess(main);
