import type restify from 'restify';
import { auditTrailFor } from '../app/data-protection/audit-trail';
import type { CollaborativeAccess } from '../app/results/collaborative-access';
import type { SignedInPerson } from '../app/results/signed-in-person';
import { auditTrailQuerySchema, type AuditTrailResponse } from '../contract/audit-contract';
import { auditCsv } from '../domain/audit-csv';
import type { Storage } from '../storage/storage';
import { input, queryOf, signedInRoute, type RouteKit } from './route-kit';

/**
 * The audit trail for the tab (src/contract/audit-contract.ts): facilitators only, decided
 * by the use-case. Both routes only read.
 */
export interface AuditRouteDeps {
  storage: Pick<Storage, 'collaboratives' | 'audit'>;
  collaborativeOf(req: restify.Request, person: SignedInPerson): Promise<CollaborativeAccess>;
}

/** Mounts GET /api/collaboratives/:id/audit and /audit.csv on `server`. */
export function registerAuditRoutes(server: restify.Server, kit: RouteKit, deps: AuditRouteDeps): void {
  server.get(
    '/api/collaboratives/:id/audit',
    signedInRoute(kit, async (req, person) => {
      const access = await deps.collaborativeOf(req, person);
      const { since } = input(queryOf(req), auditTrailQuerySchema, 'audit filter (?since=YYYY-MM-DD)');
      const entries = await auditTrailFor(deps.storage, access, since);
      const body: AuditTrailResponse = { collaborativeId: access.collaborative.id, entries: entries.map(({ collaborativeId: _c, ...entry }) => entry) };
      return { json: body };
    }),
  );
  server.get(
    '/api/collaboratives/:id/audit.csv',
    signedInRoute(kit, async (req, person) => {
      const access = await deps.collaborativeOf(req, person);
      const body = auditCsv(await auditTrailFor(deps.storage, access));
      return { file: { filename: `rc-pulse-${access.collaborative.id}-audit.csv`, contentType: 'text/csv; charset=utf-8', body } };
    }),
  );
}
