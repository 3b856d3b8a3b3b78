import { describeInstant, type Recurrence } from '../domain/pulse-schedule';
import { adaptiveCard, executeAction, heading, plain, run, text } from './card-kit';
import type { AdaptiveCard, CardElement } from './card-types';
import type { ScheduleRequest } from './pulse-schedule-schema';

/**
 * Cards for "pulse schedule": what will happen, asked before anything is saved, and what was
 * saved. Made for a phone: one fact per line, no columns. Names people typed (focal process,
 * workgroups) go in plain runs, never read as markdown.
 */

/** What the use-case says a schedule will do (its ScheduleView). */
export interface ScheduleCardView {
  pulseId?: string;
  title?: string;
  focalProcess: string;
  opensAt: string;
  closesAt: string;
  /** The groups asked; empty: everyone. */
  asking: readonly string[];
  /** The groups rated; empty: every group. */
  rating: readonly string[];
  recurrence?: Recurrence;
  /** The series' openings from this one on (instants), the first being `opensAt`; a few at most. */
  openings: readonly string[];
  warnings: readonly string[];
}

/** "Monday 9 March 2026 at 09:30 UK time", in the delivery time zone. */
export function whenText(iso: string, timeZone: string): string {
  const zone = timeZone === 'Europe/London' ? 'UK time' : `${timeZone} time`;
  return `${describeInstant(new Date(iso), timeZone)} ${zone}`;
}

/** "every 4 weeks, 6 times in all" or "every month, until 1 September 2026". */
export function recurrenceText(recurrence: Recurrence): string {
  const unit = recurrence.every === 1 ? `every ${recurrence.unit}` : `every ${recurrence.every} ${recurrence.unit}s`;
  if (recurrence.count !== undefined) return `${unit}, ${recurrence.count} times in all`;
  if (recurrence.until !== undefined) {
    const day = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(`${recurrence.until}T12:00:00Z`));
    return `${unit}, until ${day}`;
  }
  return unit;
}

/** One "Label: value" line; the value may be typed by people, so it is a plain run. */
function line(label: string, value: string): CardElement {
  return plain([run(`${label}: `, { weight: 'bolder' }), value], { spacing: 'small' });
}

/** The facts both cards show. */
function facts(view: ScheduleCardView, timeZone: string): CardElement[] {
  const repeats = view.recurrence ? recurrenceText(view.recurrence) : 'no, it opens once';
  const later = view.openings.slice(1).map((o) => text(`• ${whenText(o, timeZone)}`, { spacing: 'none', isSubtle: true }));
  // The use-case lists a few openings; a series of a known length says how many more follow.
  const more = view.recurrence?.count !== undefined && later.length > 0 ? view.recurrence.count - view.openings.length : 0;
  return [
    ...(view.title ? [line('Title', view.title)] : []),
    line('About', view.focalProcess),
    line('Opens', whenText(view.opensAt, timeZone)),
    line('Closes', whenText(view.closesAt, timeZone)),
    line('Asking', view.asking.length > 0 ? view.asking.join(', ') : 'everyone'),
    line('Rating', view.rating.length > 0 ? view.rating.join(', ') : 'every group'),
    line('Repeats', repeats),
    ...(later.length > 0 ? [text('Then it opens again on:', { spacing: 'small' }), ...later] : []),
    ...(more > 0 ? [text(`and ${more} more.`, { spacing: 'none', isSubtle: true })] : []),
    ...view.warnings.map((w) => plain([run(w, { color: 'warning' })], { spacing: 'medium' })),
  ];
}

/**
 * Asks before scheduling. The buttons carry the whole request (checked again on the press);
 * nothing is saved until "Schedule it".
 */
export function scheduleConfirmCard(view: ScheduleCardView, request: ScheduleRequest, timeZone: string): AdaptiveCard {
  return adaptiveCard(
    [heading('Schedule this pulse?'), ...facts(view, timeZone), text('Nothing is saved until you choose Schedule it.', { isSubtle: true })],
    [
      executeAction('Schedule it', 'pulse.schedule', { ...request, confirmed: true }, { style: 'positive' }),
      executeAction("Don't schedule", 'pulse.schedule', { collaborativeId: request.collaborativeId, confirmed: false }),
    ],
  );
}

/**
 * Said once the pulse is saved: when it opens, and its id (to name it in other commands).
 * `again`: the card was pressed after its pulse was made, so this is that pulse, not another.
 */
export function pulseScheduledCard(view: ScheduleCardView & { pulseId: string }, timeZone: string, again = false): AdaptiveCard {
  return adaptiveCard([
    heading(`Scheduled: opens ${whenText(view.opensAt, timeZone)}`),
    ...(again ? [text('This card had already scheduled it, so nothing new was scheduled.', { spacing: 'small' })] : []),
    line('Pulse id', view.pulseId),
    ...facts(view, timeZone),
    text(`Its survey card goes to the people asked when it opens. To call it off before then, type pulse cancel ${view.pulseId}, or use the Pulses page in the tab.`, { spacing: 'medium' }),
  ]);
}

/** Said after "Don't schedule". */
export function scheduleDroppedCard(): AdaptiveCard {
  return adaptiveCard([heading('Not scheduled'), text('Nothing was saved. You can type pulse schedule again at any time.')]);
}
