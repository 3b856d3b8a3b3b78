import { familyLinkDeps } from '../src/app/family/issue-family-links';
import type { CardSender, CardUpdater, Clock, JobKinds, Logger } from '../src/app/ports';
import type { DeliverPulseCards } from '../src/app/pulse/deliver-pulse-cards';
import { directDelivery } from '../src/app/pulse/deliver-pulse-cards';
import type { TransitionSeats } from '../src/app/survey/survey-state';
import { refreshCheckCard, registerCheckCardUpkeep, type CheckCardDeps } from '../src/app/transition-cards/check-card-posts';
import { familyLinksPort as linksOver, registerTransitionJobs, transitionSeats, type FamilyLinksPort, type TransitionDeps } from '../src/app/transitions';
import { IllegalStateError } from '../src/domain/errors';
import type { PulseScope } from '../src/domain/model/pulse';
import type { Storage } from '../src/storage/storage';

/**
 * Where transition checks meet the bot: their use-cases' dependencies (the family links over
 * the link secret and the public URL, the staff cards through the queue or directly), the
 * check's card kept up to date after each answer and each close, and their timed work.
 */

/** What family links need from the server's settings; without a link secret none can be made. */
export interface FamilyLinkSettings {
  linkKey?: string;
  publicUrl: string;
}

/** The family links of checks, over the family use-cases; without a link secret, a kind refusal. */
export function familyLinksPort(storage: Storage, settings: FamilyLinkSettings, clock: Clock): FamilyLinksPort {
  const { linkKey } = settings;
  if (linkKey) return linksOver(familyLinkDeps(storage, { linkKey, publicUrl: settings.publicUrl, clock }));
  const needed = () =>
    new IllegalStateError('Family links cannot be made on this server yet: it has no link secret (SECRET_LINK_KEY). Please start the check with 0 family links, or ask whoever runs RC Pulse.', 'no SECRET_LINK_KEY');
  return { unavailable: needed, issue: () => Promise.reject(needed()), list: () => Promise.resolve([]) };
}

/** Everything the transition parts of the bot use, built once at start-up. */
export interface TransitionWiring {
  deps: TransitionDeps;
  cards: CheckCardDeps;
  /** For the survey conversation: a check's seats, and after a staff submit the close and the card's refresh. */
  seats: TransitionSeats;
}

export interface TransitionWiringOptions {
  storage: Storage;
  sender: CardSender & CardUpdater;
  familyLinks: FamilyLinkSettings;
  tabUrl: string;
  clock: Clock;
  log: Logger;
  /** The queue fan-out; staff cards go directly without it. */
  deliver?: DeliverPulseCards;
}

/** Builds the transition checks' dependencies for the bot's handlers. */
export function wireTransitions(options: TransitionWiringOptions): TransitionWiring {
  const { storage, clock, log } = options;
  const deliver = options.deliver ?? directDelivery({ ...storage, sender: options.sender, clock, log });
  const cards: CheckCardDeps = { storage, updater: options.sender, sender: options.sender, tabUrl: options.tabUrl, clock, log };
  // Told once when a check has closed, whoever closed it (command, last answer, family page, window's end).
  const announce = async (scope: PulseScope) => void (await refreshCheckCard(cards, scope));
  const deps: TransitionDeps = { storage, clock, log, deliver, familyLinks: familyLinksPort(storage, options.familyLinks, clock), announce };
  const inner = transitionSeats(deps);
  const seats: TransitionSeats = {
    seat: (scope, aadObjectId) => inner.seat(scope, aadObjectId),
    async answered(scope) {
      // The close, if that was the last answer; then the card shows the new count (or the figures).
      await inner.answered(scope);
      await refreshCheckCard(cards, scope);
    },
  };
  return { deps, cards, seats };
}

/**
 * Registers the checks' timed work (the close at the end of the window, which announces the
 * close so the card shows the figures; family retention) and the upkeep that mends any
 * refresh that failed.
 */
export function registerTransitionWork(kinds: JobKinds, wiring: Pick<TransitionWiring, 'deps' | 'cards'>): void {
  registerTransitionJobs(kinds, wiring.deps);
  registerCheckCardUpkeep(kinds, wiring.cards);
}
