import { familyRespondentId } from '../../domain/model/family-link';
import type { PulseScope } from '../../domain/model/pulse';
import { issueFamilyLinks, listFamilyLinks, type FamilyLinkDeps, type FamilyLinkView } from '../family/issue-family-links';
import type { Storage } from '../../storage/storage';
import type { Clock, Logger } from '../ports';
import type { DeliverPulseCards } from '../pulse/deliver-pulse-cards';

/**
 * What the transition use-cases share: storage (narrowed in each use-case's own deps), the
 * clock, the log, how staff cards go out, and the family links (src/app/family).
 */

/** One family link as issued (src/app/family/issue-family-links.ts). */
export type { FamilyLinkView };

/**
 * The family links of a check, as the transition use-cases need them. The bot wires it over
 * the family use-cases (familyLinksPort): issue = issueFamilyLinks(deps, scope, count), list =
 * listFamilyLinks. (Retention deletes the FamilyLinks rows through storage itself.)
 */
export interface FamilyLinksPort {
  /**
   * Why no link can be made on this server (it has no link secret), or undefined when they
   * can: a check that asks for links is then refused before anything is stored.
   */
  unavailable?: () => Error;
  issue(scope: PulseScope, count: number): Promise<FamilyLinkView[]>;
  list(scope: PulseScope): Promise<FamilyLinkView[]>;
}

/** The string whose respondent-key HMAC is a family link's respondent key (domain/model/family-link.ts). */
export { familyRespondentId };

/** The family use-cases as the port: what the bot and the server pass as `familyLinks`. */
export function familyLinksPort(deps: FamilyLinkDeps): FamilyLinksPort {
  return {
    issue: (scope, count) => issueFamilyLinks(deps, scope, count),
    list: (scope) => listFamilyLinks(deps, scope),
  };
}

/** The storage every transition use-case may touch. */
export type TransitionStorage = Pick<
  Storage,
  'collaboratives' | 'workgroups' | 'members' | 'pulses' | 'transitions' | 'deliveries' | 'submissions' | 'responses' | 'audit' | 'jobs' | 'familyLinks' | 'respondentKey' | 'releasePending'
>;

/** Dependencies of the transition use-cases: `useCase(deps, actor?, input)`. */
export interface TransitionDeps {
  storage: TransitionStorage;
  clock: Clock;
  log: Logger;
  /** How staff cards go out (the bot passes the queue fan-out; tests may send directly). */
  deliver: DeliverPulseCards;
  familyLinks: FamilyLinksPort;
  /**
   * Called once per check when it has closed and its figures are stored, whoever closed it (the
   * bot posts the check's result and any weak alert in the channel from transitionCheckView).
   * A once-marker makes it one call across instances; a failure is logged, the close stands.
   */
  announce?: (scope: PulseScope) => Promise<void>;
}
