import { keyPart, type EntityKeys } from './key-rules';

/** One partition per collaborative, holding its single settings row. */
export function collaborativeKeys(collaborativeId: string): EntityKeys {
  return { partitionKey: keyPart(collaborativeId), rowKey: 'collaborative' };
}
