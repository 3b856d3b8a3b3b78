import type { CardSender, Clock } from '../src/app/ports';
import type { StorageConfig } from '../src/config/config';
import type { DeliveryConfig } from '../src/config/delivery-config';
import { createCardQueue } from '../src/delivery/card-queue';
import { createDeliveryEngine, type DeliveryEngine } from '../src/delivery/delivery-engine';
import type { Storage } from '../src/storage/storage';
import { loggerOf } from './bot-deps';
import type { LogLine } from './card-replies';

/** What the delivery engine of a server (or worker-only) process is built from. */
export interface DeliverySetup {
  storage: Storage;
  storageConfig: StorageConfig;
  delivery: DeliveryConfig;
  tabUrl: string;
  log: LogLine;
  clock?: Clock;
  instanceId?: string;
}

/** The engine over a sender: what createBotApp's `delivery` option takes. */
export function deliveryEngineFactory(setup: DeliverySetup): (sender: CardSender) => DeliveryEngine {
  return (sender) =>
    createDeliveryEngine({
      storage: setup.storage,
      queue: createCardQueue(setup.storageConfig),
      sender,
      config: setup.delivery,
      tabUrl: setup.tabUrl,
      log: loggerOf(setup.log),
      ...(setup.clock ? { clock: setup.clock } : {}),
      ...(setup.instanceId ? { instanceId: setup.instanceId } : {}),
    });
}

/**
 * Starts the engine, and keeps trying every few seconds while storage cannot be reached yet
 * (Azurite still starting, a network blip): a server must not refuse to start for that, and
 * /healthz already says whether storage is reachable.
 */
export async function startDelivery(engine: DeliveryEngine, log: LogLine): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await engine.start();
      return;
    } catch (error) {
      if (attempt === 1) log(`warn the delivery engine cannot reach its queue yet; trying again every 5 s: ${String(error).split('\n')[0]}`);
      await new Promise((resolve) => setTimeout(resolve, 5000));
    }
  }
}
