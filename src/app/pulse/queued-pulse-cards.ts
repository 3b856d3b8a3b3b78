import { INVITE_ROUND } from '../../domain/model/delivery';
import { nextAllowed, type QuietHours } from '../../domain/quiet-hours';
import type { Storage } from '../../storage/storage';
import type { CardFanOut, Clock } from '../ports';
import type { DeliverPulseCards } from './deliver-pulse-cards';
import { inviteCheckJob, reminderRecheckJob } from './jobs/pulse-jobs';
import { manualReminderRound } from './remind-pulse';

/**
 * A pulse's cards through the delivery engine's queue fan-out, as the use-cases'
 * DeliverPulseCards: the pulse's own decisions (which round, the timed job that mends a round
 * left half-queued, reminders held through quiet hours) are made here, and the fan-out writes
 * the rows and queues a message each.
 */

/** What queuing a pulse's cards needs: the engine's fan-out, the Jobs table and quiet hours. */
export interface QueuedPulseCardsDeps {
  fanOut: CardFanOut;
  jobs: Pick<Storage['jobs'], 'schedule'>;
  quietHours?: QuietHours;
  clock: Clock;
}

/** How a caller waits for the fan-out. */
export interface QueuedPulseCardsOptions {
  /**
   * Answer once the first cards are queued, queuing the rest in the background: for a bot
   * turn, which Teams allows 15 s, where queuing thousands of messages can take longer. Rows
   * are written first, and a timed job is recorded before anything is queued, so if this
   * instance stops half-way that job finds the rows that have no message and queues them
   * again: the invitation check for invitations, a re-run of the round for reminders. Timed
   * work (scheduled reminder rounds) always queues in full: its job is the record that it did.
   */
  answerEarly?: boolean;
}

/** The queue fan-out of a pulse's cards; reminders asked for in quiet hours wait, as a timed job, until they end. */
export function queuedPulseCards(deps: QueuedPulseCardsDeps, options: QueuedPulseCardsOptions = {}): DeliverPulseCards {
  return async ({ scope, recipients, purpose, round, card }) => {
    const now = deps.clock();
    const roundId = purpose === 'invite' ? INVITE_ROUND : (round ?? manualReminderRound(now));
    const seconds = deps.fanOut.secondsToSend(recipients);
    if (purpose === 'invite') await deps.jobs.schedule([inviteCheckJob(scope, now, seconds)]);
    const notBefore = purpose === 'remind' ? nextAllowed(now, deps.quietHours) : now;
    if (notBefore > now) {
      // Quiet hours: only a timed job is kept until they end (it names nobody); the round is
      // built then, from who has still not answered.
      await deps.jobs.schedule([{ ...scope, name: roundId, kind: 'remind', dueAt: notBefore.toISOString(), state: 'due' }]);
      return { sent: 0, blocked: 0, failed: 0, queued: recipients.length, notBefore: notBefore.toISOString() };
    }
    const cards = { scope, round: roundId, recipients, card };
    if (options.answerEarly) {
      // The invitation check was scheduled above; a reminder round gets its re-run.
      if (purpose === 'remind') await deps.jobs.schedule([reminderRecheckJob(scope, roundId, now, seconds)]);
      const mender = purpose === 'invite' ? 'the invitation check' : 'a re-run of the round';
      await deps.fanOut.queueRound(cards, { answerEarly: { mender } });
      return { sent: 0, blocked: 0, failed: 0, queued: recipients.length };
    }
    const queued = await deps.fanOut.queueRound(cards);
    return { sent: 0, blocked: 0, failed: 0, queued };
  };
}
