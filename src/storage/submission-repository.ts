import { randomInt } from 'node:crypto';
import { odata, type TableClient, type TableTransactionResponse, type TransactionAction } from '@azure/data-tables';
import { ValidationError } from '../domain/errors';
import { draftSchema, type Draft, type DraftInput } from '../domain/model/draft';
import { assertNotFinished, ledgerEntrySchema, type LedgerEntry } from '../domain/model/ledger-entry';
import { parseModel } from '../domain/model/parse';
import { responseSchema, type Response } from '../domain/model/response';
import { submitInBatches } from './batch-writer';
import { entityCodec } from './entity-codec';
import { EntityTable, type StoredRow, type Versioned } from './entity-table';
import { scopePartitionKey, randomKey } from './keys/key-rules';
import { draftKeys, INTAKE_SHARDS, intakeKeys, ledgerKeys, newPendingKeys, submissionKindRange } from './keys/submission-keys';
import { pendingResponseSchema, type PendingResponse } from './pending-response';
import { ConcurrencyError, StorageError, toStorageError } from './storage-errors';
import { AnswersClosedError, IntakeRows, type Intake, type IntakeState } from './submission-intake';
import type { PulseScope } from '../domain/model/pulse';

/** One person in one pulse, by respondent key (see respondent-key-hmac.ts). */
export interface RespondentRef extends PulseScope {
  respondentKey: string;
}

/** Tries at a submit that only lost its intake row to another person's submit at the same moment. */
const SUBMIT_ATTEMPTS = 12;

/**
 * Ledger entries, drafts, pending responses and the intake: the Submissions table (see
 * submission-keys.ts for why they share one). Answers and identity meet only in a draft,
 * which the submitting transaction deletes; the pending response it adds has a random key
 * and no identity.
 */
export class SubmissionRepository {
  private readonly ledger: EntityTable<LedgerEntry>;
  private readonly drafts: EntityTable<Draft>;
  private readonly pending: EntityTable<PendingResponse>;
  private readonly intake: IntakeRows;

  constructor(private readonly client: TableClient) {
    this.ledger = new EntityTable(client, entityCodec('ledger entry', ledgerEntrySchema));
    this.drafts = new EntityTable(client, entityCodec('draft', draftSchema, ['ratings']));
    this.pending = new EntityTable(client, entityCodec('pending response', pendingResponseSchema, ['ratings']));
    this.intake = new IntakeRows(client);
  }

  /** Whether the pulse still takes answers (see submission-intake.ts). */
  intakeState(scope: PulseScope): Promise<IntakeState> {
    return this.intake.state(scope);
  }

  /**
   * Moves the pulse's intake on to `state`, never back: 'sealed' (the close: no submit can
   * commit from now on) or 'final' (the figures are stored). Safe to run again.
   */
  advanceIntake(scope: PulseScope, state: 'sealed' | 'final', at: string): Promise<void> {
    return this.intake.advance(scope, state, at);
  }

  findLedgerEntry(ref: RespondentRef): Promise<Versioned<LedgerEntry> | undefined> {
    return this.ledger.find(ledgerKeys(ref, ref.respondentKey));
  }

  /** How many people have finished a pulse: ledger rows only, their keys read, no answers. */
  countFinished(scope: PulseScope): Promise<number> {
    return this.ledger.count({ partitionKey: scopePartitionKey(scope), ...range('ledger'), filter: odata`status eq 'finished'` });
  }

  /** Every ledger entry of a pulse (for reminders and counts of who has answered). */
  async listLedger(scope: PulseScope): Promise<LedgerEntry[]> {
    const rows = await this.ledger.list({ partitionKey: scopePartitionKey(scope), ...range('ledger') });
    return rows.map((r) => r.value);
  }

  /** Deletes the ledger entries of these respondent keys (a check's family links, at the end of retention). How many existed. */
  async deleteLedgerEntries(scope: PulseScope, respondentKeys: readonly string[]): Promise<number> {
    let deleted = 0;
    for (const key of respondentKeys) if (await this.ledger.delete(ledgerKeys(scope, key))) deleted += 1;
    return deleted;
  }

  findDraft(ref: RespondentRef): Promise<Versioned<Draft> | undefined> {
    return this.drafts.find(draftKeys(ref, ref.respondentKey));
  }

