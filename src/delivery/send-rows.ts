import { isFinalDelivery, keyedByPerson, type Delivery, type ReminderDelivery, type SendRow } from '../domain/model/delivery';
import type { Versioned } from '../storage/entity-table';
import { ConcurrencyError } from '../storage/storage-errors';
import type { Storage } from '../storage/storage';
import type { CardMessage } from './card-message';
import type { OutcomeBatcher } from './outcome-batcher';

/**
 * The row a card message is about, whichever kind: an invitation's or a subject's (keyed by
 * Entra object id) or a pulse reminder's (keyed by respondent key, computed here from the
 * message; see domain/model/delivery.ts). The worker claims, records and removes through this.
 */
export interface SendRows {
  /** The row as the fan-out wrote it, when the message carries its ETag (no read needed). */
  asQueued(): Versioned<SendRow> | undefined;
  find(): Promise<Versioned<SendRow> | undefined>;
  /** A single ETag-guarded write (the claim before a send). */
  claim(previous: Versioned<SendRow>, next: SendRow): Promise<Versioned<SendRow>>;
  /** An ETag-guarded write that may share a transaction with others (an outcome). */
  write(previous: Versioned<SendRow>, next: SendRow): Promise<Versioned<SendRow>>;
  remove(previous: Versioned<SendRow>): Promise<boolean>;
}

/** The repositories a worker writes sending rows with. */
export interface SendRowDeps {
  deliveries: Pick<Storage['deliveries'], 'find' | 'update' | 'remove'>;
  reminders: Pick<Storage['reminders'], 'find' | 'update' | 'remove'>;
  respondentKey: Storage['respondentKey'];
  /** Outcome writes in batches; written one by one when absent. */
  outcomes?: { invites: Pick<OutcomeBatcher<Delivery>, 'write'>; reminders: Pick<OutcomeBatcher<ReminderDelivery>, 'write'> };
}

/** The rows of a message's round. */
export function sendRowsFor(deps: SendRowDeps, message: CardMessage): SendRows {
  const scope = { collaborativeId: message.collaborativeId, pulseId: message.pulseId };
  const base = { ...scope, round: message.round, status: 'pending' as const, attempts: 0 };
  const queued = <R extends SendRow>(value: R) => (message.etag ? { value, etag: message.etag } : undefined);
  if (keyedByPerson(message.pulseId, message.round)) {
    const aadObjectId = message.member.aadObjectId;
    const rows = deps.deliveries;
    const asInvite = (row: Versioned<SendRow>) => row as Versioned<Delivery>;
    return {
      asQueued: () => queued<Delivery>({ ...base, aadObjectId }),
      find: () => rows.find(scope, aadObjectId, message.round),
      claim: (previous, next) => rows.update(asInvite(previous), next as Delivery),
      write: (previous, next) => (deps.outcomes ? deps.outcomes.invites.write(asInvite(previous), next as Delivery) : rows.update(asInvite(previous), next as Delivery)),
      remove: (previous) => rows.remove(asInvite(previous)),
    };
  }
  const respondentKey = deps.respondentKey(scope, message.member.aadObjectId);
  const rows = deps.reminders;
  const asReminder = (row: Versioned<SendRow>) => row as Versioned<ReminderDelivery>;
  return {
    asQueued: () => queued<ReminderDelivery>({ ...base, respondentKey }),
    find: () => rows.find(scope, message.round, respondentKey),
    claim: (previous, next) => rows.update(asReminder(previous), next as ReminderDelivery),
    write: (previous, next) =>
      deps.outcomes ? deps.outcomes.reminders.write(asReminder(previous), next as ReminderDelivery) : rows.update(asReminder(previous), next as ReminderDelivery),
    remove: (previous) => rows.remove(asReminder(previous)),
  };
}

/**
 * Writes a row's new state (claim released) with the ETag it was read with; the row as
 * written, or undefined when it changed meanwhile (this worker's claim outlived its lease and
 * another settled it: the newer row is then kept unless it is still open or only an
 * unconfirmed guess, which this outcome replaces) or the batch did not return its ETag.
 */
export async function recordOutcome(rows: SendRows, row: Versioned<SendRow>, change: Partial<SendRow>, now: string): Promise<Versioned<SendRow> | undefined> {
  const write = async (from: Versioned<SendRow>) => {
    const { leaseUntil: _lease, unconfirmed: _guess, statusCode: _code, ...rest } = from.value;
    const written = await rows.write(from, { ...rest, ...change, updatedAt: now } as SendRow);
    return written.etag ? written : undefined;
  };
  try {
    return await write(row);
  } catch (error) {
    if (!(error instanceof ConcurrencyError)) throw error;
    const fresh = await rows.find();
    if (fresh && (!isFinalDelivery(fresh.value.status) || fresh.value.unconfirmed)) await write(fresh);
    return undefined;
  }
}
