import type { DeliverPulseCards } from '../../app/pulse/deliver-pulse-cards';
import type { CardSender, Clock, Logger } from '../../app/ports';
import type { Job } from '../../domain/model/job';
import type { QuietHours } from '../../domain/quiet-hours';
import type { Storage } from '../../storage/storage';
import type { CardQueue } from '../card-queue';
import type { PulseContexts } from '../pulse-context';

/** What timed work needs: all of storage, the fan-out, a paced sender and the settings. */
export interface JobDeps {
  storage: Storage;
  deliver: DeliverPulseCards;
  queue: Pick<CardQueue, 'enqueue' | 'approximateCount'>;
  /** Paced with the fan-out (PacedSender). */
  sender: CardSender;
  contexts: Pick<PulseContexts, 'get'>;
  tabUrl: string;
  ratePerTenant: number;
  leaseMs: number;
  quietHours?: QuietHours;
  clock: Clock;
  log: Logger;
}

/** How a run of a job ended: done for good, or due again at `dueAt` (in `phase`, for a close). */
export type JobResult = { done: true } | { done: false; dueAt: Date; phase?: Job['phase'] };

/** A job finished for good. */
export const DONE: JobResult = { done: true };
