import { randomUUID } from 'node:crypto';
import type { DeliverPulseCards } from '../app/pulse/deliver-pulse-cards';
import type { PulseScheduler } from '../app/pulse/start-pulse';
import type { CardSender, Clock, Logger } from '../app/ports';
import type { DeliveryConfig } from '../config/delivery-config';
import type { Delivery, ReminderDelivery } from '../domain/model/delivery';
import type { Job } from '../domain/model/job';
import type { Storage } from '../storage/storage';
import { deliverCard } from './card-delivery';
import type { CardQueue } from './card-queue';
import { ConversationPacer } from './conversation-pacer';
import { JobWorker } from './job-worker';
import { runCloseJob } from './jobs/close-job';
import { runInviteCheckJob } from './jobs/invite-check-job';
import type { JobDeps, JobResult } from './jobs/job-deps';
import { runRemindJob } from './jobs/remind-job';
import { OutcomeBatcher } from './outcome-batcher';
import { PacedSender } from './paced-sender';
import { PulseContexts } from './pulse-context';
import { pulseScheduler, timedWorkFor } from './pulse-jobs';
import { queueDelivery } from './queue-delivery';
import { SendWorker } from './send-worker';
import { TenantPacer } from './tenant-pacer';

/**
 * The delivery engine of one instance, wired: the fan-out the use-cases call (deliver), the
 * scheduler of a new pulse's timed work, and the two workers (cards from the queue, timed
 * work from the Jobs table). Every instance runs the same engine over the same queue and
 * tables; nothing is kept in memory that another instance would need.
 */

/** What one instance's engine is built from. */
export interface DeliveryEngineOptions {
  storage: Storage;
  queue: CardQueue;
  /** Makes one attempt per call (the bot's ProactiveSender). */
  sender: CardSender;
  config: DeliveryConfig;
  /** Deep link to the results tab, for the closing summary. */
  tabUrl: string;
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
}

/** Longest a stopping instance waits for the cards in its hand to be settled. */
const STOP_WAIT_MS = 5_000;

/** One instance's delivery engine: what the use-cases call, and its workers. */
export interface DeliveryEngine {
  readonly instanceId: string;
  /**
   * The fan-out through the queue, for startPulse and remindPulse in a bot turn: it answers
   * once the first cards are queued and queues the rest in the background.
   */
  deliver: DeliverPulseCards;
  /** Records a new pulse's reminders and close. */
  scheduler: PulseScheduler;
  /** Creates the queue and starts the workers (unless the configuration says not here). */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Runs due timed work now (tests, and the first look after start). */
  runDueJobs(): Promise<number>;
}

/** Builds one instance's engine; call start() to begin working. */
export function createDeliveryEngine(options: DeliveryEngineOptions): DeliveryEngine {
  const { storage, queue, config, log } = options;
  const clock = options.clock ?? (() => new Date());
  const instanceId = options.instanceId ?? randomUUID().slice(0, 8);
  const pacer = new TenantPacer({
    ratePerTenant: config.ratePerTenant,
    windows: storage.rateWindows,
    owner: instanceId,
    clock,
    log,
    ...(options.headroom ? { headroom: options.headroom } : {}),
  });
  const conversations = new ConversationPacer(clock);
  const contexts = new PulseContexts(storage, clock);
  // Send outcomes share transactions per pulse and round (see outcome-batcher.ts).
  const outcomes = { invites: new OutcomeBatcher<Delivery>(storage.deliveries), reminders: new OutcomeBatcher<ReminderDelivery>(storage.reminders) };
  const leaseMs = config.leaseSeconds * 1000;

  const sendWorker = new SendWorker({
    queue,
    log,
    leaseSeconds: config.leaseSeconds,
    idlePollMs: config.idlePollMs,
    ...(options.maxInHand ? { maxInHand: options.maxInHand } : {}),
    deliver: (message) =>
      deliverCard(
        {
          ...storage,
          contexts,
          outcomes,
          sender: options.sender,
          pacer,
          conversations,
          maxAttempts: config.maxAttempts,
          ...(options.retryBaseMs !== undefined ? { retryBaseMs: options.retryBaseMs } : {}),
          leaseMs,
          ...(config.quietHours ? { quietHours: config.quietHours } : {}),
          clock,
          log,
        },
        message,
      ),
  });
  const fanOut = {
    ...storage,
    queue,
    ratePerTenant: config.ratePerTenant,
    ...(config.quietHours ? { quietHours: config.quietHours } : {}),
    clock,
    log,
    nudge: () => sendWorker.nudge(),
  };
  // Timed work waits for its whole round; a command in a bot turn answers once the first cards
  // are queued, with a timed job to mend a round left half-queued (see queueDelivery).
  const deliver = queueDelivery(fanOut);
  const jobDeps: JobDeps = {
    storage,
    deliver,
    queue,
    sender: new PacedSender(options.sender, pacer, conversations, clock),
    contexts,
    tabUrl: options.tabUrl,
    ratePerTenant: config.ratePerTenant,
    leaseMs,
    ...(config.quietHours ? { quietHours: config.quietHours } : {}),
    clock,
    log,
  };
  const run = (job: Job): Promise<JobResult> =>
    job.kind === 'remind' ? runRemindJob(jobDeps, job) : job.kind === 'close' ? runCloseJob(jobDeps, job) : runInviteCheckJob(jobDeps, job);
  const jobWorker = new JobWorker({
    jobs: storage.jobs,
    run,
    clock,
    log,
    pollMs: config.jobPollMs,
    leaseMs: config.jobLeaseSeconds * 1000,
    // Every open pulse has its timed work even if its start stopped half-way; window rows
    // that instances which died left behind are deleted.
    upkeep: async () => {
      for (const pulse of await storage.pulses.listByStatus('open')) if (pulse.kind === 'survey') await storage.jobs.schedule(timedWorkFor(pulse));
      // Compared with the service's own row timestamps, so real time, not the engine's clock.
      await storage.rateWindows.sweep(new Date(Date.now() - 60 * 60_000));
    },
  });

  return {
    instanceId,
    deliver: queueDelivery(fanOut, { answerEarly: true }),
    scheduler: pulseScheduler(storage.jobs, clock),
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
