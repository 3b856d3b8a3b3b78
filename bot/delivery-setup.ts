import { registerRetentionJobs } from '../src/app/data-protection/retention-job';
import { registerInterventionCardKinds } from '../src/app/interventions/intervention-card-kinds';
import { registerInterventionJobs } from '../src/app/interventions/intervention-jobs';
import { registerPulseJobs } from '../src/app/pulse/jobs/register-pulse-jobs';
import { pulseScheduler } from '../src/app/pulse/jobs/pulse-jobs';
import type { DeliverPulseCards } from '../src/app/pulse/deliver-pulse-cards';
import { PulseContexts } from '../src/app/pulse/pulse-context';
import { queuedPulseCards } from '../src/app/pulse/queued-pulse-cards';
import type { PulseScheduler } from '../src/app/pulse/start-pulse';
import { registerSurveyCardKinds } from '../src/app/pulse/survey-card-kinds';
import { systemClock, type CardSender, type CardUpdater, type Clock, type DeliveryMetrics } from '../src/app/ports';
import { registerTransitionCardKinds, registerTransitionJobs } from '../src/app/transitions';
import type { StorageConfig } from '../src/config/config';
import type { DeliveryConfig } from '../src/config/delivery-config';
import { createCardQueue } from '../src/delivery/card-queue';
import { createDeliveryEngine, type DeliveryEngine, type DeliveryEngineOptions } from '../src/delivery/delivery-engine';
import type { Storage } from '../src/storage/storage';
import { loggerOf } from './bot-deps';
import type { LogLine } from './card-replies';
import { registerTransitionWork, wireTransitions, type FamilyLinkSettings } from './transition-setup';

/**
 * Where the delivery engine and the use-cases meet, the one place that joins them: the engine
 * (src/delivery) knows how to queue, pace and send and how to run timed work by kind; the
 * use-cases say what is sent (the survey invitation and reminder, the intervention owners'
 * reminder, as card kinds) and what timed work there is (a pulse's reminders, close and
 * invitation check; a collaborative's daily interventions run with its weekly digest). A new
 * kind of card or of timed work is registered here, next to these.
 */

/** What wiring a pulse's delivery takes: the engine's options, and the tab's link for closing summaries. */
export interface PulseDeliveryOptions extends DeliveryEngineOptions {
  /** Deep link to the results tab, for the closing summary. */
  tabUrl: string;
  /** Transition checks' family links (their retention job deletes them); none are made without a link secret. */
  familyLinks?: FamilyLinkSettings;
}

/** The engine with the survey's card kinds and the pulse's timed work registered, and what the use-cases call. */
export interface PulseDelivery extends DeliveryEngine {
  /**
   * The fan-out through the queue, for startPulse and remindPulse in a bot turn: it answers
   * once the first cards are queued and queues the rest in the background.
   */
  deliver: DeliverPulseCards;
  /** Records a new pulse's reminders and close; makes its invitation check due for people who can now be reached. */
  scheduler: PulseScheduler;
}

/** Builds the engine and registers the pulse's card kinds and timed work in it; call start() next. */
export function wirePulseDelivery(options: PulseDeliveryOptions): PulseDelivery {
  const { tabUrl, ...engineOptions } = options;
  const engine = createDeliveryEngine(engineOptions);
  const { storage, config, log } = options;
  const clock = options.clock ?? systemClock;
  const quiet = config.quietHours ? { quietHours: config.quietHours } : {};
  const contexts = new PulseContexts(storage, clock);
  registerSurveyCardKinds(engine.cardKinds, { contexts, submissions: storage.submissions, respondentKey: storage.respondentKey, ...quiet, clock });
  const pulseCards = (answerEarly: boolean) => queuedPulseCards({ fanOut: engine.fanOut, jobs: storage.jobs, ...quiet, clock }, { answerEarly });
  registerPulseJobs(engine.jobKinds, {
    storage,
    // Timed work waits for its whole round; a command in a bot turn answers once the first
    // cards are queued, with a timed job to mend a round left half-queued.
    deliver: pulseCards(false),
    fanOut: engine.fanOut,
    sender: engine.pacedSender,
    contexts,
    tabUrl,
    leaseMs: config.leaseSeconds * 1000,
    ...quiet,
    timeZone: config.timeZone,
    clock,
    log,
  });
  registerInterventionCardKinds(engine.cardKinds, { storage, tabUrl, ...quiet, clock });
  registerInterventionJobs(engine.jobKinds, { storage, fanOut: engine.fanOut, sender: engine.pacedSender, tabUrl, ...quiet, clock, log });
  // A transition check's staff card, and its close and family-answer retention.
  registerTransitionCardKinds(engine.cardKinds, { storage });
  // The check's card is replaced in place (the raw sender can update); its weak alert is paced like other posts.
  const updater = options.sender as CardSender & Partial<CardUpdater>;
  if (updater.updateCard) {
    const transitions = wireTransitions({
      storage,
      sender: { sendToMember: (m, c) => engine.pacedSender.sendToMember(m, c), sendToChannel: (co, c) => engine.pacedSender.sendToChannel(co, c), updateCard: (p, c) => updater.updateCard!(p, c) },
      familyLinks: options.familyLinks ?? { publicUrl: '' },
      tabUrl,
      clock,
      log,
      deliver: pulseCards(false),
    });
    registerTransitionWork(engine.jobKinds, transitions);
  } else {
    registerTransitionJobs(engine.jobKinds, { storage, clock, log });
  }
  // What the collaborative's retention keeps no longer, every night.
  registerRetentionJobs(engine.jobKinds, { storage, clock });
  return { ...engine, deliver: pulseCards(true), scheduler: pulseScheduler(storage.jobs, clock) };
}

/** What the delivery engine of a server (or worker-only) process is built from. */
export interface DeliverySetup {
  storage: Storage;
  storageConfig: StorageConfig;
  delivery: DeliveryConfig;
  tabUrl: string;
  familyLinks?: FamilyLinkSettings;
  log: LogLine;
  clock?: Clock;
  instanceId?: string;
  /** Counts card outcomes, 429s and job runs (telemetry's, when it is on). */
  metrics?: DeliveryMetrics;
}

/** The wired engine over a sender: what createBotApp's `delivery` option takes. */
export function deliveryEngineFactory(setup: DeliverySetup): (sender: CardSender) => PulseDelivery {
  return (sender) =>
    wirePulseDelivery({
      storage: setup.storage,
      queue: createCardQueue(setup.storageConfig),
      sender,
      config: setup.delivery,
      tabUrl: setup.tabUrl,
      ...(setup.familyLinks ? { familyLinks: setup.familyLinks } : {}),
      log: loggerOf(setup.log),
      ...(setup.clock ? { clock: setup.clock } : {}),
      ...(setup.instanceId ? { instanceId: setup.instanceId } : {}),
      ...(setup.metrics ? { metrics: setup.metrics } : {}),
    });
}

/**
 * Starts the engine, and keeps trying every few seconds while storage cannot be reached yet
 * (Azurite still starting, a network blip): a server must not refuse to start for that, and
 * /healthz already says whether storage is reachable.
 */
export async function startDelivery(engine: Pick<DeliveryEngine, 'start'>, log: LogLine): Promise<void> {
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