  /**
   * Saves a respondent's unfinished answers and their progress (ledger: started, step) in
   * one transaction. `previous` is the draft as read (omit it for the first save), so two
   * devices saving at once give one success and one ConcurrencyError.
   * AlreadySubmittedError once the person has submitted.
   */
  async saveProgress(input: DraftInput, previous?: Versioned<Draft>): Promise<Versioned<Draft>> {
    const draft = parseModel(draftSchema, input, 'draft');
    const dKeys = draftKeys(draft, draft.respondentKey);
    const lKeys = ledgerKeys(draft, draft.respondentKey);
    if (previous && draftKeys(previous.value, previous.value.respondentKey).rowKey !== dKeys.rowKey) {
      throw new ValidationError('A draft cannot move to another person or pulse.');
    }
    const ledger = await this.ledger.find(lKeys);
    assertNotFinished(ledger?.value);
    const entry: LedgerEntry = { ...scopeFieldsOf(draft), respondentKey: draft.respondentKey, status: 'started', step: draft.step };
    const draftEntity = this.drafts.codec.toEntity(dKeys, draft);
    const ledgerEntity = this.ledger.codec.toEntity(lKeys, entry);
    const res = await this.transact(
      [
        previous ? ['update', draftEntity, 'Replace', { etag: previous.etag }] : ['create', draftEntity],
        ledger ? ['update', ledgerEntity, 'Replace', { etag: ledger.etag }] : ['create', ledgerEntity],
      ],
      `save progress in ${dKeys.partitionKey}`,
    );
    const etag = res.subResponses[0]?.etag?.trim();
    return etag ? { value: draft, etag } : this.drafts.get(dKeys);
  }

