import { plural } from '../contract/display-format';
import { adaptiveCard, heading, plain, run, text } from './card-kit';
import type { AdaptiveCard, CardElement } from './card-types';
import { dueDayText, interventionsTabButton } from './interventions-card';

/**
 * The weekly digest posted in the collaborative's channel (when it has turned it on): which
 * interventions were recorded, moved on or given updates in the last seven days. What people
 * typed (titles, update text) goes in TextRuns, never read as markdown.
 */

/** What happened to one intervention in the week. */
export interface DigestItem {
  title: string;
  /** Recorded this week. */
  created: boolean;
  /** Status moves this week, in order, as people read them: 'agreed → in progress'. */
  moves: readonly string[];
  /** Entries added to its log this week (moves included), not counting the one that recorded it. */
  updates: number;
  /** The newest update's text, when it has one this week. */
  latest?: string;
}

export interface DigestView {
  /** The first day of the seven the digest covers, 'YYYY-MM-DD'. */
  from: string;
  items: readonly DigestItem[];
  tabUrl: string;
}

/** At most this many interventions in one digest; the tab has the rest. */
export const MAX_DIGEST_ITEMS = 12;
/** An update's text is cut to this many characters in the digest. */
const LATEST_CHARS = 200;

function what(item: DigestItem): string {
  const parts = [
    ...(item.created ? ['recorded this week'] : []),
    ...item.moves.map((m) => `moved ${m}`),
    ...(item.updates > 0 ? [plural(item.updates, 'update')] : []),
  ];
  const sentence = parts.join(', ');
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
}

/** The digest card: a line or two per intervention that changed. */
export function interventionDigestCard(view: DigestView): AdaptiveCard {
  const shown = view.items.slice(0, MAX_DIGEST_ITEMS);
  const more = view.items.length - shown.length;
  const body: CardElement[] = [
    heading('Interventions: the week in brief'),
    text(`What changed since ${dueDayText(view.from)}: ${plural(view.items.length, 'intervention')}.`, { spacing: 'small' }),
    ...shown.flatMap((item): CardElement[] => [
      plain([run(item.title, { weight: 'bolder' })], { spacing: 'medium', separator: true }),
      text(what(item), { spacing: 'none', size: 'small' }),
      ...(item.latest
        ? [plain([run('Latest: ', { isSubtle: true }), run(item.latest.length > LATEST_CHARS ? `${item.latest.slice(0, LATEST_CHARS - 1)}…` : item.latest)], { spacing: 'none' })]
        : []),
    ]),
    ...(more > 0 ? [text(`And ${more} more in the tab.`, { isSubtle: true, spacing: 'medium' })] : []),
    text('Posted every Monday morning while the collaborative has the digest turned on.', { isSubtle: true, size: 'small', spacing: 'medium' }),
  ];
  return adaptiveCard(body, interventionsTabButton(view.tabUrl));
}
