import { protectPartition, type Cell } from '../domain/anonymity';
import type { PulseStatus } from '../domain/model/pulse';
import { adaptiveCard, executeAction, facts, heading, plain, run, text } from './card-kit';
import type { AdaptiveCard, CardButton, CardElement, RichTextBlock } from './card-types';
import { countOrFewer, dayText, fewerThan, percent, timeText } from '../contract/display-format';

/**
 * The pulse status card for facilitators: invited, answered and progress by workgroup.
 * Answered counts below k read "fewer than k", and a single hidden group count is never
 * left to be worked out from the others (the complementary rule used for figures).
 */

export interface WorkgroupProgress {
  name: string;
  invited: number;
  /** Released responses from people who chose this group (never those still waiting). */
  answered: number;
}

/** Where sending the pulse's cards stands, aggregated from the delivery rows. */
export interface DeliveryCounts {
  sent: number;
  pending: number;
  failed: number;
  blocked: number;
}

export interface PulseStatusView {
  /** The collaborative whose pulse this is: the card's buttons carry it with the pulse id. */
  collaborativeId: string;
  pulseId: string;
  focalProcess: string;
  status: PulseStatus;
  k: number;
  invited: number;
  /** Everyone who has sent their answers (the ledger), released or still waiting. */
  answered: number;
  /** People who have started but not yet sent their answers, when known. */
  started?: number;
  workgroups: readonly WorkgroupProgress[];
  delivery?: DeliveryCounts;
  /** ISO instant the pulse closes, when it has a closing date. */
  closesAt?: string;
  /** How many times its close was moved later (a note says so). */
  extensions?: number;
  /** ISO instant the counts were taken. */
  asOf?: string;
  /** Facilitators get Send a reminder and Close the pulse. */
  canManage: boolean;
  /**
   * Teams user ids ("29:...") whose copy of the card refreshes itself while cards are still
   * being sent, so a facilitator watching it sees the counts move without pressing Refresh.
   */
  refreshFor?: readonly string[];
}

const STATUS_TEXT: Readonly<Record<PulseStatus, string>> = {
  draft: 'Not started yet',
  open: 'Open',
  closed: 'Closed',
  cancelled: 'Cancelled',
};

/**
 * Which answered counts must be hidden: those below k, plus whatever stops a hidden group
 * count being found by subtraction. The groups' counts partition the released responses,
 * not the answered total (which also holds those still waiting); once nothing waits the two
 * are equal, so the released total is treated as known and the rule is applied to it.
 */
export function hiddenAnsweredCounts(view: Pick<PulseStatusView, 'answered' | 'workgroups' | 'k'>): { total: boolean; groups: boolean[] } {
  const released = view.workgroups.reduce((sum, w) => sum + w.answered, 0);
  // Cells are named by position: the rule breaks ties by name, and positions are unique.
  const total: Cell = { name: 'total', n: released, suppressed: released < view.k };
  const parts: Cell[] = view.workgroups.map((w, i) => ({ name: String(i).padStart(4, '0'), n: w.answered, suppressed: w.answered < view.k }));
  protectPartition(total, parts);
  return { total: view.answered < view.k, groups: parts.map((p) => p.suppressed) };
}

function progressText(answered: number, invited: number, hidden: boolean, k: number): string {
  if (hidden) return `${fewerThan(k)} of ${invited}`;
  const share = percent(answered, invited);
  return share ? `${answered} of ${invited} (${share})` : `${answered} of ${invited}`;
}

/** One line per group: a single plain run of text keeps 50 long names well inside the size limit. */
function progressRow(w: WorkgroupProgress, hidden: boolean, k: number): RichTextBlock {
  return plain([`${w.name}: ${progressText(w.answered, w.invited, hidden, k)}`], { spacing: 'small' });
}

function statusLine(view: PulseStatusView): string {
  const closes = view.status === 'open' && view.closesAt ? `, closes ${dayText(view.closesAt)}` : '';
  return `${STATUS_TEXT[view.status]}${closes}`;
}

