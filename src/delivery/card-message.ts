import { z } from 'zod';
import type { Member } from '../domain/model/member';
import { conversationReferenceSchema } from '../domain/model/member';
import { deliveryRoundSchema } from '../domain/model/delivery';
import { guidSchema, idSchema } from '../domain/model/primitives';
import type { PulseScope } from '../storage/keys/key-rules';

/**
 * One queue message per card to send. It carries what the worker needs to reach the person
 * (their conversation reference) so sending costs no roster read; the card itself is built
 * when it is sent, from the pulse. Checked with zod when received: a message that does not
 * fit is logged and deleted, never allowed to stop a worker.
 */
export const cardMessageSchema = z.object({
  v: z.literal(1),
  collaborativeId: idSchema,
  pulseId: idSchema,
  round: deliveryRoundSchema,
  /** Whose rate limit the send counts against: the conversation's tenant ('unknown' if none is known). */
  tenantId: z.string().min(1).max(100),
  member: z.object({
    aadObjectId: guidSchema,
    teamsUserId: z.string().min(1).max(200).optional(),
    workgroupId: idSchema.optional(),
    conversationReference: conversationReferenceSchema,
  }),
  /** The delivery row's ETag when the fan-out wrote it: the worker claims it without reading it first. */
  etag: z.string().min(1).max(200).optional(),
});

/** One card message, as checked. */
export type CardMessage = z.infer<typeof cardMessageSchema>;

/** The tenant whose limit a member's card counts against: the conversation's, else their own. */
export function tenantOf(member: Pick<Member, 'tenantId' | 'conversationReference'>): string {
  const conversation = (member.conversationReference as { conversation?: { tenantId?: unknown } } | undefined)?.conversation;
  const fromReference = typeof conversation?.tenantId === 'string' ? conversation.tenantId : undefined;
  return (fromReference ?? member.tenantId ?? 'unknown').toLowerCase();
}

/** The message for one member's card in one round (with the new row's ETag, when known). */
export function cardMessageFor(scope: PulseScope, round: string, member: Member, etag?: string): CardMessage {
  return {
    ...(etag ? { etag } : {}),
    v: 1,
    collaborativeId: scope.collaborativeId,
    pulseId: scope.pulseId,
    round,
    tenantId: tenantOf(member),
    member: {
      aadObjectId: member.aadObjectId!,
      ...(member.teamsUserId ? { teamsUserId: member.teamsUserId } : {}),
      ...(member.workgroupId ? { workgroupId: member.workgroupId } : {}),
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
  const parsed = cardMessageSchema.safeParse(json);
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
