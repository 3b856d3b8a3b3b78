import type restify from 'restify';
import { z } from 'zod';
import { exportFigures, exportResponsesForTab, type TabExportDeps } from '../app/export/export-figures';
import { collaborativeView, pulseList } from '../app/results/collaborative-view';
import { compareView, type CompareView } from '../app/results/compare-view';
import { MemoCache } from '../app/results/memo-cache';
import { pulseResultsView } from '../app/results/results-view';
import type { SignedInPerson } from '../app/results/signed-in-person';
import { collaborativeOfTeam, myCollaboratives, openCollaborative, type CollaborativeAccessDeps } from '../app/results/collaborative-access';
import type { AuthConfig } from '../config/auth-config';
import { compareQuerySchema, type MeResponse, type PulsesResponse } from '../contract/api-contract';
import { idSchema } from '../domain/model/primitives';
import type { Storage } from '../storage/storage';
import { createJsonLog } from '../logging/json-log';
import { registerAuditRoutes } from './audit-routes';
import { createDevSigner } from './auth/dev-signer';
import { createTokenVerifier } from './auth/token-verifier';
import { compareBody } from './compare-mapper';
import { trendView } from '../app/results/trend-view';
import { trendQuerySchema } from '../contract/trend-contract';
import { trendBody } from './trend-mapper';
import { registerDevRoutes } from './dev-routes';
import { registerFamilyLinkRoutes } from './family-link-routes';
import { registerInterventionRoutes } from './intervention-routes';
import { registerMemberRoutes } from './member-routes';
import { registerPulseAdminRoutes, type PulseCardDeps } from './pulse-admin-routes';
import { registerTransitionRoutes } from './transition-routes';
import type { TransitionDeps } from '../app/transitions';
import type { ScheduleSettings } from '../app/pulse/schedule-pulse';
import { collaborativeBody, pulseSummary, resultsBody } from './results-mapper';
import { checked, input, param, queryOf, signedInRoute, type RouteKit } from './route-kit';

/**
 * The tab's JSON API under /api (see src/contract/api-contract.ts for every body). Thin: each
 * route checks the sign-in and its input, calls a use-case in src/app/results, and maps its
 * view to the contract's body (results-mapper.ts, compare-mapper.ts). Every GET only reads.
 */

export interface ApiDependencies {
  storage: Storage;
  auth: AuthConfig;
  /** How a transition check's staff cards go out and where its family links come from; without it the transition routes are not mounted. */
  transitions?: Pick<TransitionDeps, 'deliver' | 'familyLinks' | 'announce'>;
  /** How the facilitators' pulse routes send survey cards (start, resend); without it those two are refused kindly. */
  pulses?: PulseCardDeps;
  /** The delivery time zone and quiet hours a scheduled pulse's opening is read in (the product's defaults when not given). */
  pulseSchedule?: ScheduleSettings;
  clock?: () => Date;
  log?: (line: string) => void;
  /** Family links (SECRET_LINK_KEY and the server's public URL); without it their routes are not mounted. */
  family?: { linkKey: string; publicUrl: string };
}

/** What the caller may do with the mounted API afterwards. */
export interface ApiRoutes {
  /** Forgets computed results (benchmarks measure cold reads with it). */
  clearCaches(): void;
}

const teamIdSchema = z.string().min(1).max(200);

