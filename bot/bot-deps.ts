import type { InstallEventDeps } from '../src/app/install/install-events';
import type { DeliverPulseCards, PulseScheduler, ScheduleSettings } from '../src/app/pulse';
import { systemClock, type CardSender, type CardUpdater, type Clock, type Logger } from '../src/app/ports';
import type { TransitionSeats } from '../src/app/survey/survey-state';
import { DEFAULT_SCHEDULE_SETTINGS } from '../src/app/pulse';
import type { Storage } from '../src/storage/storage';
import type { LogLine } from './card-replies';
import { wireTransitions, type FamilyLinkSettings, type TransitionWiring } from './transition-setup';

/**
 * Everything the bot's handlers pass to the use-cases, built once at start-up: the storage
 * repositories, the clock, the proactive sender and the log. The handlers add only what the
 * activity says (who, where, which card).
 */
export interface BotDeps {
  /** The pulse and survey use-cases' dependencies (they take repositories by name). */
  app: Storage & { clock: Clock; sender: CardSender; log: Logger; deliver?: DeliverPulseCards; scheduler?: PulseScheduler; transitionSeats: TransitionSeats };
  install: InstallEventDeps;
  /** Transition checks: their use-cases' dependencies and the check's card. */
  transitions: TransitionWiring;
  /** Deep link to the results tab, for results cards. */
  tabUrl: string;
  /** Members asked for per page when recording a team (Teams allows 50 to 500). */
  rosterPageSize: number;
  /** The delivery time zone and quiet hours: a scheduled pulse's date and time are read in them. */
  schedule: ScheduleSettings;
  log: LogLine;
}


/** What createBotDeps is built from. */
export interface BotDepsOptions {
  storage: Storage;
  /** Sends cards, and replaces a posted card in place (a transition check's card). */
  sender: CardSender & CardUpdater;
  /** Family links of transition checks: the link secret and the server's public URL. */
  familyLinks?: FamilyLinkSettings;
  tabUrl: string;
  log: LogLine;
  clock?: Clock;
  rosterPageSize?: number;
  /** The queue fan-out and timed work (the delivery engine); cards go directly without them. */
  deliver?: DeliverPulseCards;
  scheduler?: PulseScheduler;
  /** From the delivery settings (DELIVERY_TIME_ZONE, DELIVERY_QUIET_HOURS); UK defaults when not given. */
  schedule?: ScheduleSettings;
}

/** The use-cases' Logger over the bot's log line; fields are ids and counts, never answers. */
export function loggerOf(log: LogLine): Logger {
  return { warn: (message, fields) => log(`warn ${message}`, fields) };
}

/** Builds the dependency bag from storage and the sender. */
export function createBotDeps(options: BotDepsOptions): BotDeps {
  const clock = options.clock ?? systemClock;
  const logger = loggerOf(options.log);
  const { storage } = options;
  const transitions = wireTransitions({
    storage,
    sender: options.sender,
    familyLinks: options.familyLinks ?? { publicUrl: '' },
    tabUrl: options.tabUrl,
    clock,
    log: logger,
    ...(options.deliver ? { deliver: options.deliver } : {}),
  });
  return {
    transitions,
    app: {
      ...storage,
      clock,
      sender: options.sender,
      log: logger,
      transitionSeats: transitions.seats,
      ...(options.deliver ? { deliver: options.deliver } : {}),
      ...(options.scheduler ? { scheduler: options.scheduler } : {}),
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
    schedule: options.schedule ?? DEFAULT_SCHEDULE_SETTINGS,
    log: options.log,
  };
}
