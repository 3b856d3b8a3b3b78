import type restify from 'restify';
import type { SignedInPerson } from '../app/results/signed-in-person';
import type { CollaborativeAccess } from '../app/results/collaborative-access';
import { UnprocessableError } from '../app/results/unprocessable-error';
import {
  closeTransition,
  startTransition,
  transitionCheckViewFor,
  transitionsSummary,
  type TransitionCheckView,
  type TransitionDeps,
} from '../app/transitions';
import type { TransitionCheckBody, TransitionStarted, TransitionsSummary } from '../contract/transitions-contract';
import { ValidationError } from '../domain/errors';
import { idSchema } from '../domain/model/primitives';
import { param, signedInRoute, type Reply, type RouteKit } from './route-kit';

/**
 * The transition checks' routes (src/contract/transitions-contract.ts). Thin: each checks the
 * sign-in and its input, calls a use-case in src/app/transitions and maps its view to the
 * contract's body. A refused reference (or any other bad start body) is a 422 with the rule's
 * own reason, and nothing is stored.
 */

export interface TransitionRouteDeps extends TransitionDeps {
  collaborativeOf(req: restify.Request, person: SignedInPerson): Promise<CollaborativeAccess>;
}

/** The check's view as its body. */
export function transitionCheckBody(view: TransitionCheckView, canClose: boolean): TransitionCheckBody {
  const { check, published } = view;
  return {
    id: check.id,
    type: check.type,
    reference: check.reference,
    status: check.status,
    startedBy: check.startedBy,
    openedAt: check.openedAt,
    closesAt: check.closesAt,
    closedAt: check.closedAt ?? null,
    closeReason: check.closeReason ?? null,
    staff: view.staff,
    familyLinks: check.familyLinks,
    reach: view.reach,
    canClose,
    published: published
      ? {
          publishedAt: published.publication.publishedAt,
          k: published.publication.k,
          staffAnswered: published.staffAnswered,
          familyAnswered: published.publication.familyAnswered,
          teamRc: published.publication.teamRc,
          familyView: published.publication.familyView,
          weakestTies: published.weakestTies.map((t) => ({ fromId: t.from, fromName: t.fromName, toId: t.to, toName: t.toName, figure: t.figure })),
          weakestDimensions: published.publication.weakestDimensions,
          alert: { weak: published.publication.alert.weak, because: published.publication.alert.because, interventions: published.interventions },
        }
      : null,
  };
}

/** A body the rules refuse is a request that cannot be done as asked: 422 with the rule's words. */
function asUnprocessable(error: unknown): unknown {
  return error instanceof ValidationError ? new UnprocessableError(error.userMessage, error.message, 'invalid_transition') : error;
}

/** Mounts the routes on `server`. */
export function registerTransitionRoutes(server: restify.Server, kit: RouteKit, deps: TransitionRouteDeps): void {
  const BASE = '/api/collaboratives/:id/transitions';
  const ONE = `${BASE}/:checkId`;
  const scopeOf = (req: restify.Request) => ({
    collaborativeId: param(req, 'id', idSchema, 'collaborative'),
    pulseId: param(req, 'checkId', idSchema, 'transition check'),
  });
  const route = (handle: (req: restify.Request, person: SignedInPerson) => Promise<Reply>) => signedInRoute(kit, handle);
  // The person as the use-cases' Actor: their name goes into the audit trail.
  const actorOf = (p: SignedInPerson) => ({ aadObjectId: p.aadObjectId, tenantId: p.tenantId, displayName: p.name });

  server.post(
    BASE,
    route(async (req, person) => {
      const access = await deps.collaborativeOf(req, person);
      const started = await startTransition(deps, actorOf(person), access.collaborative.id, req.body ?? {}).catch((e: unknown) => Promise.reject(asUnprocessable(e)));
      const view = await transitionCheckViewFor(deps, person, { collaborativeId: started.check.collaborativeId, pulseId: started.check.id });
      const body: TransitionStarted = { transition: transitionCheckBody(view, view.canClose), familyLinks: started.familyLinks, unreachable: started.unreachable };
      return { status: 201, json: body };
    }),
  );
  server.get(
    BASE,
    route(async (req, person) => {
      const access = await deps.collaborativeOf(req, person);
      const body: TransitionsSummary = await transitionsSummary(deps, access.collaborative.id);
      return { json: body };
    }),
  );
  // A check's own people may come from any Trust (guests too), so the check decides who sees it.
  server.get(
    ONE,
    route(async (req, person) => {
      const view = await transitionCheckViewFor(deps, person, scopeOf(req));
      return { json: transitionCheckBody(view, view.canClose) };
    }),
  );
  server.post(
    `${ONE}/close`,
    route(async (req, person) => {
      const scope = scopeOf(req);
      await closeTransition(deps, actorOf(person), scope);
      const view = await transitionCheckViewFor(deps, person, scope);
      return { json: transitionCheckBody(view, view.canClose) };
    }),
  );
}
