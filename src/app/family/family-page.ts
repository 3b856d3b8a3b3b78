import { familyWording, type FamilyWording } from '../../domain/family-wording';
import { CARE_TEAM_TARGET_ID, FAMILIES_WORKGROUP_ID } from '../../domain/model/family';
import { linkExpired, type FamilyLink } from '../../domain/model/family-link';
import type { Pulse } from '../../domain/model/pulse';
import type { Ratings } from '../../domain/model/ratings';
import type { Storage } from '../../storage/storage';
import type { Clock } from '../ports';
import type { FamilyLinkSigner } from './family-link-token';
import { familyLinkUsed } from './issue-family-links';

/**
 * What the family page shows for a link: the questions, or one kind page (thank you, used,
 * expired, closed, a link that does not work, too many requests, a form that could not be
 * read). A view model: the edge draws it as HTML. Opening the page only reads.
 */

export type FamilyPageName = 'thanks' | 'closed' | 'expired' | 'used' | 'tampered' | 'busy' | 'unreadable' | 'unavailable';

/** One part of the form: the care team (a transition check) or one staff group, by name. */
export interface FamilySection {
  targetId: string;
  /** The group's name; absent for the care team, which the items' own words are about. */
  groupName?: string;
}

export type FamilyPageView =
  | {
      kind: 'form';
      wording: FamilyWording;
      sections: FamilySection[];
      /** Answers already given, when the form comes back to be put right. */
      answers?: Ratings;
      /** True when it came back because the sharing choice was missing. */
      missingSharing?: boolean;
    }
  | { kind: 'page'; page: FamilyPageName; wording: FamilyWording };

/** What the family page needs. */
export interface FamilyPageDeps {
  signer: FamilyLinkSigner;
  familyLinks: Pick<Storage['familyLinks'], 'find'>;
  pulses: Pick<Storage['pulses'], 'find'>;
  workgroups: Pick<Storage['workgroups'], 'list'>;
  submissions: Pick<Storage['submissions'], 'findLedgerEntry' | 'submit'>;
  respondentKey: Storage['respondentKey'];
  clock: Clock;
}

/** A kind page in the family's language. */
export function familyMessage(page: FamilyPageName, language?: string): FamilyPageView {
  return { kind: 'page', page, wording: familyWording(language) };
}

/** A link that may be answered, with its pulse; or the page to show instead. */
export type OpenLink = { link: FamilyLink; pulse: Pulse } | { page: FamilyPageName };

/**
 * Checks a link as far as can be done without answers: its signature first (nothing is read
 * for a changed or made-up link), then that it was issued, has not run out, and its pulse is
 * open. Both the page and the submit start here.
 */
export async function openLink(deps: Omit<FamilyPageDeps, 'submissions' | 'respondentKey' | 'workgroups'>, token: string): Promise<OpenLink> {
  const linkId = deps.signer.verify(token);
  if (!linkId) return { page: 'tampered' };
  const link = await deps.familyLinks.find(linkId);
  if (!link) return { page: 'tampered' };
  if (linkExpired(link, deps.clock())) return { page: 'expired' };
  const pulse = (await deps.pulses.find(link.collaborativeId, link.pulseId))?.value;
  if (pulse?.status !== 'open') return { page: 'closed' };
  return { link, pulse };
}

/** The parts of the form: the care team in a transition check, else each staff group asked about. */
export async function sectionsOf(deps: Pick<FamilyPageDeps, 'workgroups'>, pulse: Pulse): Promise<FamilySection[]> {
  if (pulse.kind === 'transition') return [{ targetId: CARE_TEAM_TARGET_ID }];
  const names = new Map((await deps.workgroups.list(pulse.collaborativeId)).map((w) => [w.id, w.name]));
  return pulse.targetWorkgroupIds.filter((id) => id !== FAMILIES_WORKGROUP_ID).map((id) => ({ targetId: id, groupName: names.get(id) ?? id }));
}

/** The page a GET of a link shows: the questions, or why not (a used link: the ledger says so). */
export async function openFamilyPage(deps: FamilyPageDeps, token: string, language?: string): Promise<FamilyPageView> {
  const opened = await openLink(deps, token);
  if ('page' in opened) return familyMessage(opened.page, language);
  if (await familyLinkUsed(deps, opened.link)) return familyMessage('used', language);
  return { kind: 'form', wording: familyWording(language), sections: await sectionsOf(deps, opened.pulse) };
}
