import { randomUUID } from 'node:crypto';
import { systemClock, type CardFanOut, type CardSender, type Clock, type DeliveryMetrics, type Logger } from '../app/ports';
import type { DeliveryConfig } from '../config/delivery-config';
import type { Delivery, ReminderDelivery } from '../domain/model/delivery';
import type { Storage } from '../storage/storage';
import { deliverCard } from './card-delivery';
import { cardFanOut } from './card-fan-out';
import { CardKindRegistry } from './card-kinds';
import type { CardQueue } from './card-queue';
import { ConversationPacer } from './conversation-pacer';
import { JobKindRegistry } from './job-kinds';
import { JobWorker } from './job-worker';
import { OutcomeBatcher } from './outcome-batcher';
import { PacedSender } from './paced-sender';
import { SendWorker } from './send-worker';
import { TenantPacer } from './tenant-pacer';

/**
 * The delivery engine of one instance, wired: the queue fan-out, the sender paced with it,
 * and the two workers (cards from the queue, timed work from the Jobs table). It sends what
 * the use-cases decided: the kinds of card it can send and the kinds of timed work it runs
 * are looked up in its two registries, which the use-cases fill before start() (see
 * bot/delivery-setup.ts). Every instance runs the same engine over the same queue and
 * tables; nothing is kept in memory that another instance would need.
 */

/** What one instance's engine is built from. */
export interface DeliveryEngineOptions {
  storage: Storage;
  queue: CardQueue;
  /** Makes one attempt per call (the bot's ProactiveSender). */
  sender: CardSender;
  config: DeliveryConfig;
  log: Logger;
  clock?: Clock;
  /** Names this instance on its window claims and in logs (default: random). */
  instanceId?: string;
  /** Messages a worker holds at once. */
  maxInHand?: number;
  /** Share of the tenant rate planned for (see tenant-pacer.ts). */
  headroom?: number;
  /** First backoff ceiling for retries without Retry-After (default 500 ms; tests shorten it). */
  retryBaseMs?: number;
  /** The card kinds to send (an empty registry when absent: register into `cardKinds`). */
  cardKinds?: CardKindRegistry;
  /** The timed work to run (an empty registry when absent: register into `jobKinds`). */
  jobKinds?: JobKindRegistry;
  /** Counts card outcomes, 429s and job runs (telemetry; nothing when absent). */
  metrics?: DeliveryMetrics;
}

/** Longest a stopping instance waits for the cards in its hand to be settled. */
const STOP_WAIT_MS = 5_000;

/** One instance's delivery engine: its registries, what timed work may use, and its workers. */
export interface DeliveryEngine {
  readonly instanceId: string;
  /** The kinds of card the send worker can send; filled by the use-cases before start(). */
  readonly cardKinds: CardKindRegistry;
  /** The handlers of timed work by job kind, and upkeep; filled by the use-cases before start(). */
  readonly jobKinds: JobKindRegistry;
  /** The queue fan-out: rows first, then a message each; nudges this instance's worker. */
  readonly fanOut: CardFanOut;
  /** Sends one-off posts (a channel line, a closing summary) within the tenant's rate, with the fan-out. */
  readonly pacedSender: CardSender;
  /** Creates the queue and starts the workers (unless the configuration says not here). */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Runs due timed work now (tests, and the first look after start). */
  runDueJobs(): Promise<number>;
}

/** Builds one instance's engine; register card kinds and job kinds, then call start(). */
export function createDeliveryEngine(options: DeliveryEngineOptions): DeliveryEngine {
  const { storage, queue, config, log } = options;
  const clock = options.clock ?? systemClock;
  const instanceId = options.instanceId ?? randomUUID().slice(0, 8);
  const cardKinds = options.cardKinds ?? new CardKindRegistry();
  const jobKinds = options.jobKinds ?? new JobKindRegistry();
  const pacer = new TenantPacer({
    ratePerTenant: config.ratePerTenant,
    windows: storage.rateWindows,
    owner: instanceId,
    clock,
    log,
    ...(options.headroom ? { headroom: options.headroom } : {}),
  });
  const conversations = new ConversationPacer(clock);
  // Send outcomes share transactions per pulse and round (see outcome-batcher.ts).
  const outcomes = { invites: new OutcomeBatcher<Delivery>(storage.deliveries), reminders: new OutcomeBatcher<ReminderDelivery>(storage.reminders) };
  const cardDeps = {
    deliveries: storage.deliveries,
    reminders: storage.reminders,
    respondentKey: storage.respondentKey,
    outcomes,
    kinds: cardKinds,
    sender: options.sender,
    pacer,
    conversations,
    maxAttempts: config.maxAttempts,
    ...(options.retryBaseMs !== undefined ? { retryBaseMs: options.retryBaseMs } : {}),
    leaseMs: config.leaseSeconds * 1000,
    clock,
    log,
    ...(options.metrics ? { metrics: options.metrics } : {}),
  };

  const sendWorker = new SendWorker({
    queue,
    log,
    leaseSeconds: config.leaseSeconds,
    idlePollMs: config.idlePollMs,
    ...(options.maxInHand ? { maxInHand: options.maxInHand } : {}),
    deliver: (message) => deliverCard(cardDeps, message),
  });
  const fanOut = cardFanOut({ ...storage, queue, ratePerTenant: config.ratePerTenant, clock, log, nudge: () => sendWorker.nudge() });
  const jobWorker = new JobWorker({
    jobs: storage.jobs,
    kinds: jobKinds,
    clock,
    log,
    pollMs: config.jobPollMs,
    leaseMs: config.jobLeaseSeconds * 1000,
    ...(options.metrics ? { metrics: options.metrics } : {}),
    upkeep: async () => {
      await jobKinds.runUpkeep(log);
      // Window rows that instances which died left behind. Compared with the service's own
      // row timestamps, so real time, not the engine's clock.
      await storage.rateWindows.sweep(new Date(Date.now() - 60 * 60_000));
    },
  });

  return {
    instanceId,
    cardKinds,
    jobKinds,
    fanOut,
    pacedSender: new PacedSender(options.sender, pacer, conversations, clock),
    async start() {
      await queue.ensure();
      if (!config.runWorkers) return;
      sendWorker.start();
      jobWorker.start();
    },
    async stop() {
      await Promise.all([sendWorker.stop(), jobWorker.stop()]);
      // Cards waiting for a slot are given back (claim undone, message visible again), and
      // those already on their way are recorded, before the instance goes.
      await pacer.stop();
      if (!(await sendWorker.drained(STOP_WAIT_MS))) log.warn('stopping with cards still in hand; they come back to the queue when their lease passes');
    },
    runDueJobs: () => jobWorker.tick(),
  };
}
