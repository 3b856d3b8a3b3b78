import { ConcurrencyError } from '../../storage/storage-errors';
import type { InterventionDetail } from './intervention-view';

/**
 * An edit was made from a version of the intervention that is no longer the stored one:
 * someone else changed it first. Nothing was written. `current` is their version, as the
 * person asking may see it, so the tab can show it (the HTTP layer answers 409 with it) and
 * the person can decide again.
 */
export class InterventionChangedError extends ConcurrencyError {
  override readonly userMessage =
    'Someone else changed this intervention since you opened it. Their version is shown now; please make your change again if it is still needed.';

  constructor(
    readonly current: InterventionDetail,
    cause?: unknown,
  ) {
    super('concurrent_update', `intervention ${current.collaborativeId}/${current.id} changed; now at ${current.etag}`, cause);
  }
}
