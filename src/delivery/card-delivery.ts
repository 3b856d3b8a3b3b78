import type { AdaptiveCard, CardKindHandler, CardRequest, CardSender, Clock, DeliveryMetrics, Logger, SendOutcome } from '../app/ports';
import { isFinalDelivery, type SendRow } from '../domain/model/delivery';
import type { Versioned } from '../storage/entity-table';
import { ConcurrencyError } from '../storage/storage-errors';
import { findKind, type CardKindRegistry } from './card-kinds';
import type { CardMessage } from './card-message';
import type { ConversationPacer } from './conversation-pacer';
import { afterAnswer, leaveOnSlot } from './request-pacing';
import { isRetryable, retryDelayMs } from './send-retry';
import { recordOutcome, sendRowsFor, type SendRowDeps, type SendRows } from './send-rows';
import { PacerStopped, type TenantPacer } from './tenant-pacer';

/**
 * One card to one person, from its queue message to its recorded outcome.
 *
 * At most one card per person per round: the worker CLAIMS the row (status 'sending', a
 * lease, attempts + 1, written with the row's ETag) immediately before the request that
 * carries the card, in the short head start its rate-limit slot gives, so two workers can
 * never both send it. The row's ETag from the fan-out travels in the message, so on the usual
 * path the row is never read: claim, send, record (outcomes in batches).
 *
 * When a worker finds a claim whose lease has passed with no outcome, the worker that made it
 * stopped between claiming and recording: the card most likely went, so it is recorded as
 * sent ('unconfirmed') and never sent again. The remaining window, where a card was claimed
 * but never sent and is therefore lost, is the head start (tens of milliseconds: a card or
 * two per tenant when an instance crashes) plus a request that timed out before reaching
 * Teams. An instance that is stopped (SIGTERM) undoes its claims that have not been sent and
 * puts their messages back, so a deploy or a scale-in loses nobody; after a crash, the next
 * reminder round reaches such a person anyway. We chose losing that rare card over sending
 * two.
 *
 * Which card goes, and whether it may go now, is its kind's to say (card-kinds.ts): this file
 * claims, sends and records whatever the kind prepared, and knows nothing of what it is.
 */

/** What sending one card needs: its rows, the card kinds, the sender, the pacers and the settings. */
export interface CardDeliveryDeps extends SendRowDeps {
  kinds: Pick<CardKindRegistry, 'get'>;
  sender: CardSender;
  pacer: Pick<TenantPacer, 'acquire' | 'left' | 'answered' | 'pause' | 'notePrep' | 'lateToleranceMs'>;
  conversations: Pick<ConversationPacer, 'acquire'>;
  maxAttempts: number;
  /** First backoff ceiling for retries without Retry-After (send-retry.ts's default when absent). */
  retryBaseMs?: number;
  /** How long a claim holds (the queue message's lease is the same). */
  leaseMs: number;
  clock: Clock;
  log: Logger;
  /** Counts outcomes and 429s by card kind (nothing else: no ids). */
  metrics?: DeliveryMetrics;
}

/** What the worker does with the message: delete it, or hide it and try again after a while. */
export type Disposition = { kind: 'done' } | { kind: 'later'; delayMs: number };
type Step = Disposition | { kind: 'again' } | { kind: 'retry'; delayMs: number; row?: Versioned<SendRow> };

const DONE: Disposition = { kind: 'done' };
const later = (delayMs: number): Disposition => ({ kind: 'later', delayMs: Math.max(0, delayMs) });
/** Retries that wait no longer than this stay in the worker; longer ones go back to the queue. */
const IN_WORKER_RETRY_MS = 5_000;
/** A kind this instance does not know (a newer instance queued it, mid-deploy) is left this long for another. */
const UNKNOWN_KIND_WAIT_MS = 60_000;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const iso = (ms: number) => new Date(ms).toISOString();
const code = (o: SendOutcome) => (o.statusCode !== undefined ? { statusCode: o.statusCode } : {});

/** Sends (or settles) the card of one queue message; see the file comment for the guarantees. */
export async function deliverCard(deps: CardDeliveryDeps, message: CardMessage): Promise<Disposition> {
  const found = findKind(deps.kinds, message);
  if (!found.ok) {
    const where = { kind: message.kind, pulseId: message.pulseId, round: message.round };
    if (found.unknownKind) {
      // Left for an instance that knows it; one that keeps coming back is dropped by the worker.
      deps.log.warn('a card of a kind this instance does not send was left for another instance', where);
      return later(UNKNOWN_KIND_WAIT_MS);
    }
    deps.log.warn('a card whose input does not fit its kind was dropped', { ...where, reason: found.reason });
    return DONE;
  }
  const rows = sendRowsFor(deps, message);
  const started = deps.clock().getTime();
  let known = rows.asQueued();
  for (let pass = 0; pass < 10; pass++) {
    const row = known ?? (await rows.find());
    known = undefined;
    if (!row) {
      deps.log.warn('a card without a delivery row was dropped', { pulseId: message.pulseId, round: message.round });
      return DONE;
    }
    const step = await decide(deps, rows, message, found, row);
    if (step.kind === 'again') continue;
    if (step.kind !== 'retry') return step;
    const waited = deps.clock().getTime() - started;
    if (step.delayMs > IN_WORKER_RETRY_MS || waited + step.delayMs > deps.leaseMs / 2) return later(step.delayMs);
    await sleep(step.delayMs);
    known = step.row;
  }
  return later(1000);
}

