import { reachable } from '../../src/app/pulse/deliver-pulse-cards';
import { queuedPulseCards } from '../../src/app/pulse/queued-pulse-cards';
import { surveyCardChoice } from '../../src/app/pulse/survey-card-kinds';
import { getConfig } from '../../src/config/config';
import { cardFanOut } from '../../src/delivery/card-fan-out';
import { createCardQueue } from '../../src/delivery/card-queue';
import { createStorage } from '../../src/storage/storage';

/**
 * One pulse's invitation fan-out, run in a process of its own when told "go" on stdin, as the
 * instance that received "pulse start" would run it, with the recipients already read: the
 * benchmark times it from "go", with the fake connector in another process, so neither one's
 * work delays the other's clock.
 * It says "rows written N" and "queued so far N" after each batch.
 * Env: the storage settings, FANOUT_COLLABORATIVE, FANOUT_PULSE.
 */
async function main(): Promise<void> {
  const config = getConfig();
  const storage = createStorage(config);
  const queue = createCardQueue(config.storage);
  const scope = { collaborativeId: process.env.FANOUT_COLLABORATIVE!, pulseId: process.env.FANOUT_PULSE! };
  // The recipients are read before "go": `pulse start` has read them (and checked the pulse)
  // before it calls the fan-out, and the benchmark times the fan-out and the sending.
  const recipients = reachable(await storage.members.list(scope.collaborativeId));
  process.stdout.write('ready\n');
  await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
  // Each batch of rows written and of messages queued is said on stdout, so a test can stop the
  // process part-way; FANOUT_QUEUE_DELAY_MS makes the queue slow after the first batch.
  const slowQueueMs = Number(process.env.FANOUT_QUEUE_DELAY_MS ?? 0);
  let written = 0;
  let queued = 0;
  const deliveries = {
    list: storage.deliveries.list.bind(storage.deliveries),
    addPending: (...[at, ids, options]: Parameters<typeof storage.deliveries.addPending>) =>
      storage.deliveries.addPending(at, ids, {
        ...options,
        onAdded: async (etags) => {
          written += etags.size;
          process.stdout.write(`rows written ${written}\n`);
          await options?.onAdded?.(etags);
        },
      }),
  };
  const saying = {
    approximateCount: () => queue.approximateCount(),
    enqueue: async (texts: readonly string[], delaySeconds?: number, parallel?: number) => {
      if (queued > 0 && slowQueueMs > 0) await new Promise((resolve) => setTimeout(resolve, slowQueueMs));
      await queue.enqueue(texts, delaySeconds, parallel);
      queued += texts.length;
      process.stdout.write(`queued so far ${queued}\n`);
    },
  };
  const clock = () => new Date();
  const fanOut = cardFanOut({ ...storage, deliveries, queue: saying, ratePerTenant: Number(process.env.DELIVERY_RATE_PER_TENANT ?? 50), clock });
  const summary = await queuedPulseCards({ fanOut, jobs: storage.jobs, clock })({
    scope,
    recipients,
    // Through the queue the card is prepared by its kind as it goes: nothing is built here.
    card: { ...surveyCardChoice(false), cardFor: () => ({}) as never },
    purpose: 'invite',
  });
  process.stdout.write(`queued ${summary.queued}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  },
);
