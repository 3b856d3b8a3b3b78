import qrcode from 'qrcode-generator';
import { IllegalStateError, NotFoundError, ValidationError } from '../../domain/errors';
import { DEFAULT_LINK_DAYS, familyRespondentId, hasFamiliesVoice, MAX_LINKS_PER_ISSUE, type FamilyLink } from '../../domain/model/family-link';
import type { PulseScope } from '../../domain/model/pulse';
import type { Storage } from '../../storage/storage';
import type { Clock } from '../ports';
import { familyLinkSigner, newLinkId, type FamilyLinkSigner } from './family-link-token';

/**
 * Family links: one per family respondent, made for a pulse families answer (a transition
 * check, or a pulse with the families' voice). The starter shares each as a URL or its QR
 * code. Access (who may issue or list) is the caller's: the tab's route checks facilitators,
 * a transition check its starter.
 */

/** The address of the family page under the server's public URL. */
export const FAMILY_PAGE_PATH = '/f/';

/** What issuing and listing links need. */
export interface FamilyLinkDeps {
  pulses: Pick<Storage['pulses'], 'find'>;
  familyLinks: Pick<Storage['familyLinks'], 'create' | 'listForPulse'>;
  submissions: Pick<Storage['submissions'], 'findLedgerEntry'>;
  respondentKey: Storage['respondentKey'];
  signer: FamilyLinkSigner;
  /** The server's public URL, e.g. https://rcpulse.example.nhs.uk (no trailing slash). */
  publicUrl: string;
  clock: Clock;
}

/** One link as the starter sees it. */
export interface FamilyLinkView {
  linkId: string;
  url: string;
  expiresAt: string;
  /** True once a family has sent answers with it (from the pulse's ledger). */
  used: boolean;
  /** The link's QR code, an SVG drawn on the server. */
  qrSvg: string;
}

/** Deps from the storage layer, the link secret and the public URL. */
export function familyLinkDeps(storage: Storage, options: { linkKey: string; publicUrl: string; clock?: Clock }): FamilyLinkDeps {
  return {
    pulses: storage.pulses,
    familyLinks: storage.familyLinks,
    submissions: storage.submissions,
    respondentKey: (scope, id) => storage.respondentKey(scope, id),
    signer: familyLinkSigner(options.linkKey),
    publicUrl: options.publicUrl.replace(/\/+$/, ''),
    clock: options.clock ?? (() => new Date()),
  };
}

/**
 * Makes `count` new links for a pulse that families answer and is not closed, each working
 * once until `expiresAt` (default: 7 days from now). NotFoundError for no such pulse;
 * ValidationError for a pulse families do not answer, a bad count or expiry; IllegalStateError
 * for a closed pulse.
 */
export async function issueFamilyLinks(deps: FamilyLinkDeps, scope: PulseScope, count: number, options: { expiresAt?: string } = {}): Promise<FamilyLinkView[]> {
  if (!Number.isInteger(count) || count < 1 || count > MAX_LINKS_PER_ISSUE) {
    throw new ValidationError(`Please ask for between 1 and ${MAX_LINKS_PER_ISSUE} family links at a time.`);
  }
  const pulse = (await deps.pulses.find(scope.collaborativeId, scope.pulseId))?.value;
  if (!pulse) throw new NotFoundError('pulse', `no pulse ${scope.collaborativeId}/${scope.pulseId}`);
  if (!hasFamiliesVoice(pulse)) {
    throw new ValidationError('Families do not answer this pulse. Family links are for transition checks and for pulses that ask about the Families workgroup.');
  }
  if (pulse.status === 'closed') throw new IllegalStateError('This pulse has closed, so families can no longer answer it.', `pulse ${pulse.id} is closed`);
  const now = deps.clock();
  const expiresAt = options.expiresAt ?? new Date(now.getTime() + DEFAULT_LINK_DAYS * 86_400_000).toISOString();
  if (Number.isNaN(Date.parse(expiresAt)) || expiresAt <= now.toISOString()) {
    throw new ValidationError('A family link must run out some time after now.');
  }
  const links: FamilyLink[] = [];
  for (let i = 0; i < count; i++) {
    links.push(await deps.familyLinks.create({ ...scope, linkId: newLinkId(), issuedAt: now.toISOString(), expiresAt }));
  }
  return links.map((link) => viewOf(deps, link, false));
}

/** Every link of a pulse, oldest first, each saying whether it was used. */
export async function listFamilyLinks(deps: FamilyLinkDeps, scope: PulseScope): Promise<FamilyLinkView[]> {
  const links = await deps.familyLinks.listForPulse(scope);
  const used = await Promise.all(links.map((link) => familyLinkUsed(deps, link)));
  return links.map((link, i) => viewOf(deps, link, used[i]!));
}

/** Whether a family has sent answers with the link: the pulse's ledger says so. */
export async function familyLinkUsed(deps: Pick<FamilyLinkDeps, 'submissions' | 'respondentKey'>, link: FamilyLink): Promise<boolean> {
  const scope = { collaborativeId: link.collaborativeId, pulseId: link.pulseId };
  const entry = await deps.submissions.findLedgerEntry({ ...scope, respondentKey: deps.respondentKey(scope, familyRespondentId(link.linkId)) });
  return entry?.value.status === 'finished';
}

/** The address a link opens. */
export function familyLinkUrl(deps: Pick<FamilyLinkDeps, 'signer' | 'publicUrl'>, linkId: string): string {
  return `${deps.publicUrl}${FAMILY_PAGE_PATH}${deps.signer.token(linkId)}`;
}

function viewOf(deps: FamilyLinkDeps, link: FamilyLink, used: boolean): FamilyLinkView {
  const url = familyLinkUrl(deps, link.linkId);
  return { linkId: link.linkId, url, expiresAt: link.expiresAt, used, qrSvg: qrSvg(url) };
}

/** A QR code for a URL as a scalable SVG with a white quiet zone, readable by any phone camera. */
export function qrSvg(url: string): string {
  const code = qrcode(0, 'M');
  code.addData(url);
  code.make();
  return code.createSvgTag({ cellSize: 4, margin: 4, scalable: true });
}
