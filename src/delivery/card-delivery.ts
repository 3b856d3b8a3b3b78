import { surveyCardFor } from '../app/pulse/pulse-cards';
import type { CardSender, Clock, Logger, SendOutcome } from '../app/ports';
import { isRetryable, retryDelayMs } from './send-retry';
import { INVITE_ROUND, isFinalDelivery, type SendRow } from '../domain/model/delivery';
import { nextAllowed, type QuietHours } from '../domain/quiet-hours';
import type { Versioned } from '../storage/entity-table';
import { ConcurrencyError } from '../storage/storage-errors';
import type { Storage } from '../storage/storage';
import type { CardMessage } from './card-message';
import type { ConversationPacer } from './conversation-pacer';
import type { PulseContext, PulseContexts } from './pulse-context';
import { recordOutcome, sendRowsFor, type SendRowDeps, type SendRows } from './send-rows';
import { afterAnswer, leaveOnSlot } from './request-pacing';
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
 * two, as the issue asks.
 */

/** What sending one card needs: its rows, the ledger, the pulse, the sender, the pacers and the settings. */
export interface CardDeliveryDeps extends SendRowDeps {
  submissions: Pick<Storage['submissions'], 'findLedgerEntry'>;
  contexts: Pick<PulseContexts, 'get'>;
  sender: CardSender;
  pacer: Pick<TenantPacer, 'acquire' | 'left' | 'answered' | 'pause' | 'notePrep' | 'lateToleranceMs'>;
  conversations: Pick<ConversationPacer, 'acquire'>;
  maxAttempts: number;
  /** First backoff ceiling for retries without Retry-After (send-retry.ts's default when absent). */
  retryBaseMs?: number;
  /** How long a claim holds (the queue message's lease is the same). */
  leaseMs: number;
  quietHours?: QuietHours;
  clock: Clock;
  log: Logger;
}

/** What the worker does with the message: delete it, or hide it and try again after a while. */
export type Disposition = { kind: 'done' } | { kind: 'later'; delayMs: number };
type Step = Disposition | { kind: 'again' } | { kind: 'retry'; delayMs: number; row?: Versioned<SendRow> };

const DONE: Disposition = { kind: 'done' };
const later = (delayMs: number): Disposition => ({ kind: 'later', delayMs: Math.max(0, delayMs) });
/** Retries that wait no longer than this stay in the worker; longer ones go back to the queue. */
const IN_WORKER_RETRY_MS = 5_000;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const iso = (ms: number) => new Date(ms).toISOString();
const code = (o: SendOutcome) => (o.statusCode !== undefined ? { statusCode: o.statusCode } : {});

/** Sends (or settles) the card of one queue message; see the file comment for the guarantees. */
export async function deliverCard(deps: CardDeliveryDeps, message: CardMessage): Promise<Disposition> {
  const scope = { collaborativeId: message.collaborativeId, pulseId: message.pulseId };
  const context = await deps.contexts.get(scope);
  if (!context) {
    deps.log.warn('a card for a pulse that no longer exists was dropped', { pulseId: scope.pulseId });
    return DONE;
  }
  if (message.round !== INVITE_ROUND) {
    // Reminders never go in quiet hours; one queued just before them waits until they end.
    const now = deps.clock();
    const allowed = nextAllowed(now, deps.quietHours);
    if (allowed > now) return later(allowed.getTime() - now.getTime());
  }
  const rows = sendRowsFor(deps, message);
  const started = deps.clock().getTime();
  let known = rows.asQueued();
  for (let pass = 0; pass < 10; pass++) {
    const row = known ?? (await rows.find());
    known = undefined;
    if (!row) {
      deps.log.warn('a card without a delivery row was dropped', { pulseId: scope.pulseId, round: message.round });
      return DONE;
    }
    const step = await decide(deps, rows, message, context, row);
    if (step.kind === 'again') continue;
    if (step.kind !== 'retry') return step;
    const waited = deps.clock().getTime() - started;
    if (step.delayMs > IN_WORKER_RETRY_MS || waited + step.delayMs > deps.leaseMs / 2) return later(step.delayMs);
    await sleep(step.delayMs);
    known = step.row;
  }
  return later(1000);
}

async function decide(deps: CardDeliveryDeps, rows: SendRows, message: CardMessage, context: PulseContext, row: Versioned<SendRow>): Promise<Step> {
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
  if (context.pulse.status !== 'open') {
    deps.log.warn('the pulse closed before this card was sent; it was not sent', { pulseId: current.pulseId, round: current.round });
    return settle({ status: 'failed' });
  }
  if (message.round !== INVITE_ROUND && (await hasAnswered(deps, message))) {
    // They answered since the round was queued: no reminder, and no row saying one is due.
    await rows.remove(row).catch((e: unknown) => {
      if (!(e instanceof ConcurrencyError)) throw e;
    });
    return DONE;
  }
  if (current.attempts >= deps.maxAttempts) return settle({ status: 'failed' });
  return attempt(deps, rows, message, context, row);
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

/** Whether the person has finished the pulse, from the ledger by their respondent key. */
async function hasAnswered(deps: CardDeliveryDeps, message: CardMessage): Promise<boolean> {
  const scope = { collaborativeId: message.collaborativeId, pulseId: message.pulseId };
  const entry = await deps.submissions.findLedgerEntry({ ...scope, respondentKey: deps.respondentKey(scope, message.member.aadObjectId) });
  return entry?.value.status === 'finished';
}

async function attempt(deps: CardDeliveryDeps, rows: SendRows, message: CardMessage, context: PulseContext, row: Versioned<SendRow>): Promise<Step> {
  const card = surveyCardFor(context.pulse, context.k, context.targets, message.member, message.round !== INVITE_ROUND);
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
  if (outcome.status === 'failed' && outcome.uncertain && claimed) {
    deps.log.warn('no answer from Teams after sending a card; recorded as sent and not sent again', { pulseId: message.pulseId });
    await record({ status: 'sent', unconfirmed: true });
    return DONE;
  }
  if (isRetryable(outcome) && attempts < deps.maxAttempts) {
    const written = await record({ status: 'pending', ...code(outcome) });
    return { kind: 'retry', delayMs: retryDelayMs(outcome, attempts, Math.random, deps.retryBaseMs), ...(written ? { row: written } : {}) };
  }
  await record({ status: outcome.status, ...code(outcome), ...(outcome.activityId ? { activityId: outcome.activityId } : {}) });
  return DONE;
}