  /**
   * Submits a response in ONE transaction: the ledger entry becomes 'finished', the response
   * is added to the pending area under a random key, the draft is deleted, and the pulse's
   * intake is checked open (rewritten with the ETag read). All or nothing, so a crash can
   * neither lose the answers nor let the person submit twice, and once the close has sealed
   * the intake nothing is stored at all. AlreadySubmittedError when they (or a concurrent
   * request of theirs) already submitted; AnswersClosedError when the intake is sealed.
   */
  async submit(ref: RespondentRef, input: Response): Promise<void> {
    const response = parseModel(responseSchema, input, 'response');
    if (response.collaborativeId !== ref.collaborativeId || response.pulseId !== ref.pulseId) {
      throw new ValidationError('The answers belong to a different pulse.');
    }
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.submitOnce(ref, response);
      if (outcome === 'done') return;
      // Only the intake row changed: someone else's submit landed a moment before. Try again (another row, likely).
      if (attempt >= SUBMIT_ATTEMPTS) throw new ConcurrencyError('concurrent_update', `submit in ${scopePartitionKey(ref)}: intake busy`);
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
    }
  }

  /** One try at the submit transaction: 'done', or 'intake_busy' when only the intake row moved on. */
  private async submitOnce(ref: RespondentRef, response: Response): Promise<'done' | 'intake_busy'> {
    const lKeys = ledgerKeys(ref, ref.respondentKey);
    const dKeys = draftKeys(ref, ref.respondentKey);
    const gKeys = intakeKeys(ref, randomInt(INTAKE_SHARDS));
    const [ledger, draft, intake] = await Promise.all([this.ledger.find(lKeys), this.drafts.find(dKeys), this.intake.table.find(gKeys)]);
    assertNotFinished(ledger?.value);
    assertIntakeOpen(intake?.value);
    const step = draft?.value.step ?? ledger?.value.step ?? 0;
    const entry: LedgerEntry = { ...scopeFieldsOf(ref), respondentKey: ref.respondentKey, status: 'finished', step };
    const ledgerEntity = this.ledger.codec.toEntity(lKeys, entry);
    const intakeEntity = this.intake.table.codec.toEntity(gKeys, { ...scopeFieldsOf(ref), state: 'open' });
    const pKeys = newPendingKeys(ref);
    const actions: TransactionAction[] = [
      ledger ? ['update', ledgerEntity, 'Replace', { etag: ledger.etag }] : ['create', ledgerEntity],
      ['create', this.pending.codec.toEntity(pKeys, response)],
      intake ? ['update', intakeEntity, 'Replace', { etag: intake.etag }] : ['create', intakeEntity],
    ];
    if (draft) actions.push(['delete', { ...dKeys }]);
    try {
      await this.transact(actions, `submit in ${lKeys.partitionKey}`);
      return 'done';
    } catch (error) {
      const lostRace =
        error instanceof ConcurrencyError || (error instanceof StorageError && error.code === 'storage_not_found');
      if (!lostRace) throw error;
      // Our own transaction may have committed on an attempt whose answer was lost (the SDK
      // then retried it and the retry found the ledger already changed): then it is done.
      if (await this.pending.find(pKeys)) return 'done';
      const [ledgerNow, draftNow, intakeNow] = await Promise.all([this.ledger.find(lKeys), this.drafts.find(dKeys), this.intake.table.find(gKeys)]);
      assertNotFinished(ledgerNow?.value);
      assertIntakeOpen(intakeNow?.value);
      // The person's own rows are as read, so it was the intake: another submit, not a conflict of theirs.
      const sameAsRead = (a: Versioned<unknown> | undefined, b: Versioned<unknown> | undefined) => a?.etag === b?.etag;
      if (sameAsRead(ledger, ledgerNow) && sameAsRead(draft, draftNow) && !sameAsRead(intake, intakeNow)) return 'intake_busy';
      throw error;
    }
  }

  /** Pending responses of a pulse, each with its keys and ETag (for claiming). */
  listPending(scope: PulseScope): Promise<StoredRow<PendingResponse>[]> {
    return this.pending.list({ partitionKey: scopePartitionKey(scope), ...range('pending') });
  }

  /** How many responses of a pulse are waiting to be released. */
  countPending(scope: PulseScope): Promise<number> {
    return this.pending.count({ partitionKey: scopePartitionKey(scope), ...range('pending') });
  }

  /**
   * Claims pending rows for release on day `releasedOn` (YYYY-MM-DD, UTC): gives each a
   * fresh crypto-random response key and that day, written only if the row is unchanged
   * since it was read (ETag), in transactions of up to 100. A row claimed once keeps its key
   * and day for good, so whoever finishes the release writes the same response row.
   * ConcurrencyError if another release claimed some of them first.
   */
  async claimPending(rows: readonly StoredRow<PendingResponse>[], releasedOn: string): Promise<StoredRow<PendingResponse>[]> {
    const claimed = rows.map((row) => ({ ...row, value: { ...row.value, releasedAs: randomKey(), releasedOn } }));
    const actions: TransactionAction[] = claimed.map((row) => [
      'update',
      this.pending.codec.toEntity(row.keys, row.value),
      'Replace',
      { etag: row.etag },
    ]);
    await submitInBatches(this.client, actions, `claim ${rows.length} pending responses`);
    return claimed;
  }

  /** Deletes released pending rows. Rows already gone (a concurrent release) are fine. */
  async deletePending(scope: PulseScope, rowKeys: readonly string[]): Promise<void> {
    const partitionKey = scopePartitionKey(scope);
    const actions: TransactionAction[] = rowKeys.map((rowKey) => ['delete', { partitionKey, rowKey }]);
    try {
      await submitInBatches(this.client, actions, `delete ${rowKeys.length} released pending responses`);
    } catch (error) {
      if (!(error instanceof StorageError && error.code === 'storage_not_found')) throw error;
      // A batch fails whole if one row is missing: delete one by one, skipping the missing.
      for (const rowKey of rowKeys) await this.pending.delete({ partitionKey, rowKey });
    }
  }

  /**
   * Deletes every draft of a pulse, in batches of up to 100: run when it closes, because a
   * draft holds the answers of someone who never submitted next to their respondent key.
   * Drafts already gone (a submit, or another close) are fine. Returns how many were deleted.
   */
  async deleteDrafts(scope: PulseScope): Promise<number> {
    const partitionKey = scopePartitionKey(scope);
    const rows = await this.drafts.list({ partitionKey, ...range('draft') });
    const actions: TransactionAction[] = rows.map((r) => ['delete', { ...r.keys }]);
    try {
      await submitInBatches(this.client, actions, `delete ${rows.length} drafts`);
    } catch (error) {
      if (!(error instanceof StorageError && error.code === 'storage_not_found')) throw error;
      for (const row of rows) await this.drafts.delete(row.keys);
    }
    return rows.length;
  }

  private async transact(actions: TransactionAction[], what: string): Promise<TableTransactionResponse> {
    try {
      return await this.client.submitTransaction(actions);
    } catch (error) {
      throw toStorageError(error, what);
    }
  }
}

/** Refuses answers once the close has sealed the pulse's intake. */
function assertIntakeOpen(intake: Intake | undefined): void {
  if (intake && intake.state !== 'open') throw new AnswersClosedError(`intake of ${intake.pulseId} is ${intake.state}`);
}

function range(kind: 'ledger' | 'pending' | 'draft'): { rowKeyFrom: string; rowKeyTo: string } {
  const r = submissionKindRange(kind);
  return { rowKeyFrom: r.from, rowKeyTo: r.to };
}

/** The scope alone, without a ref's respondent key (the ledger and intake rows carry the scope fields). */
function scopeFieldsOf(s: PulseScope): PulseScope {
  return { collaborativeId: s.collaborativeId, pulseId: s.pulseId };
}
