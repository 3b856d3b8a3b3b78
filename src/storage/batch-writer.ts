import type { TableClient, TransactionAction } from '@azure/data-tables';
import { toStorageError } from './storage-errors';

/** Azure Tables: at most 100 operations per transaction, all in one partition. */
export const MAX_BATCH = 100;
/** Transactions in flight at once for one call; enough to hide latency, gentle on the account. */
const PARALLEL = 4;

/**
 * Splits n items into the fewest chunks of at most `max`, with sizes as even as possible
 * (250 -> 84, 83, 83 rather than 100, 100, 50), so no transaction is much smaller than the
 * others. The release of pending responses relies on this: every batch written at once
 * then holds many responses.
 */
export function evenChunks<T>(items: readonly T[], max = MAX_BATCH): T[][] {
  if (items.length === 0) return [];
  const count = Math.ceil(items.length / max);
  const chunks: T[][] = [];
  for (let i = 0; i < count; i++) {
    chunks.push(items.slice(Math.floor((i * items.length) / count), Math.floor(((i + 1) * items.length) / count)));
  }
  return chunks;
}

/** Runs `work` over items with at most `limit` in flight; rejects with the first failure. */
export async function forEachLimit<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * Writes actions as batch transactions: grouped by partition, chunked to at most 100, each
 * chunk atomic. Chunks of a large set commit independently, so callers use idempotent
 * actions (upsert, or delete that tolerates absence) wherever a re-run must finish the job.
 */
export async function submitInBatches(client: TableClient, actions: readonly TransactionAction[], what: string): Promise<void> {
  const byPartition = new Map<string, TransactionAction[]>();
  for (const action of actions) {
    const pk = action[1].partitionKey;
    const list = byPartition.get(pk);
    if (list) list.push(action);
    else byPartition.set(pk, [action]);
  }
  const chunks = [...byPartition.values()].flatMap((list) => evenChunks(list));
  await forEachLimit(chunks, PARALLEL, async (chunk) => {
    try {
      await client.submitTransaction(chunk);
    } catch (error) {
      throw toStorageError(error, `${what} (batch of ${chunk.length} in ${chunk[0]![1].partitionKey})`);
    }
  });
}
