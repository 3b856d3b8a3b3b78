import { dayText, plural } from '../contract/display-format';
import { adaptiveCard, heading, plain, run, text } from './card-kit';
import type { AdaptiveCard, CardButton, CardElement, TextRun } from './card-types';

/**
 * The collaborative's open interventions, as the `interventions` command answers: what was
 * agreed, for which ties, where it stands, when it is due and who owns it, the person's own
 * first. Everything people typed (titles, workgroup and owner names) goes in TextRuns, which
 * Teams never reads as markdown. Also the owners' reminder a few days before a due date.
 */

/** One intervention as the card lists it (names, not ids). */
export interface InterventionLine {
  title: string;
  /** 'proposed', 'agreed', 'in progress'. */
  statusWords: string;
  /** "MBU nursing → Community perinatal team", or "Within MBU nursing". */
  ties: readonly string[];
  /** Dimension titles, shown when it names no tie. */
  dimensions: readonly string[];
  /** 'YYYY-MM-DD', when it has a due date. */
  dueOn?: string;
  owners: readonly string[];
  /** The person asking owns it. */
  mine: boolean;
}

export interface InterventionsView {
  /** The open interventions to show, the person's own first. */
  interventions: readonly InterventionLine[];
  /** Open interventions left off to keep the card small (the tab lists them all). */
  more: number;
  /** 'YYYY-MM-DD' today (UK), so a date already passed can say so. */
  today: string;
  /** Deep link to the tab; the button appears only for an https link. */
  tabUrl: string;
}

/** At most this many interventions on one card (the tab lists them all). */
export const MAX_LISTED_INTERVENTIONS = 10;
/** Ties and owners named per intervention; the rest are counted ("and 2 more"). */
const MAX_TIES = 3;
const MAX_OWNERS = 4;
/**
 * Interventions stop being added once the card's JSON would pass this: names may be up to 200
 * characters, and Teams refuses a card of about 28 KB, so the card stays well under it.
 */
const CARD_BUDGET_BYTES = 18 * 1024;

/** "Friday 14 March 2025" for a calendar day (noon UTC is the same day in UK time). */
export function dueDayText(day: string): string {
  return dayText(`${day}T12:00:00Z`, true);
}

function dueWords(line: InterventionLine, today: string): string {
  if (!line.dueOn) return 'no due date';
  return `${line.dueOn < today ? 'was due' : 'due'} ${dueDayText(line.dueOn)}`;
}

/** Names joined as a person would say them: "A, B and C". */
function andList(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** The lines about one intervention: title, where it stands, ties (or dimensions), owners. */
export function interventionLines(line: InterventionLine, today: string): CardElement[] {
  const title: TextRun[] = [run(line.title, { weight: 'bolder' }), ...(line.mine ? [run('  (yours)', { isSubtle: true })] : [])];
  const ties = line.ties.slice(0, MAX_TIES);
  const moreTies = line.ties.length - ties.length;
  const aimed: (string | TextRun)[] =
    ties.length > 0
      ? ['For ', ...ties.flatMap((t, i) => [...(i > 0 ? ['; '] : []), run(t)]), ...(moreTies > 0 ? [` and ${plural(moreTies, 'more tie')}`] : [])]
      : [`For ${andList(line.dimensions.map((d) => d.toLowerCase()))}`];
  const owners = line.owners.slice(0, MAX_OWNERS);
  const moreOwners = line.owners.length - owners.length;
  const named = moreOwners > 0 ? [...owners, plural(moreOwners, 'other')] : owners;
  return [
    plain(title, { spacing: 'medium', separator: true }),
    text(`${line.statusWords.charAt(0).toUpperCase()}${line.statusWords.slice(1)}, ${dueWords(line, today)}.`, { spacing: 'none', size: 'small' }),
    plain(aimed, { spacing: 'none' }),
    plain([owners.length > 0 ? `Owned by ${andList(named)}` : 'Nobody owns it yet'], { spacing: 'none' }),
  ];
}

/** Only an https deep link becomes a button: anything else would be a bug, or worse. */
export function interventionsTabButton(tabUrl: string, title = 'Open the interventions'): CardButton[] {
  return /^https:\/\//i.test(tabUrl) ? [{ type: 'Action.OpenUrl', title, url: tabUrl }] : [];
}

/** The answer to `interventions`: the open interventions, the person's own first. */
export function interventionsCard(view: InterventionsView): AdaptiveCard {
  const total = view.interventions.length + view.more;
  const mine = view.interventions.filter((l) => l.mine).length;
  const intro =
    total === 0
      ? 'There are no open interventions at the moment. When the collaborative agrees what to try, a facilitator records it in the tab.'
      : `${plural(total, 'open intervention')}${mine > 0 ? `, ${mine} of them yours` : ''}.${mine > 0 && mine < total ? ' Yours come first.' : ''}`;
  const build = (shown: number): AdaptiveCard => {
    const more = total - shown;
    const body: CardElement[] = [
      heading('What we are trying'),
      text(intro, { spacing: 'small' }),
      ...view.interventions.slice(0, shown).flatMap((l) => interventionLines(l, view.today)),
      ...(more > 0 ? [text(`And ${more} more in the tab.`, { isSubtle: true, spacing: 'medium' })] : []),
      text('Anyone on the list can add an update in the tab to say how an intervention is going.', { isSubtle: true, size: 'small', spacing: 'medium' }),
    ];
    return adaptiveCard(body, interventionsTabButton(view.tabUrl));
  };
  // As many as fit (always at least one), in the order given: the person's own come first.
  let shown = Math.min(view.interventions.length, MAX_LISTED_INTERVENTIONS);
  let card = build(shown);
  while (shown > 1 && new TextEncoder().encode(JSON.stringify(card)).length > CARD_BUDGET_BYTES) card = build(--shown);
  return card;
}

/** The reminder one owner gets a few days before an intervention is due. */
export interface InterventionReminderView {
  intervention: InterventionLine;
  /** Whole days until the due date (0: today). */
  daysLeft: number;
  tabUrl: string;
  today: string;
}

/** "A reminder: this is due in 3 days", with the intervention and a button to the tab. */
export function interventionReminderCard(view: InterventionReminderView): AdaptiveCard {
  const when = view.daysLeft <= 0 ? 'today' : view.daysLeft === 1 ? 'tomorrow' : `in ${view.daysLeft} days`;
  const body: CardElement[] = [
    heading(`An intervention you own is due ${when}`),
    ...interventionLines({ ...view.intervention, mine: false }, view.today),
    text(
      'If it is done, or the date needs to move, you can say so in the tab, with a short update on how it went. ' +
        'You will not be reminded about this date again.',
      { spacing: 'medium' },
    ),
  ];
  return adaptiveCard(body, interventionsTabButton(view.tabUrl, 'Open it in the tab'));
}
