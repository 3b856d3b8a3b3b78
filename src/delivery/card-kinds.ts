import type { CardKindHandler, CardKinds, CardRequest } from '../app/ports';
import { cardKindSchema, type CardMessage } from './card-message';

/**
 * The kinds of card the delivery engine can send, one entry per kind, registered by the
 * use-cases that send them (the survey invitation and reminder: app/pulse/survey-card-kinds.ts).
 * Each entry has a zod schema for the input its queue messages carry and a `prepare` that,
 * just before the card goes, returns the card, or says it must wait, must not go (and how its
 * row ends) or is no longer due. The send worker knows only this table: it never builds a card
 * and knows nothing of surveys.
 *
 * A new kind of message (a transition check, an intervention reminder, a family-link notice)
 * is one more entry: its use-case registers it with `register('transition-check', { input,
 * prepare })` at start-up (bot/delivery-setup.ts) and queues rounds naming it. Nothing in
 * src/delivery changes.
 */
export class CardKindRegistry implements CardKinds {
  private readonly handlers = new Map<string, CardKindHandler<unknown>>();

  /** Adds a kind; a name used twice, or not lower-case words joined by hyphens, is a mistake in the wiring. */
  register<I>(kind: string, handler: CardKindHandler<I>): void {
    if (!cardKindSchema.safeParse(kind).success) throw new Error(`'${kind}' is not a card kind name (lower-case words joined by hyphens)`);
    if (this.handlers.has(kind)) throw new Error(`the card kind '${kind}' is registered twice`);
    this.handlers.set(kind, handler as CardKindHandler<unknown>);
  }

  /** The handler of a kind, if this instance knows it. */
  get(kind: string): CardKindHandler<unknown> | undefined {
    return this.handlers.get(kind);
  }

  /** Every kind registered. */
  kinds(): string[] {
    return [...this.handlers.keys()];
  }
}

/** A message with its kind's handler and its checked input, or why it cannot be prepared. */
export type FoundKind =
  | { ok: true; handler: CardKindHandler<unknown>; request: CardRequest<unknown> }
  | { ok: false; unknownKind: true }
  | { ok: false; unknownKind: false; reason: string };

/** Looks a message's kind up and checks its input against the kind's schema. */
export function findKind(kinds: Pick<CardKindRegistry, 'get'>, message: CardMessage): FoundKind {
  const handler = kinds.get(message.kind);
  if (!handler) return { ok: false, unknownKind: true };
  const input = handler.input.safeParse(message.input);
  if (!input.success) {
    const reason = input.error.issues.map((i) => `${i.path.join('.') || '(input)'}: ${i.message}`).join('; ').slice(0, 300);
    return { ok: false, unknownKind: false, reason };
  }
  const request: CardRequest<unknown> = {
    scope: { collaborativeId: message.collaborativeId, pulseId: message.pulseId },
    round: message.round,
    recipient: message.member,
    input: input.data,
  };
  return { ok: true, handler, request };
}
