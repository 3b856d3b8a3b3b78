import { keyPart, type EntityKeys } from './key-rules';

/**
 * Row key of the guard row of a list kept in one partition (a collaborative's workgroups or
 * organisations). '~' cannot start an id and sorts after every character an id may hold, so
 * the guard never clashes with a real row and `RowKey lt '~'` reads the list without it.
 */
export const LIST_GUARD_ROW_KEY = '~list';

/** Keys of the guard row of the list in a partition. */
export function listGuardKeys(partitionKey: string): EntityKeys {
  return { partitionKey: keyPart(partitionKey), rowKey: LIST_GUARD_ROW_KEY };
}
