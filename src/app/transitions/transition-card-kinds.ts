import { z } from 'zod';
import type { TransitionCheck } from '../../domain/model/transition';
import { DEFAULT_TRANSITION_K } from '../../domain/anonymity';
import { effectiveK, type Pulse } from '../../domain/model/pulse';
import type { Workgroup } from '../../domain/model/workgroup';
import type { Storage } from '../../storage/storage';
import type { CardKinds, CardPreparation, CardRequest } from '../ports';
import type { PulseCardChoice } from '../pulse/deliver-pulse-cards';
import { transitionCardFor } from './transition-staff';

/**
 * The transition check's card as a kind of card the delivery engine sends: the queue message
 * names the kind and whom it is for; the card is built when it goes, from the check as it is
 * then (a closed check sends nothing). Registered from the app (bot/delivery-setup.ts), never
 * a branch in src/delivery.
 */

/** A member of staff's card for a transition check. */
export const TRANSITION_INVITATION = 'transition-invitation';

/** The message carries nothing but whom it is for: the seat comes from the check itself. */
const inputSchema = z.object({}).strict();

/** What preparing the card reads. */
export interface TransitionCardKindDeps {
  storage: { transitions: Pick<Storage['transitions'], 'find'>; pulses: Pick<Storage['pulses'], 'find'>; workgroups: Pick<Storage['workgroups'], 'list'> };
}

/** The check's card for the queue and for sending directly. */
export function transitionCards(check: TransitionCheck, pulse: Pulse, workgroups: readonly Workgroup[]): PulseCardChoice {
  const k = effectiveK(pulse, DEFAULT_TRANSITION_K);
  return {
    kind: TRANSITION_INVITATION,
    inputFor: () => ({}),
    cardFor: (member) => transitionCardFor(check, pulse, workgroups, member.aadObjectId ?? '', k) ?? missingSeat(),
  };
}

function missingSeat(): never {
  throw new Error('a transition card was asked for someone the check does not name');
}

/** Registers the transition check's card with the engine's card kinds. */
export function registerTransitionCardKinds(kinds: CardKinds, deps: TransitionCardKindDeps): void {
  kinds.register(TRANSITION_INVITATION, { input: inputSchema, prepare: (request) => prepare(deps, request) });
}

async function prepare(deps: TransitionCardKindDeps, request: CardRequest<z.infer<typeof inputSchema>>): Promise<CardPreparation> {
  const { collaborativeId, pulseId } = request.scope;
  const [check, pulse, workgroups] = await Promise.all([
    deps.storage.transitions.find(collaborativeId, pulseId),
    deps.storage.pulses.find(collaborativeId, pulseId),
    deps.storage.workgroups.list(collaborativeId),
  ]);
  if (!check || !pulse) return { kind: 'drop', reason: 'a card for a transition check that no longer exists was dropped' };
  if (check.value.status !== 'open' || pulse.value.status !== 'open') return { kind: 'end', status: 'failed', reason: 'the transition check closed before this card was sent' };
  const card = transitionCardFor(check.value, pulse.value, workgroups, request.recipient.aadObjectId, effectiveK(pulse.value, DEFAULT_TRANSITION_K));
  if (!card) return { kind: 'end', status: 'failed', reason: 'the transition check does not name this person' };
  return { kind: 'send', card };
}