/** The kind's handler and the request it prepares from. */
interface Prepared {
  handler: CardKindHandler<unknown>;
  request: CardRequest<unknown>;
}

async function decide(deps: CardDeliveryDeps, rows: SendRows, message: CardMessage, kind: Prepared, row: Versioned<SendRow>): Promise<Step> {
  const current = row.value;
  const settle = async (change: Partial<SendRow>): Promise<Step> => {
    await recordOutcome(rows, row, change, deps.clock().toISOString());
    return DONE;
  };
  if (isFinalDelivery(current.status)) return DONE;
  const now = deps.clock().getTime();
  if (current.status === 'sending') {
    const until = Date.parse(current.leaseUntil ?? '') || 0;
    if (until > now) return later(until - now + 250);
    deps.log.warn('a worker stopped while sending a card; recorded as sent and not sent again', { pulseId: current.pulseId, round: current.round });
    return settle({ status: 'sent', unconfirmed: true });
  }
  const where = { kind: message.kind, pulseId: current.pulseId, round: current.round };
  const prepared = await kind.handler.prepare(kind.request);
  switch (prepared.kind) {
    case 'later':
      return later(prepared.delayMs);
    case 'drop':
      deps.log.warn(prepared.reason, where);
      return DONE;
    case 'end':
      deps.log.warn(prepared.reason, where);
      return settle({ status: prepared.status });
    case 'withdraw':
      // No longer due: no card, and no row saying one is.
      await rows.remove(row).catch((e: unknown) => {
        if (!(e instanceof ConcurrencyError)) throw e;
      });
      return DONE;
    case 'send':
      if (current.attempts >= deps.maxAttempts) return settle({ status: 'failed' });
      return attempt(deps, rows, message, prepared.card, row);
  }
}

/**
 * The instance is stopping before this card's request left: its claim (if it made one) is
 * undone, so the row is pending again, and the message goes back to the queue at once for
 * another instance. Nobody is lost to a deploy or a scale-in.
 */
async function giveBack(deps: CardDeliveryDeps, rows: SendRows, row: Versioned<SendRow>, claimed: Versioned<SendRow> | undefined): Promise<Step> {
  if (claimed) {
    try {
      await rows.claim(claimed, { ...row.value, updatedAt: deps.clock().toISOString() });
    } catch (error) {
      // Its lease ends by itself; whoever takes the message then records it as sent, unconfirmed.
      deps.log.warn('giving back a claimed card failed', { pulseId: row.value.pulseId, error: String(error) });
    }
  }
  return later(0);
}

async function attempt(deps: CardDeliveryDeps, rows: SendRows, message: CardMessage, card: AdaptiveCard, row: Versioned<SendRow>): Promise<Step> {
  const now = () => deps.clock().getTime();
  const pacing = { pacer: deps.pacer, conversations: deps.conversations, now };
  let claimed: Versioned<SendRow> | undefined;
  let outcome: SendOutcome;
  let leftAt: number | undefined;
  // The claim is made in the slot's head start, just before the request that carries the card.
  const claim = async () => {
    const handedOut = now();
    const next = { ...row.value, status: 'sending', attempts: row.value.attempts + 1, leaseUntil: iso(now() + deps.leaseMs), updatedAt: iso(now()) } as SendRow;
    claimed = await rows.claim(row, next); // ConcurrencyError: another worker has it
    deps.pacer.notePrep(now() - handedOut);
  };
  try {
    outcome = await deps.sender.sendToMember(message.member, card, {
      beforeRequest: async (request) => {
        leftAt = await leaveOnSlot(pacing, message.tenantId, request.conversationId, request.carriesCard ? claim : undefined);
      },
    });
  } catch (error) {
    if (error instanceof ConcurrencyError) return { kind: 'again' };
    if (error instanceof PacerStopped) return giveBack(deps, rows, row, claimed);
    throw error;
  }
  // A 429 slows the whole tenant, not just this card.
  await afterAnswer(pacing, message.tenantId, leftAt, outcome);
  const attempts = claimed ? claimed.value.attempts : row.value.attempts + 1;
  const base = claimed ?? row;
  const record = (change: Partial<SendRow>) => recordOutcome(rows, base, { attempts, ...change }, deps.clock().toISOString());
  if (outcome.statusCode === 429) deps.metrics?.throttled(message.kind);
  if (outcome.status === 'failed' && outcome.uncertain && claimed) {
    deps.log.warn('no answer from Teams after sending a card; recorded as sent and not sent again', { pulseId: message.pulseId });
    await record({ status: 'sent', unconfirmed: true });
    deps.metrics?.cardSent(message.kind, 'sent');
    return DONE;
  }
  if (isRetryable(outcome) && attempts < deps.maxAttempts) {
    const written = await record({ status: 'pending', ...code(outcome) });
    return { kind: 'retry', delayMs: retryDelayMs(outcome, attempts, Math.random, deps.retryBaseMs), ...(written ? { row: written } : {}) };
  }
  await record({ status: outcome.status, ...code(outcome), ...(outcome.activityId ? { activityId: outcome.activityId } : {}) });
  deps.metrics?.cardSent(message.kind, outcome.status);
  return DONE;
}
