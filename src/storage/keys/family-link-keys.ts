import { keyPart, type EntityKeys } from './key-rules';

/**
 * The FamilyLinks table keeps each link in a partition of its own, keyed by its random id,
 * so the family page (the hot path, on a poor phone connection) reads it with one point read
 * from the link alone. The few lists (the starter's list of links, retention) filter on the
 * row's scope fields; they are rare, and the table stays small because links are deleted
 * with their pulse's other rows.
 */
export function familyLinkKeys(linkId: string): EntityKeys {
  return { partitionKey: keyPart(linkId), rowKey: 'link' };
}
