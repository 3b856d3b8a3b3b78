import { adaptiveCard, text } from './card-kit';
import type { AdaptiveCard } from './card-types';
import { plural } from '../contract/display-format';

/**
 * The one line posted in the collaborative's channel when a pulse's invitations have all
 * been sent: how many people got the survey card, and why the others did not. Counts of
 * delivery only, never of answers.
 */

/** The invitation rows of a pulse, counted. */
export interface FanOutCounts {
  /** Delivery rows: everyone the card was sent to. */
  total: number;
  sent: number;
  /** Blocked or removed the app (403), or their chat is gone (404). */
  removed: number;
  /** Gave up after the attempt limit. */
  failed: number;
}

/** "Sent to 412 of 415 members; 3 have removed the app." */
export function fanOutSummaryLine(counts: FanOutCounts): string {
  const parts = [`Survey card sent to ${counts.sent} of ${plural(counts.total, 'member')}`];
  if (counts.removed > 0) parts.push(`${counts.removed} ${counts.removed === 1 ? 'has' : 'have'} removed the app`);
  if (counts.failed > 0) parts.push(`${counts.failed} could not be reached just now`);
  return `${parts.join('; ')}.`;
}

/** The line as a small card (the channel post). */
export function fanOutNoticeCard(counts: FanOutCounts): AdaptiveCard {
  return adaptiveCard([text(fanOutSummaryLine(counts))]);
}
