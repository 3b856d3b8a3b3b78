import type { Storage } from '../../../storage/storage';
import type { QuietHours } from '../../../domain/quiet-hours';
import type { CardFanOut, CardSender, Clock, Logger } from '../../ports';
import type { DeliverPulseCards } from '../deliver-pulse-cards';
import type { PulseContexts } from '../pulse-context';

/**
 * What a pulse's timed work needs: all of storage, the pulse's cards through the queue, and
 * from the delivery engine only its ports: the fan-out (to queue again what was lost, and how
 * busy the queue is) and a sender paced with it (for the channel's lines).
 */
export interface PulseJobDeps {
  storage: Storage;
  /** A pulse's cards through the queue, queued in full before the job counts as done. */
  deliver: DeliverPulseCards;
  fanOut: Pick<CardFanOut, 'queueRound' | 'requeue' | 'secondsToSend' | 'queueDepth'>;
  /** Paced with the fan-out (the engine's pacedSender). */
  sender: CardSender;
  contexts: Pick<PulseContexts, 'get'>;
  /** Deep link to the results tab, for the closing summary. */
  tabUrl: string;
  /** How long a worker holds a card's claim (a claim far older has lost its worker). */
  leaseMs: number;
  quietHours?: QuietHours;
  /** The time zone people's dates and times are in (DELIVERY_TIME_ZONE); the quiet hours' when not given. */
  timeZone?: string;
  clock: Clock;
  log: Logger;
}
