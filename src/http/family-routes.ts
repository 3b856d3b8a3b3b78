import type restify from 'restify';
import { addressLimiter, type AddressLimiter } from '../app/family/address-limit';
import { familyMessage, openFamilyPage, type FamilyPageDeps, type FamilyPageView } from '../app/family/family-page';
import { familyLinkSigner } from '../app/family/family-link-token';
import { submitFamilyAnswers } from '../app/family/submit-family-answers';
import type { Clock } from '../app/ports';
import type { Storage } from '../storage/storage';
import { mapError } from './error-mapper';
import { FAMILY_PAGE_CSP, familyPageHtml, familyPageStatus } from './family-page-html';

/**
 * The family page, /f/<linkId>.<signature>: no sign-in, no cookie, no script. GET shows the
 * questions (or a kind page saying why not); POST takes the form. Every request first passes
 * the per-address limit; a changed or made-up link is turned away before anything else is read.
 */

export interface FamilyRouteDeps {
  storage: Storage;
  /** SECRET_LINK_KEY. */
  linkKey: string;
  clock?: Clock;
  log?: (line: string) => void;
  /** Requests per address per window, and the window (defaults in address-limit.ts). */
  limit?: { requests?: number; windowMs?: number };
  /** The address a request came from (default: see clientAddress). */
  addressOf?: (req: restify.Request) => string;
}

/** Answers are never cached, framed, sniffed or referred on; no cookie is ever set. */
const HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': FAMILY_PAGE_CSP,
  'Cache-Control': 'no-store',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
};

/**
 * The address of the person: behind Azure App Service (as deployed) its front end appends the
 * address it saw to X-Forwarded-For, so the last entry is the one to trust; without that header
 * (a direct connection) the socket's own address.
 */
export function clientAddress(req: restify.Request): string {
  const forwarded = req.headers['x-forwarded-for'];
  const last = (Array.isArray(forwarded) ? forwarded.join(',') : forwarded ?? '').split(',').map((s) => s.trim()).filter(Boolean).pop();
  // App Service writes "address:port" for IPv4; the port changes with every connection.
  const address = last?.replace(/^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/, '$1');
  return address || req.socket.remoteAddress || 'unknown';
}

/** Mounts GET and POST /f/:token on `server`. */
export function registerFamilyRoutes(server: restify.Server, deps: FamilyRouteDeps): void {
  const clock = deps.clock ?? (() => new Date());
  const log = deps.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const { storage } = deps;
  const page: FamilyPageDeps = {
    signer: familyLinkSigner(deps.linkKey),
    familyLinks: storage.familyLinks,
    pulses: storage.pulses,
    workgroups: storage.workgroups,
    submissions: storage.submissions,
    respondentKey: (scope, id) => storage.respondentKey(scope, id),
    clock,
  };
  const allowed: AddressLimiter = addressLimiter({
    windows: storage.rateWindows,
    secret: deps.linkKey,
    clock,
    ...(deps.limit?.requests !== undefined ? { limit: deps.limit.requests } : {}),
    ...(deps.limit?.windowMs !== undefined ? { windowMs: deps.limit.windowMs } : {}),
  });
  const addressOf = deps.addressOf ?? clientAddress;

  const handle = (view: (token: string, language: string | undefined, req: restify.Request) => Promise<FamilyPageView>): restify.RequestHandler => {
    return async (req, res) => {
      const language = req.headers['accept-language']?.split(',')[0]?.split(';')[0]?.trim();
      let shown: FamilyPageView;
      try {
        shown = (await allowed(addressOf(req))) ? await view(String((req.params as { token?: unknown }).token ?? ''), language, req) : familyMessage('busy', language);
      } catch (error) {
        const mapped = mapError(error);
        log(`error ${mapped.reference} ${req.method} /f/<link>: ${mapped.detail}`);
        shown = familyMessage('unavailable', language);
      }
      const status = familyPageStatus(shown);
      res.writeHead(status, { ...HEADERS, ...(status === 429 ? { 'Retry-After': String(Math.ceil((deps.limit?.windowMs ?? 600_000) / 1000)) } : {}) });
      res.end(familyPageHtml(shown));
    };
  };
  server.get('/f/:token', handle((token, language) => openFamilyPage(page, token, language)));
  server.post(
    '/f/:token',
    handle((token, language, req) => submitFamilyAnswers(page, token, (req.body ?? {}) as Record<string, string[]>, language)),
  );
}
