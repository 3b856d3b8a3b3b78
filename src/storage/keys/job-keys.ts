import { keyPart, scopePartitionKey, type EntityKeys } from './key-rules';
import type { PulseScope } from '../../domain/model/pulse';

/**
 * The Jobs table holds two kinds of row in each pulse's partition, told apart by the row key:
 *   J:<job name>   timed work (see domain/model/job.ts)
 *   O:<name>       a "once" marker: something that must happen at most once for the pulse
 *                  (posting its closing summary, its fan-out line), created before doing it
 */
export function jobKeys(scope: PulseScope, name: string): EntityKeys {
  return { partitionKey: scopePartitionKey(scope), rowKey: `J:${keyPart(name)}` };
}

export function onceKeys(scope: PulseScope, name: string): EntityKeys {
  return { partitionKey: scopePartitionKey(scope), rowKey: `O:${keyPart(name)}` };
}
