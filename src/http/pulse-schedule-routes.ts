import type restify from 'restify';
import { editScheduledPulse } from '../app/pulse/edit-scheduled-pulse';
import { schedulePulse, type SchedulePulseOptions, type ScheduleSettings, type ScheduleView } from '../app/pulse/schedule-pulse';
import type { SignedInPerson } from '../app/results/signed-in-person';
import type { Actor } from '../app/ports';
import { pulseEditBodySchema, type PulseAdminItem, type PulseStartResponse, type ScheduleViewBody } from '../contract/pulse-admin-contract';
import type { Storage } from '../storage/storage';
import type { Reply } from './route-kit';
import { bodyOf } from './pulse-admin-body';

/**
 * Scheduling from the tab: POST .../pulses with `opensAt` (a preview first, `confirm: true`
 * to save) and PATCH .../pulses/:pulseId to change a scheduled pulse, through the same
 * use-cases as the bot (facilitators only, audited there).
 */


export interface ScheduleRouteDeps {
  app: Storage & { clock: () => Date };
  settings: ScheduleSettings;
  actorOf(person: SignedInPerson): Actor;
  scopeOf(req: restify.Request, person: SignedInPerson): Promise<{ collaborativeId: string; pulseId: string }>;
  itemOf(person: SignedInPerson, collaborativeId: string, pulseId: string): Promise<PulseAdminItem>;
}

/** The schedule's view as its body ([] asking = everyone). */
export function scheduleBody(view: ScheduleView): ScheduleViewBody {
  return {
    pulseId: view.pulseId ?? null,
    title: view.title ?? null,
    focalProcess: view.focalProcess,
    opensAt: view.opensAt,
    closesAt: view.closesAt,
    asking: view.asking,
    rating: view.rating,
    recurrence: view.recurrence ?? null,
    openings: view.openings,
    warnings: view.warnings,
  };
}

/** A new pulse's body with an opening time: the preview, or (confirmed) the pulse scheduled. */
export async function scheduleReply(
  deps: ScheduleRouteDeps,
  person: SignedInPerson,
  collaborativeId: string,
  body: SchedulePulseOptions & { confirm?: boolean | undefined },
): Promise<Reply> {
  const { confirm, ...options } = body;
  const result = await schedulePulse({ ...deps.app, ...deps.settings }, deps.actorOf(person), collaborativeId, options, { confirmed: confirm === true });
  const reply: PulseStartResponse =
    result.kind === 'confirm'
      ? { kind: 'confirm', schedule: scheduleBody(result.view) }
      : { kind: 'scheduled', pulse: await deps.itemOf(person, collaborativeId, result.pulse.id), schedule: scheduleBody(result.view) };
  return { status: result.kind === 'confirm' ? 200 : 201, json: reply };
}

/** Mounts PATCH .../pulses/:pulseId. */
export function registerScheduleEditRoute(server: restify.Server, route: (handle: (req: restify.Request, person: SignedInPerson) => Promise<Reply>) => restify.RequestHandler, deps: ScheduleRouteDeps): void {
  server.patch(
    '/api/collaboratives/:id/pulses/:pulseId',
    route(async (req, person) => {
      const scope = await deps.scopeOf(req, person);
      const { recurrence, ...rest } = bodyOf(req, pulseEditBodySchema, 'change');
      // null: it no longer repeats after this one (the use-case reads an undefined recurrence so).
      const changes = { ...rest, ...(recurrence === undefined ? {} : { recurrence: recurrence ?? undefined }) } as Partial<SchedulePulseOptions>;
      const edited = await editScheduledPulse({ ...deps.app, ...deps.settings }, deps.actorOf(person), scope.collaborativeId, scope.pulseId, changes);
      return { json: { pulse: await deps.itemOf(person, scope.collaborativeId, scope.pulseId), schedule: scheduleBody(edited.view) } };
    }),
  );
}
