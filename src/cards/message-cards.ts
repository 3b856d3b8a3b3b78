import { isAppError } from '../domain/errors';
import { adaptiveCard, executeAction, heading, plain, run, text } from './card-kit';
import type { AdaptiveCard } from './card-types';
import { dayText, plural } from '../contract/display-format';

/**
 * Short cards that close or pause a conversation: thank you, pulse closed, saved for later,
 * already answered, and the friendly error card. Each says what happened and what comes next.
 */

export interface ThankYouView {
  k: number;
}

/** After Submit: thanks, what happens next, and that there is nothing more to answer. */
export function thankYouCard(view: ThankYouView): AdaptiveCard {
  return adaptiveCard([
    heading('Thank you, your answers are in'),
    text(
      `Your answers are added to your group's figures without your name. Results are shared with the collaborative once ` +
        `enough people have answered: any figure needs at least ${view.k} people behind it.`,
    ),
    text('There is nothing more for you to answer in this pulse.', { spacing: 'small' }),
  ]);
}

export interface PulseClosedView {
  focalProcess?: string;
  /** ISO instant the pulse closed. */
  closedAt?: string;
}

/** A button pressed on a pulse that has closed: answers can no longer be added. */
export function pulseClosedCard(view: PulseClosedView = {}): AdaptiveCard {
  const when = view.closedAt ? ` on ${dayText(view.closedAt, true)}` : '';
  return adaptiveCard([
    heading('This pulse has closed'),
    ...(view.focalProcess ? [plain(['It asked about ', run(view.focalProcess, { weight: 'bolder' }), '.'])] : []),
    text("This pulse has closed, so your answers can't be added. Thank you for your time."),
    ...(view.closedAt ? [text(`It closed${when}.`, { spacing: 'small' })] : []),
    text('The results are shared with the collaborative in Teams.', { spacing: 'small' }),
  ]);
}

export interface SavedForLaterView {
  /** The collaborative whose pulse this is: the card's buttons carry it with the pulse id. */
  collaborativeId: string;
  pulseId: string;
  /** Groups fully answered so far, and how many there are. */
  groupsDone: number;
  total: number;
  /** ISO instant the pulse closes, when it has a closing date. */
  closesAt?: string;
}

/** After "Save and finish later": what is kept, until when, and a button to carry on. */
export function savedForLaterCard(view: SavedForLaterView): AdaptiveCard {
  const until = view.closesAt ? ` any time before ${dayText(view.closesAt)}` : ' any time while the pulse is open';
  return adaptiveCard(
    [
      heading('Your answers are saved'),
      text(
        `You have finished ${view.groupsDone} of ${plural(view.total, 'group')}. We keep the answers for the groups you ` +
          `finished, without your name. Pick up where you left off${until}.`,
      ),
    ],
    [executeAction('Carry on now', 'survey.resume', { collaborativeId: view.collaborativeId, pulseId: view.pulseId }, { style: 'positive' })],
  );
}

/** A second attempt to answer the same pulse: kind, and clear there is nothing to do. */
export function alreadyAnsweredCard(): AdaptiveCard {
  return adaptiveCard([
    heading('You have already answered this pulse'),
    text('Thank you: each person answers once, so there is nothing more for you to do.'),
  ]);
}

export interface ErrorView {
  /** Correlates the card with the logs; shown so people can quote it. */
  referenceCode: string;
  /** A message already safe to show (an AppError's userMessage), never raw error text. */
  userMessage?: string;
}

const GENERIC_ERROR = 'Something went wrong on our side. Please try again in a few minutes.';

/** Keeps only the characters a reference code is made of, so nothing else can ride along. */
function safeReference(code: string): string {
  return code.replace(/[^A-Za-z0-9-]/g, '').slice(0, 32) || 'unknown';
}

/** A friendly error with a reference code; the message is plain text, never markdown. */
export function errorCard(view: ErrorView): AdaptiveCard {
  return adaptiveCard([
    heading('Sorry, that did not work'),
    plain([(view.userMessage ?? GENERIC_ERROR).slice(0, 500)]),
    text('If it keeps happening, please tell your facilitator and quote this reference:', { spacing: 'medium' }),
    text(safeReference(view.referenceCode), { fontType: 'monospace', weight: 'bolder', spacing: 'small' }),
  ]);
}

/**
 * The error card for anything thrown: an operational AppError shows its user message; any
 * other error (a bug, a library's error) shows only the generic message, never its text.
 */
export function errorCardFor(error: unknown, referenceCode: string): AdaptiveCard {
  const userMessage = isAppError(error) && error.isOperational ? error.userMessage : undefined;
  return errorCard({ referenceCode, ...(userMessage ? { userMessage } : {}) });
}
