import { ForbiddenError } from '../../domain/errors';
import type { PulseScope } from '../../domain/model/pulse';
import type { Storage } from '../../storage/storage';
import { recordAudit } from '../audit';
import { auditActorOf } from '../ports';
import type { CollaborativeAccess } from '../results/collaborative-access';
import { issueFamilyLinks, listFamilyLinks, type FamilyLinkDeps, type FamilyLinkView } from './issue-family-links';

/**
 * Family links from the tab: only the collaborative's facilitators may see or make them (a
 * link lets someone answer as a family). Each issue is audited with its count, never the links.
 */

function assertFacilitator(access: CollaborativeAccess): void {
  if (access.role === 'facilitator') return;
  throw new ForbiddenError(
    "Only the collaborative's facilitators can see or make family links.",
    `${access.person.aadObjectId} is not a facilitator of ${access.collaborative.id} (family links)`,
  );
}

/** The pulse's links, for a facilitator. */
export async function familyLinksFor(deps: FamilyLinkDeps, access: CollaborativeAccess, pulseId: string): Promise<FamilyLinkView[]> {
  assertFacilitator(access);
  return listFamilyLinks(deps, { collaborativeId: access.collaborative.id, pulseId });
}

/** New links for the pulse, made by a facilitator and written in the audit trail. */
export async function issueFamilyLinksFor(
  deps: FamilyLinkDeps & { storage: { audit: Pick<Storage['audit'], 'record'> } },
  access: CollaborativeAccess,
  pulseId: string,
  request: { count: number; expiresAt?: string },
): Promise<FamilyLinkView[]> {
  assertFacilitator(access);
  const scope: PulseScope = { collaborativeId: access.collaborative.id, pulseId };
  const links = await issueFamilyLinks(deps, scope, request.count, request.expiresAt ? { expiresAt: request.expiresAt } : {});
  const actor = auditActorOf({ aadObjectId: access.person.aadObjectId, displayName: access.person.name });
  await recordAudit({ storage: deps.storage, clock: deps.clock, actor }, scope.collaborativeId, 'family_links.issue', pulseId, { count: links.length });
  return links;
}
