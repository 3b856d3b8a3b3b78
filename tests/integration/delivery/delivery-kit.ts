import { botTokenSource, ConnectorClient } from '../../../bot/connector-client';
import { ProactiveSender } from '../../../bot/proactive-sender';
import { wirePulseDelivery, type PulseDelivery } from '../../../bot/delivery-setup';
import type { DeliverPulseCards, PulseCardBatch } from '../../../src/app/pulse/deliver-pulse-cards';
import { queuedPulseCards } from '../../../src/app/pulse/queued-pulse-cards';
import { surveyCards } from '../../../src/app/pulse/survey-card-kinds';
import type { Clock, Logger } from '../../../src/app/ports';
import { parseConfig } from '../../../src/config/config';
import { DEFAULT_DELIVERY_CONFIG, type DeliveryConfig } from '../../../src/config/delivery-config';
import { cardFanOut, type CardFanOutDeps } from '../../../src/delivery/card-fan-out';
import { createCardQueue, type CardQueue } from '../../../src/delivery/card-queue';
import type { Storage } from '../../../src/storage/storage';
import { chatOf, worldScope, type FanOutWorld } from '../../support/delivery-fixtures';
import { FakeConnector, type RecordedCall } from '../../support/fake-connector';
import { testConnectionString, testStorage, TEST_HMAC_KEY, uniquePrefix } from '../../support/test-storage';
import type { PulseScope } from '../../../src/domain/model/pulse';

/**
 * The delivery engine over the test Azurite (its own table prefix and queue), sending with
 * the bot's real ProactiveSender to a fake Bot Connector that enforces Teams' limits, with a
 * clock that runs in real time from wherever a test puts it.
 */

export const TAB_URL = 'https://teams.microsoft.com/l/entity/test-app/results';

/** Real time, shifted: set it to a Thursday evening and it keeps ticking from there. */
export class ShiftedClock {
  private offset = 0;
  readonly now = (): Date => new Date(Date.now() + this.offset);
  set(iso: string): void {
    this.offset = Date.parse(iso) - Date.now();
  }
  advance(ms: number): void {
    this.offset += ms;
  }
}

/** Settings for tests: Teams' real limits, short leases and quick polling. */
export const TEST_DELIVERY: DeliveryConfig = { ...DEFAULT_DELIVERY_CONFIG, leaseSeconds: 3, jobPollMs: 60_000, jobLeaseSeconds: 30, idlePollMs: 50 };

export interface DeliveryHarness {
  storage: Storage;
  /** Environment a worker process needs to share this storage and queue. */
  env: Record<string, string>;
  queue: CardQueue;
  connector: FakeConnector;
  sender: ProactiveSender;
  clock: ShiftedClock;
  warnings: { message: string; fields?: Record<string, unknown> }[];
  log: Logger;
  /** Starts an in-process engine (an instance), wired as the bot wires it; all are stopped by stop(). */
  engine(config?: Partial<DeliveryConfig>, instanceId?: string): Promise<PulseDelivery>;
  stop(): Promise<void>;
}

/** Storage, queue, a limit-enforcing fake connector and the sender; engines on demand. */
export async function deliveryHarness(): Promise<DeliveryHarness> {
  const prefix = uniquePrefix();
  const storage = await testStorage({ prefix });
  const env = { STORAGE_CONNECTION_STRING: testConnectionString(), STORAGE_NAME_PREFIX: prefix, SECRET_LEDGER_HMAC_KEY: TEST_HMAC_KEY, STORAGE_ACCOUNT_URL: '' };
  const queue = createCardQueue(parseConfig(env).storage, { retryDelayInMs: 20, maxRetryDelayInMs: 200 });
  await queue.ensure();
  const connector = await new FakeConnector().start();
  connector.enforceTeamsLimits();
  const sender = new ProactiveSender(new ConnectorClient({ token: botTokenSource({ appId: '', appType: 'MultiTenant' }) }));
  const clock = new ShiftedClock();
  const warnings: DeliveryHarness['warnings'] = [];
  const log: Logger = { warn: (message, fields) => warnings.push({ message, ...(fields ? { fields } : {}) }) };
  const engines: PulseDelivery[] = [];
  return {
    storage,
    env,
    queue,
    connector,
    sender,
    clock,
    warnings,
    log,
    async engine(config = {}, instanceId) {
      const engine = wirePulseDelivery({
        storage,
        queue,
        sender,
        config: { ...TEST_DELIVERY, ...config },
        tabUrl: TAB_URL,
        log,
        clock: clock.now,
        retryBaseMs: 40,
        ...(instanceId ? { instanceId } : {}),
      });
      await engine.start();
      engines.push(engine);
      return engine;
    },
    async stop() {
      await Promise.all(engines.map((e) => e.stop()));
      await connector.stop();
    },
  };
}

/** Cards the fake connector accepted in a person's 1:1 chat. */
export function cardsTo(connector: FakeConnector, aadObjectId: string): RecordedCall[] {
  return connector.calls.filter((c) => c.kind === 'send' && c.status === 201 && c.conversationId === chatOf(aadObjectId));
}

/** Every call (accepted or not) to a person's 1:1 chat. */
export function callsTo(connector: FakeConnector, aadObjectId: string): RecordedCall[] {
  return connector.calls.filter((c) => c.kind === 'send' && c.conversationId === chatOf(aadObjectId));
}

/** Waits until `check` passes (polling), or fails saying what it waited for. */
export async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits until no delivery of the round is pending or being sent. */
export function settled(storage: Storage, scope: PulseScope, round?: string, timeoutMs?: number): Promise<void> {
  return waitFor(`the ${round ?? 'invite'} round to settle`, async () => {
    const counts = round ? await storage.reminders.countByStatus(scope, round) : await storage.deliveries.countByStatus(scope);
    return counts.pending + counts.sending === 0;
  }, timeoutMs);
}

/** A world's invitations as `pulse start` hands them over: everyone, the survey invitation. */
export function invitations(world: FanOutWorld): PulseCardBatch {
  return { scope: worldScope(world), recipients: world.members, card: surveyCards(world.pulse, 3, [], false), purpose: 'invite' };
}

/** What a test's own fan-out may replace: the queue or the rows (to fail as it needs), the clock, the log. */
export interface FanOutParts {
  queue?: Pick<CardQueue, 'enqueue'>;
  deliveries?: CardFanOutDeps['deliveries'];
  clock?: Clock;
  log?: Logger;
}

/**
 * A pulse's cards through the queue as the use-cases call it, over parts a test chooses (the
 * harness's queue and storage otherwise), with no quiet hours and no engine: the harness's
 * engines (if any) send what it queues.
 */
export function pulseFanOut(h: DeliveryHarness, parts: FanOutParts = {}, options: { answerEarly?: boolean } = {}): DeliverPulseCards {
  const queue = parts.queue ?? h.queue;
  const clock = parts.clock ?? (() => new Date());
  const fanOut = cardFanOut({
    ...h.storage,
    ...(parts.deliveries ? { deliveries: parts.deliveries } : {}),
    queue: { enqueue: (...args) => queue.enqueue(...args), approximateCount: () => h.queue.approximateCount() },
    ratePerTenant: 50,
    clock,
    ...(parts.log ? { log: parts.log } : {}),
  });
  return queuedPulseCards({ fanOut, jobs: h.storage.jobs, clock }, options);
}