/** Mounts every /api route of the tab on `server` (and the development sign-in in development mode). */
export function registerApiRoutes(server: restify.Server, deps: ApiDependencies): ApiRoutes {
  const clock = deps.clock ?? (() => new Date());
  const log = deps.log ?? createJsonLog().line;
  const devSigner = deps.auth.mode === 'development' ? createDevSigner() : undefined;
  const kit: RouteKit = { verifier: createTokenVerifier(deps.auth, devSigner), log };
  const { storage } = deps;
  const access: CollaborativeAccessDeps = { collaboratives: storage.collaboratives, members: storage.members };
  const results: TabExportDeps = {
    storage,
    pulses: storage.pulses,
    workgroups: storage.workgroups,
    deliveries: storage.deliveries,
    members: storage.members,
    submissions: storage.submissions,
    responses: storage.responses,
    snapshots: storage.snapshots,
    clock,
    resultsCache: new MemoCache(),
  };
  const compareDeps = { pulses: storage.pulses, responses: storage.responses, workgroups: storage.workgroups, compareCache: new MemoCache<CompareView>() };

  const collaborativeOf = (req: restify.Request, person: SignedInPerson) =>
    openCollaborative(access, param(req, 'id', idSchema, 'collaborative'), person);
  const pulseIdOf = (req: restify.Request) => param(req, 'pulseId', idSchema, 'pulse');
  const PULSE = '/api/collaboratives/:id/pulses/:pulseId';

  server.get(
    '/api/me',
    signedInRoute(kit, async (_req, person) => {
      const body: MeResponse = {
        user: { name: person.name, id: person.aadObjectId, upn: person.upn ?? null, tenantId: person.tenantId },
        collaboratives: await myCollaboratives(access, person),
      };
      return { json: body };
    }),
  );
  server.get(
    '/api/teams/:teamId/collaborative',
    signedInRoute(kit, async (req, person) => {
      const found = await collaborativeOfTeam(access, param(req, 'teamId', teamIdSchema, 'team'), person);
      return { json: { collaborative: { id: found.collaborative.id, name: found.collaborative.name, role: found.role } } };
    }),
  );
  server.get(
    '/api/collaboratives/:id',
    signedInRoute(kit, async (req, person) => ({ json: collaborativeBody(await collaborativeView(storage, await collaborativeOf(req, person))) })),
  );
  server.get(
    '/api/collaboratives/:id/pulses',
    signedInRoute(kit, async (req, person) => {
      const body: PulsesResponse = { pulses: (await pulseList(storage, await collaborativeOf(req, person))).map(pulseSummary) };
      return { json: body };
    }),
  );
  server.get(
    `${PULSE}/results`,
    signedInRoute(kit, async (req, person) => ({ json: resultsBody(await pulseResultsView(results, await collaborativeOf(req, person), pulseIdOf(req))) })),
  );
  server.get(
    `${PULSE}/compare`,
    signedInRoute(kit, async (req, person) => {
      const found = await collaborativeOf(req, person);
      const query = input(queryOf(req), compareQuerySchema, 'comparison (?with= the earlier pulse id)');
      return { json: compareBody(await compareView(compareDeps, found, pulseIdOf(req), checked(query.with, idSchema, 'pulse to compare with'))) };
    }),
  );
  server.get(
    '/api/collaboratives/:id/trend',
    signedInRoute(kit, async (req, person) => {
      const found = await collaborativeOf(req, person);
      const query = input(queryOf(req), trendQuerySchema, 'trend (?scope= a pulse id whose scope to follow)');
      return { json: trendBody(await trendView(storage, found, checked(query.scope, idSchema, 'pulse whose scope to follow'))) };
    }),
  );
  server.get(
    `${PULSE}/export/figures.csv`,
    signedInRoute(kit, async (req, person) => ({ file: await exportFigures(results, await collaborativeOf(req, person), pulseIdOf(req), 'csv') })),
  );
  server.get(
    `${PULSE}/export/figures.xlsx`,
    signedInRoute(kit, async (req, person) => ({ file: await exportFigures(results, await collaborativeOf(req, person), pulseIdOf(req), 'xlsx') })),
  );
  server.get(
    `${PULSE}/export/responses.csv`,
    signedInRoute(kit, async (req, person) => ({ file: await exportResponsesForTab(results, await collaborativeOf(req, person), pulseIdOf(req)) })),
  );
  registerInterventionRoutes(server, kit, { storage, clock, results, compare: compareDeps, collaborativeOf });
  if (deps.transitions) {
    const warn = (message: string, fields?: Record<string, unknown>) => log(`warn ${message} ${JSON.stringify(fields ?? {})}`);
    registerTransitionRoutes(server, kit, { storage, clock, log: { warn }, ...deps.transitions, collaborativeOf });
  }
  if (deps.family) registerFamilyLinkRoutes(server, kit, { storage, ...deps.family, clock, collaborativeOf });
  registerAuditRoutes(server, kit, { storage, collaborativeOf });
  registerPulseAdminRoutes(server, kit, { storage, clock, ...(deps.pulses ? { cards: deps.pulses } : {}), ...(deps.pulseSchedule ? { schedule: deps.pulseSchedule } : {}), collaborativeOf });
  registerMemberRoutes(server, kit, { members: storage.members, workgroups: storage.workgroups, collaborativeOf });
  if (devSigner) registerDevRoutes(server, kit, devSigner);

  return {
    clearCaches() {
      results.resultsCache.clear();
      compareDeps.compareCache.clear();
    },
  };
}
