import type { InstallEventDeps } from '../src/app/install/install-events';
import type { DeliverPulseCards, PulseScheduler } from '../src/app/pulse';
import { systemClock, type CardSender, type Clock, type Logger } from '../src/app/ports';
import type { TransitionSeats } from '../src/app/survey/survey-state';
import { transitionSeats } from '../src/app/transitions/transition-seats';
import type { Storage } from '../src/storage/storage';
import type { LogLine } from './card-replies';

/**
 * Everything the bot's handlers pass to the use-cases, built once at start-up: the storage
 * repositories, the clock, the proactive sender and the log. The handlers add only what the
 * activity says (who, where, which card).
 */
export interface BotDeps {
  /** The pulse and survey use-cases' dependencies (they take repositories by name). */
  app: Storage & { clock: Clock; sender: CardSender; log: Logger; deliver?: DeliverPulseCards; scheduler?: PulseScheduler; transitionSeats: TransitionSeats };
  install: InstallEventDeps;
  /** Deep link to the results tab, for results cards. */
  tabUrl: string;
  /** Members asked for per page when recording a team (Teams allows 50 to 500). */
  rosterPageSize: number;
  log: LogLine;
}

/** What createBotDeps is built from. */
export interface BotDepsOptions {
  storage: Storage;
  sender: CardSender;
  tabUrl: string;
  log: LogLine;
  clock?: Clock;
  rosterPageSize?: number;
  /** The queue fan-out and timed work (the delivery engine); cards go directly without them. */
  deliver?: DeliverPulseCards;
  scheduler?: PulseScheduler;
}

/** The use-cases' Logger over the bot's log line; fields are ids and counts, never answers. */
export function loggerOf(log: LogLine): Logger {
  return { warn: (message, fields) => log(`warn ${message}${fields ? ` ${JSON.stringify(fields)}` : ''}`) };
}

/** Builds the dependency bag from storage and the sender. */
export function createBotDeps(options: BotDepsOptions): BotDeps {
  const clock = options.clock ?? systemClock;
  const logger = loggerOf(options.log);
  const { storage } = options;
  return {
    app: {
      ...storage,
      clock,
      sender: options.sender,
      log: logger,
      ...(options.deliver ? { deliver: options.deliver } : {}),
      ...(options.scheduler ? { scheduler: options.scheduler } : {}),
      // A transition check's staff answer its cards for the role it gives them; the last answer closes it.
      transitionSeats: transitionSeats({ storage, clock, log: logger }),
    },
    install: {
      collaboratives: storage.collaboratives,
      members: storage.members,
      organisations: storage.organisations,
      audit: storage.audit,
      pulses: storage.pulses,
      deliveries: storage.deliveries,
      sender: options.sender,
      ...(options.scheduler ? { scheduler: options.scheduler } : {}),
      clock,
      log: logger,
    },
    tabUrl: options.tabUrl,
    rosterPageSize: options.rosterPageSize ?? 200,
    log: options.log,
  };
}
