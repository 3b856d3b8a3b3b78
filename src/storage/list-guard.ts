import type { TableClient, TransactionAction } from '@azure/data-tables';
import { listGuardKeys } from './keys/list-guard-keys';
import { statusOf, toStorageError } from './storage-errors';

/**
 * Where a list stood when it was read: the ETag of its guard row (undefined when the list
 * has never been changed as a whole).
 *
 * Why a guard row: replacing a whole list (a facilitator sets the workgroups) is decided from
 * one read of every row. ETags on the rows alone cannot see a row ADDED by someone else since
 * that read, and a delete inside a transaction cannot carry an ETag. So every change of the
 * whole list also rewrites the guard row, conditionally on the ETag read before the list:
 * of two facilitators setting the list at once, one wins and the other gets a conflict.
 */
export interface ListVersion {
  partitionKey: string;
  etag: string | undefined;
}

/** Reads the guard row's ETag. Read it BEFORE the rows, so a change in between is caught. */
export async function readListVersion(client: TableClient, partitionKey: string): Promise<ListVersion> {
  const keys = listGuardKeys(partitionKey);
  try {
    const row = await client.getEntity(keys.partitionKey, keys.rowKey);
    return { partitionKey, etag: row.etag };
  } catch (error) {
    if (statusOf(error) === 404) return { partitionKey, etag: undefined };
    throw toStorageError(error, `read list guard ${keys.partitionKey}`);
  }
}

/** The transaction action that moves the list on from `version`: fails if anyone else did. */
export function advanceListAction(version: ListVersion): TransactionAction {
  const entity = { ...listGuardKeys(version.partitionKey) };
  return version.etag === undefined ? ['create', entity] : ['update', entity, 'Replace', { etag: version.etag }];
}
