import { countOrFewer, dayText } from '../contract/display-format';
import { adaptiveCard, executeAction, heading, plain, run, text } from './card-kit';
import type { AdaptiveCard } from './card-types';

/**
 * Cards for a pulse's life after it opens: the question before cancelling (which deletes
 * answers, so it says so plainly), and what a cancel or an extension did.
 */

/** What the confirmation card says before anything is deleted. */
export interface CancelPulseConfirmView {
  pulseId: string;
  focalProcess: string;
  status: 'draft' | 'open';
  /** People who have sent their answers (the ledger), shown under the k rule. */
  answered: number;
  k: number;
  /** A scheduled pulse of a repeating series: only this one is cancelled, the series goes on. */
  repeats?: boolean;
}

/**
 * Asks before cancelling. "Not now" goes back to the pulse's status (an open pulse) and
 * changes nothing; the bot adds the collaborative the buttons carry.
 */
export function cancelPulseConfirmCard(view: CancelPulseConfirmView & { collaborativeId: string }): AdaptiveCard {
  const ref = { collaborativeId: view.collaborativeId, pulseId: view.pulseId };
  const what =
    view.status === 'open'
      ? [
          text(`So far ${countOrFewer(view.answered, view.k)} people have answered.`),
          text('Cancelling deletes every answer given to this pulse, and everything saved for later. No results will ever be shown for it. This cannot be undone.', { weight: 'bolder' }),
        ]
      : [
          text('This pulse has not opened yet. Cancelling means its survey card will not be sent.'),
          ...(view.repeats ? [text('It is one of a repeating series: only this one is cancelled, and the next is planned as usual.')] : []),
        ];
  return adaptiveCard(
    [heading('Cancel this pulse?'), plain(['About ', run(view.focalProcess, { weight: 'bolder' })], { spacing: 'none' }), ...what],
    [
      executeAction('Yes, cancel it and delete its answers', 'pulse.cancel', { ...ref, confirmed: true }, { style: 'destructive' }),
      ...(view.status === 'open' ? [executeAction('Not now', 'status.refresh', ref)] : []),
    ],
  );
}

/** Said once a pulse is cancelled. */
export function pulseCancelledCard(view: { focalProcess: string }): AdaptiveCard {
  return adaptiveCard([
    heading('Pulse cancelled'),
    plain(['About ', run(view.focalProcess, { weight: 'bolder' })], { spacing: 'none' }),
    text('Its answers and anything saved for later have been deleted, and no results will be shown for it. Anyone who tries to answer now is told it was cancelled.'),
  ]);
}

/** The reply to "pulse extend". */
export function pulseExtendedText(result: { pulse: { closesAt?: string | undefined; extensions?: number | undefined }; remindersMoved: number }): string {
  const closes = result.pulse.closesAt ? dayText(result.pulse.closesAt) : 'later';
  const reminders = result.remindersMoved > 0 ? ' Reminders still to come have moved by the same amount.' : '';
  return `Extended to ${closes}. Figures appear when it closes then.${reminders} (Extension ${result.pulse.extensions ?? 1} of 4.)`;
}
