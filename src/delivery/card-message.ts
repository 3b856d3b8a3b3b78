import { z } from 'zod';
import type { PulseScope } from '../app/ports';
import type { Member } from '../domain/model/member';
import { conversationReferenceSchema } from '../domain/model/member';
import { deliveryRoundSchema, deliveryScopeIdSchema, INVITE_ROUND, ROUND_OF_SCOPE } from '../domain/model/delivery';
import { guidSchema, idSchema } from '../domain/model/primitives';

/**
 * One queue message per card to send. It names the card's KIND and carries that kind's INPUT,
 * both decided by the use-case that queued it; the send worker looks the kind up in the
 * card-kind registry (card-kinds.ts), which checks the input and prepares the card just before
 * it goes. It also carries what the worker needs to reach the person (their conversation
 * reference), so sending costs no roster read, and the row it is about (pulse and round).
 * Checked with zod when received: a message that does not fit is logged and deleted, never
 * allowed to stop a worker.
 */

/** A card kind's name: lower-case words joined by hyphens, e.g. 'survey-reminder'. */
export const cardKindSchema = z.string().max(60).regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'a card kind is lower-case words joined by hyphens');

const recipientSchema = z.object({
  aadObjectId: guidSchema,
  teamsUserId: z.string().min(1).max(200).optional(),
  conversationReference: conversationReferenceSchema,
});

const envelope = {
  collaborativeId: idSchema,
  /** The card's scope: a pulse, or a subject such as an intervention (domain/model/delivery.ts). */
  pulseId: deliveryScopeIdSchema,
  round: deliveryRoundSchema,
  /** Whose rate limit the send counts against: the conversation's tenant ('unknown' if none is known). */
  tenantId: z.string().min(1).max(100),
  member: recipientSchema,
  /** The delivery row's ETag when the fan-out wrote it: the worker claims it without reading it first. */
  etag: z.string().min(1).max(200).optional(),
};

/** A card message as this version writes it. */
export const cardMessageSchema = z.object({
  v: z.literal(2),
  kind: cardKindSchema,
  /** The kind's input, checked by the kind's own schema when the card is prepared. */
  input: z.record(z.string(), z.unknown()),
  ...envelope,
}).refine(...ROUND_OF_SCOPE);

/** One card message, as checked. */
export type CardMessage = z.infer<typeof cardMessageSchema>;

/**
 * Messages written before card kinds (v1) name no kind: every one was a survey card, the
 * invitation in round 'invite' and a reminder in any other, with the person's workgroup (to
 * pre-select) beside their conversation reference. Some may still be in the queue when this
 * version is deployed (a reminder waiting out a long weekend stays hidden for days), so they
 * are read as the survey kinds, which the use-cases register under these names. Remove this
 * fallback (and v1MessageSchema) after 2027-06-01: by then no v1 message can be left.
 */
const V1_SURVEY_KINDS = { invitation: 'survey-invitation', reminder: 'survey-reminder' } as const;

const v1MessageSchema = z
  .object({ v: z.literal(1), ...envelope, member: recipientSchema.extend({ workgroupId: idSchema.optional() }) })
  .refine(...ROUND_OF_SCOPE)
  .transform(({ v: _v, member: { workgroupId, ...member }, ...rest }): CardMessage => ({
    v: 2,
    kind: rest.round === INVITE_ROUND ? V1_SURVEY_KINDS.invitation : V1_SURVEY_KINDS.reminder,
    input: workgroupId ? { workgroupId } : {},
    ...rest,
    member,
  }));

/** The tenant whose limit a member's card counts against: the conversation's, else their own. */
export function tenantOf(member: Pick<Member, 'tenantId' | 'conversationReference'>): string {
  const conversation = (member.conversationReference as { conversation?: { tenantId?: unknown } } | undefined)?.conversation;
  const fromReference = typeof conversation?.tenantId === 'string' ? conversation.tenantId : undefined;
  return (fromReference ?? member.tenantId ?? 'unknown').toLowerCase();
}

/** A card as a message names it: its kind and that kind's input for this person. */
export interface CardOfKind {
  kind: string;
  input: Record<string, unknown>;
}

/** The message for one member's card in one round (with the new row's ETag, when known). */
export function cardMessageFor(scope: PulseScope, round: string, member: Member, card: CardOfKind, etag?: string): CardMessage {
  return {
    ...(etag ? { etag } : {}),
    v: 2,
    kind: card.kind,
    input: card.input,
    collaborativeId: scope.collaborativeId,
    pulseId: scope.pulseId,
    round,
    tenantId: tenantOf(member),
    member: {
      aadObjectId: member.aadObjectId!,
      ...(member.teamsUserId ? { teamsUserId: member.teamsUserId } : {}),
      conversationReference: member.conversationReference!,
    },
  };
}

/** Parses a received message's text; a reason instead when it is not a card message. */
export function parseCardMessage(text: string): { ok: true; message: CardMessage } | { ok: false; reason: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  const v1 = (json as { v?: unknown } | null)?.v === 1;
  const parsed = v1 ? v1MessageSchema.safeParse(json) : cardMessageSchema.safeParse(json);
  if (parsed.success) return { ok: true, message: parsed.data };
  return { ok: false, reason: parsed.error.issues.map((i) => `${i.path.join('.') || '(message)'}: ${i.message}`).join('; ').slice(0, 300) };
}

/**
 * Orders items so tenants take turns (a, b, a, b...): a fan-out across several Trusts'
 * tenants then keeps every tenant's rate busy at once instead of one after another.
 */
export function interleaveByTenant<T extends { tenantId: string }>(messages: readonly T[]): T[] {
  const byTenant = new Map<string, T[]>();
  for (const m of messages) {
    const list = byTenant.get(m.tenantId);
    if (list) list.push(m);
    else byTenant.set(m.tenantId, [m]);
  }
  const lists = [...byTenant.values()];
  const out: T[] = [];
  for (let i = 0; out.length < messages.length; i++) for (const list of lists) if (i < list.length) out.push(list[i]!);
  return out;
}
