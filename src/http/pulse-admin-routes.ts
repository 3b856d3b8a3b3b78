import type restify from 'restify';
import { cancelPulse, extendPulse, resendPulse, startPulse, type StartPulseDeps } from '../app/pulse';
import { pulseAdminList } from '../app/pulse/pulse-admin-list';
import type { ScheduleSettings } from '../app/pulse/schedule-pulse';
import type { CollaborativeAccess } from '../app/results/collaborative-access';
import type { SignedInPerson } from '../app/results/signed-in-person';
import {
  pulseCancelBodySchema,
  pulseExtendBodySchema,
  pulseResendBodySchema,
  pulseStartBodySchema,
  type PulseCancelResponse,
  type PulseStartResponse,
} from '../contract/pulse-admin-contract';
import { IllegalStateError, NotFoundError } from '../domain/errors';
import { idSchema } from '../domain/model/primitives';
import type { Storage } from '../storage/storage';
import { cancelConfirmBody, pulseAdminBody, pulseItem, resendBody } from './pulse-admin-mapper';
import { actorOf, bodyOf } from './pulse-admin-body';
import { registerScheduleEditRoute, scheduleReply } from './pulse-schedule-routes';
import { DEFAULT_SCHEDULE_SETTINGS } from '../app/pulse/schedule-pulse';
import { param, signedInRoute, type Reply, type RouteKit } from './route-kit';

/**
 * The facilitators' pulse routes (src/contract/pulse-admin-contract.ts): the Pulses page's
 * list, and start, extend, resend and cancel by pulse id, each through the same use-case the
 * bot's commands use (so each is refused to anyone but a facilitator, and audited, there).
 * A body that does not fit its schema is a 400 naming the field, before anything is read.
 */

/** What starting and resending need to send cards (the bot's delivery, as the commands get it). */
export type PulseCardDeps = Pick<StartPulseDeps, 'sender' | 'deliver' | 'scheduler' | 'log'>;

export interface PulseAdminRouteDeps {
  storage: Storage;
  clock: () => Date;
  /** Without it, starting and resending are refused kindly (nothing could be sent). */
  cards?: PulseCardDeps;
  /** The delivery time zone and quiet hours a scheduled opening is read in; the product's defaults when not given. */
  schedule?: ScheduleSettings;
  collaborativeOf(req: restify.Request, person: SignedInPerson): Promise<CollaborativeAccess>;
}

const noDelivery = () => new IllegalStateError('Survey cards cannot be sent from this server, so nothing was started or sent.', 'pulse routes mounted without card delivery', 'no_delivery');

/** Mounts the routes on `server`. */
export function registerPulseAdminRoutes(server: restify.Server, kit: RouteKit, deps: PulseAdminRouteDeps): void {
  const ONE = '/api/collaboratives/:id/pulses/:pulseId';
  const app = { ...deps.storage, clock: deps.clock };
  const route = (handle: (req: restify.Request, person: SignedInPerson) => Promise<Reply>) => signedInRoute(kit, handle);
  const cardsOrRefuse = (): PulseCardDeps => {
    if (!deps.cards) throw noDelivery();
    return deps.cards;
  };
  // Membership first (403 to anyone from elsewhere); the use-case then refuses non-facilitators.
  const scopeOf = async (req: restify.Request, person: SignedInPerson) => {
    const access = await deps.collaborativeOf(req, person);
    return { collaborativeId: access.collaborative.id, pulseId: param(req, 'pulseId', idSchema, 'pulse') };
  };
  /** One pulse as the page lists it, after an action. */
  const itemOf = async (person: SignedInPerson, collaborativeId: string, pulseId: string) => {
    const entry = (await pulseAdminList(app, actorOf(person), collaborativeId)).pulses.find((e) => e.pulse.id === pulseId);
    if (!entry) throw new NotFoundError('pulse', `pulse ${pulseId} not in ${collaborativeId}`);
    return pulseItem(entry);
  };

  const schedule = { app, settings: deps.schedule ?? DEFAULT_SCHEDULE_SETTINGS, actorOf, scopeOf, itemOf };

  server.get(
    '/api/collaboratives/:id/pulse-admin',
    route(async (req, person) => {
      const access = await deps.collaborativeOf(req, person);
      return { json: pulseAdminBody(await pulseAdminList(app, actorOf(person), access.collaborative.id)) };
    }),
  );
  server.post(
    '/api/collaboratives/:id/pulses',
    route(async (req, person) => {
      const access = await deps.collaborativeOf(req, person);
      const body = bodyOf(req, pulseStartBodySchema, 'new pulse');
      const { opensAt, recurrence: _r, confirm: _c, ...options } = body;
      if (opensAt) return scheduleReply(schedule, person, access.collaborative.id, { ...body, opensAt });
      const started = await startPulse({ ...app, ...cardsOrRefuse() }, actorOf(person), access.collaborative.id, options);
      const reply: PulseStartResponse = {
        kind: 'started',
        pulse: await itemOf(person, access.collaborative.id, started.pulse.id),
        invited: started.invited,
        unreachable: started.unreachable,
        queued: started.queued !== undefined,
      };
      return { status: 201, json: reply };
    }),
  );
  server.post(
    `${ONE}/extend`,
    route(async (req, person) => {
      const scope = await scopeOf(req, person);
      const target = bodyOf(req, pulseExtendBodySchema, 'extension');
      const extended = await extendPulse(app, actorOf(person), scope.collaborativeId, target, { pulseId: scope.pulseId });
      return { json: { pulse: await itemOf(person, scope.collaborativeId, scope.pulseId), previousClosesAt: extended.previousClosesAt, remindersMoved: extended.remindersMoved } };
    }),
  );
  server.post(
    `${ONE}/resend`,
    route(async (req, person) => {
      const scope = await scopeOf(req, person);
      bodyOf(req, pulseResendBodySchema, 'resend');
      const result = await resendPulse({ ...app, ...cardsOrRefuse() }, actorOf(person), scope.collaborativeId, { pulseId: scope.pulseId });
      return { json: resendBody(result) };
    }),
  );
  server.post(
    `${ONE}/cancel`,
    route(async (req, person) => {
      const scope = await scopeOf(req, person);
      const { confirm } = bodyOf(req, pulseCancelBodySchema, 'cancel');
      const result = await cancelPulse({ ...app, schedule: deps.schedule ?? DEFAULT_SCHEDULE_SETTINGS }, actorOf(person), scope.collaborativeId, { confirmed: confirm === true, pulseId: scope.pulseId });
      const reply: PulseCancelResponse =
        result.kind === 'confirm'
          ? cancelConfirmBody(result.view, scope.collaborativeId)
          : { kind: 'cancelled', pulse: await itemOf(person, scope.collaborativeId, scope.pulseId), alreadyCancelled: result.alreadyCancelled };
      return { json: reply };
    }),
  );
  registerScheduleEditRoute(server, route, schedule);
}
