import type { JobScope } from '../../domain/model/job';
import { keyPart, scopePartitionKey, type EntityKeys } from './key-rules';

/**
 * The Jobs table holds two kinds of row in each pulse's partition, told apart by the row key:
 *   J:<job name>   timed work (see domain/model/job.ts)
 *   O:<name>       a "once" marker: something that must happen at most once for the pulse
 *                  (posting its closing summary, its fan-out line), created before doing it
 * A collaborative's own timed work and markers (no pulse: its interventions' reminders and
 * weekly digest) are the same rows in a partition named by the collaborative alone. ':' never
 * occurs in an id, so it cannot collide with any pulse's partition ('<collaborative>:<pulse>').
 */
export function jobPartitionKey(scope: JobScope): string {
  return scope.pulseId === undefined ? keyPart(scope.collaborativeId) : scopePartitionKey({ collaborativeId: scope.collaborativeId, pulseId: scope.pulseId });
}

export function jobKeys(scope: JobScope, name: string): EntityKeys {
  return { partitionKey: jobPartitionKey(scope), rowKey: `J:${keyPart(name)}` };
}

export function onceKeys(scope: JobScope, name: string): EntityKeys {
  return { partitionKey: jobPartitionKey(scope), rowKey: `O:${keyPart(name)}` };
}