/** Invited, answered and progress by workgroup, with Refresh and (for facilitators) Remind and Close. */
export function pulseStatusCard(view: PulseStatusView): AdaptiveCard {
  const hidden = hiddenAnsweredCounts(view);
  const answered = hidden.total ? fewerThan(view.k) : countOrFewer(view.answered, view.k);
  const share = hidden.total ? undefined : percent(view.answered, view.invited);
  const body: CardElement[] = [
    heading('Pulse status'),
    plain(['About ', run(view.focalProcess, { weight: 'bolder' })], { spacing: 'none' }),
    facts([
      ['Status', statusLine(view)],
      ['Invited', String(view.invited)],
      ['Answered', share ? `${answered} (${share})` : answered],
      ...(view.started !== undefined ? [['Started, not sent yet', countOrFewer(view.started, view.k)] as const] : []),
    ]),
    // While open there are no figures at all (published once, at close): say when they come.
    ...(view.status === 'open'
      ? [text(`Figures appear when the pulse closes${view.closesAt ? ` on ${dayText(view.closesAt)}` : ''}.`, { spacing: 'small' })]
      : []),
    ...(view.status === 'open' && view.extensions && view.closesAt ? [text(`Extended to ${dayText(view.closesAt)}.`, { isSubtle: true, spacing: 'none' })] : []),
    ...(view.workgroups.length > 0
      ? [
          text('Progress by group', { weight: 'bolder', spacing: 'medium' }),
          ...view.workgroups.map((w, i) => progressRow(w, hidden.groups[i] ?? true, view.k)),
          text(`Answers are added to their group in batches of at least ${view.k}, so these counts can be behind the total.`, {
            isSubtle: true,
            size: 'small',
            spacing: 'small',
          }),
        ]
      : []),
    ...(view.delivery
      ? [
          text('Sending the survey card', { weight: 'bolder', spacing: 'medium' }),
          facts([
            ['Delivered', String(view.delivery.sent)],
            ['Waiting to send', String(view.delivery.pending)],
            ['Could not deliver', String(view.delivery.failed)],
            ['Blocked or removed the app', String(view.delivery.blocked)],
          ]),
        ]
      : []),
    text(`Counts below ${view.k} read "${fewerThan(view.k)}", so nobody can tell who has answered in a small group.`, {
      isSubtle: true,
      size: 'small',
      spacing: 'medium',
    }),
    ...(view.asOf ? [text(`As of ${timeText(view.asOf)} on ${dayText(view.asOf)}.`, { isSubtle: true, size: 'small', spacing: 'none' })] : []),
  ];
  const ref = { collaborativeId: view.collaborativeId, pulseId: view.pulseId };
  const actions: CardButton[] = [executeAction('Refresh', 'status.refresh', ref)];
  if (view.canManage && view.status === 'open') {
    actions.push(
      executeAction('Send a reminder', 'pulse.remind', ref),
      executeAction('Close the pulse', 'pulse.close', { ...ref, confirmed: false }, { style: 'destructive' }),
    );
  }
  const card = adaptiveCard(body, actions);
  const sending = (view.delivery?.pending ?? 0) > 0 && view.status === 'open';
  // Teams allows at most 60 people on a card's automatic refresh.
  if (sending && view.refreshFor && view.refreshFor.length > 0) card.refresh = { action: executeAction('Refresh', 'status.refresh', ref), userIds: view.refreshFor.slice(0, 60) };
  return card;
}

export interface ClosePulseConfirmView {
  pulseId: string;
  focalProcess: string;
  answered: number;
  k: number;
}

/**
 * Asks before closing: closing is final for everyone. "Not now" goes back to the status.
 * The close use-case says what to ask; the bot adds the collaborative the buttons carry.
 */
export function closePulseConfirmCard(view: ClosePulseConfirmView & { collaborativeId: string }): AdaptiveCard {
  const ref = { collaborativeId: view.collaborativeId, pulseId: view.pulseId };
  return adaptiveCard(
    [
      heading('Close this pulse?'),
      plain(['About ', run(view.focalProcess, { weight: 'bolder' })], { spacing: 'none' }),
      text(`So far ${countOrFewer(view.answered, view.k)} people have answered.`),
      text('Closing ends answering for everyone and cannot be undone. The results then become final.'),
    ],
    [
      executeAction('Yes, close it', 'pulse.close', { ...ref, confirmed: true }, { style: 'destructive' }),
      executeAction('Not now', 'status.refresh', ref),
    ],
  );
}
