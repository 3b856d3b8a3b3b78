import { randomBytes } from 'node:crypto';
import { DEFAULT_TRANSITION_K } from '../../domain/anonymity';
import { ValidationError } from '../../domain/errors';
import { methodFields, type Pulse } from '../../domain/model/pulse';
import { checkTransitionReference, startTransitionCheck, type TransitionCheck } from '../../domain/model/transition';
import { memberOrFacilitator } from '../access-rules';
import { recordAudit } from '../audit';
import { auditActorOf, type Actor } from '../ports';
import type { DeliverySummary } from '../pulse/deliver-pulse-cards';
import type { FamilyLinkView, TransitionDeps } from './transition-deps';
import { inviteReachableStaff, type TransitionReachView } from './transition-reach';
import { checkScope, transitionFocalProcess } from './transition-staff';
import { transitionCloseJob } from './transition-job-inputs';

/** What starting a check gives back to whoever started it. */
export interface StartTransitionResult {
  check: TransitionCheck;
  pulse: Pulse;
  /** The family links to hand on now (the url and its QR code). */
  familyLinks: FamilyLinkView[];
  /** Entra object ids of staff who cannot be reached yet (RC Pulse is not installed for them). */
  unreachable: string[];
  reach: TransitionReachView;
  /** How the staff cards went (queued, or sent directly). */
  delivery: DeliverySummary;
}

/** A new check's id: random, so it says nothing about when or by whom it was started. */
function newCheckId(): string {
  return `t-${randomBytes(8).toString('hex')}`;
}

/**
 * Starts a transition check (anyone on the collaborative's list, or a facilitator):
 * validate (the reference rule first, so its reason is what the person reads; then the
 * staff, roles, links and window) -> load the collaborative's workgroups -> decide the check
 * and its pulse (kind 'transition', the roles present as targets, k 3, the rest of the
 * method copied from the collaborative) -> save both and the close at the end of its window,
 * with an audit entry (never the reference) -> issue the family links -> send each reachable
 * member of staff their card. Nothing is stored when the input is refused, or when family
 * links are asked for on a server that cannot make them.
 */
export async function startTransition(deps: TransitionDeps, actor: Actor, collaborativeId: string, body: unknown): Promise<StartTransitionResult> {
  const { storage } = deps;
  const reference = (body as { reference?: unknown } | null | undefined)?.reference;
  if (typeof reference === 'string') {
    const check = checkTransitionReference(reference);
    if (!check.ok) throw new ValidationError(check.reason, [`reference: ${check.problem}`]);
  }
  const collaborative = (await storage.collaboratives.get(collaborativeId)).value;
  await memberOrFacilitator(storage.members, collaborative, actor);
  const active = (await storage.workgroups.list(collaborativeId)).filter((w) => !w.retiredAt);

  const now = deps.clock();
  const at = now.toISOString();
  const check = startTransitionCheck(body, { id: newCheckId(), collaborativeId, startedBy: actor.aadObjectId }, at, active.map((w) => w.id));
  // Links asked for on a server that cannot make them: said now, before a check without them is stored.
  if (check.familyLinks > 0 && deps.familyLinks.unavailable) throw deps.familyLinks.unavailable();
  const roles = [...new Set(check.staff.map((s) => s.workgroupId))];
  const draft: Pulse = {
    collaborativeId,
    id: check.id,
    kind: 'transition',
    focalProcess: transitionFocalProcess(check.type),
    targetWorkgroupIds: roles,
    status: 'draft',
    opensAt: at,
    closesAt: check.closesAt,
    reminderDays: [],
    ...methodFields(collaborative),
    // A small team: its own k, fixed now like the rest of the method.
    k: DEFAULT_TRANSITION_K,
    createdAt: at,
  };
  const pulse = (await storage.pulses.advance(await storage.pulses.create(draft), 'open', at)).value;
  await storage.transitions.create(check);
  const scope = checkScope(check);
  // Before any card: if this instance stops now, the check still closes at the end of its window.
  await storage.jobs.schedule([transitionCloseJob(scope, check.closesAt)]);
  await recordAudit({ storage, clock: () => now, actor: auditActorOf(actor) }, collaborativeId, 'transition.started', check.id, {
    type: check.type,
    staff: check.staff.length,
    roles: roles.length,
    familyLinks: check.familyLinks,
    closesAt: check.closesAt,
  });

  const familyLinks = check.familyLinks > 0 ? await deps.familyLinks.issue(scope, check.familyLinks) : [];
  const { reach, delivery } = await inviteReachableStaff(deps, scope);
  return { check, pulse, familyLinks, unreachable: reach.unreachable, reach, delivery };
}
