import type restify from 'restify';
import { familyLinksFor, issueFamilyLinksFor } from '../app/family/facilitator-family-links';
import { familyLinkDeps, type FamilyLinkView } from '../app/family/issue-family-links';
import type { Clock } from '../app/ports';
import type { CollaborativeAccess } from '../app/results/collaborative-access';
import type { SignedInPerson } from '../app/results/signed-in-person';
import { familyLinksRequestSchema, type FamilyLinkBody, type FamilyLinksResponse } from '../contract/family-contract';
import { idSchema } from '../domain/model/primitives';
import type { Storage } from '../storage/storage';
import { input, param, signedInRoute, type RouteKit } from './route-kit';

/**
 * The family-link routes of the tab's API (src/contract/family-contract.ts): a facilitator
 * lists a pulse's links or makes new ones, each with its QR code.
 */

export interface FamilyLinkRouteDeps {
  storage: Storage;
  linkKey: string;
  publicUrl: string;
  clock: Clock;
  collaborativeOf(req: restify.Request, person: SignedInPerson): Promise<CollaborativeAccess>;
}

function linkBody(view: FamilyLinkView): FamilyLinkBody {
  return { linkId: view.linkId, url: view.url, expiresAt: view.expiresAt, used: view.used, qrSvg: view.qrSvg };
}

/** Mounts GET and POST .../pulses/:pulseId/family-links. */
export function registerFamilyLinkRoutes(server: restify.Server, kit: RouteKit, deps: FamilyLinkRouteDeps): void {
  const links = { ...familyLinkDeps(deps.storage, { linkKey: deps.linkKey, publicUrl: deps.publicUrl, clock: deps.clock }), storage: deps.storage };
  const PATH = '/api/collaboratives/:id/pulses/:pulseId/family-links';
  server.get(
    PATH,
    signedInRoute(kit, async (req, person) => {
      const access = await deps.collaborativeOf(req, person);
      const body: FamilyLinksResponse = { links: (await familyLinksFor(links, access, param(req, 'pulseId', idSchema, 'pulse'))).map(linkBody) };
      return { json: body };
    }),
  );
  server.post(
    PATH,
    signedInRoute(kit, async (req, person) => {
      const access = await deps.collaborativeOf(req, person);
      const request = input(req.body, familyLinksRequestSchema, 'request for family links');
      const made = await issueFamilyLinksFor(links, access, param(req, 'pulseId', idSchema, 'pulse'), request);
      const body: FamilyLinksResponse = { links: made.map(linkBody) };
      return { status: 201, json: body };
    }),
  );
}
