import type { PulseScope } from '../../domain/model/pulse';
import type { Storage } from '../../storage/storage';
import type { Clock, Logger } from '../ports';
import type { DeliverPulseCards } from '../pulse/deliver-pulse-cards';

/**
 * What the transition use-cases share: storage (narrowed in each use-case's own deps), the
 * clock, the log, how staff cards go out, and the family links (src/app/family).
 */

/** One family link as issued (the agreed shape of src/app/family/issue-family-links.ts). */
export interface FamilyLinkView {
  linkId: string;
  url: string;
  expiresAt: string;
  used: boolean;
  qrSvg: string;
}

/**
 * The family links of a check, as the transition use-cases need them. The bot wires it over
 * the family use-cases: issue = issueFamilyLinks(deps, scope, count), list = listFamilyLinks,
 * deleteAll deletes the scope's FamilyLinks rows (the retention job).
 */
export interface FamilyLinksPort {
  issue(scope: PulseScope, count: number): Promise<FamilyLinkView[]>;
  list(scope: PulseScope): Promise<FamilyLinkView[]>;
  /** Deletes every link of the scope; how many were deleted. */
  deleteAll(scope: PulseScope): Promise<number>;
}

/** The string whose respondent-key HMAC is a family link's respondent key (agreed design). */
export function familyRespondentId(linkId: string): string {
  return `family-link:${linkId}`;
}

/** The storage every transition use-case may touch. */
export type TransitionStorage = Pick<
  Storage,
  'collaboratives' | 'workgroups' | 'members' | 'pulses' | 'transitions' | 'deliveries' | 'submissions' | 'responses' | 'audit' | 'jobs' | 'respondentKey' | 'releasePending'
>;

/** Dependencies of the transition use-cases: `useCase(deps, actor?, input)`. */
export interface TransitionDeps {
  storage: TransitionStorage;
  clock: Clock;
  log: Logger;
  /** How staff cards go out (the bot passes the queue fan-out; tests may send directly). */
  deliver: DeliverPulseCards;
  familyLinks: FamilyLinksPort;
}
