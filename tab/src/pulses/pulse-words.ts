/* Pure: no DOM, so unit tests can check it. */
import type { PulseAdminItem, ScheduleViewBody } from '../../../src/contract/pulse-admin-contract';
import { dayText, timeText } from '../../../src/domain/text-format';

/** How the Pulses page words a pulse: its state, its scope, its dates. */

export const STATUS_LABELS: Readonly<Record<PulseAdminItem['status'], string>> = {
  draft: 'Scheduled',
  open: 'Open',
  closed: 'Closed',
  cancelled: 'Cancelled',
};

/** The page's sections, in the order they are shown. */
export const SECTIONS: readonly { status: PulseAdminItem['status']; title: string; empty: string }[] = [
  { status: 'open', title: 'Open now', empty: 'No pulse is open.' },
  { status: 'draft', title: 'Scheduled', empty: 'Nothing is scheduled.' },
  { status: 'closed', title: 'Closed', empty: 'No pulse has closed yet.' },
  { status: 'cancelled', title: 'Cancelled', empty: 'No pulse was cancelled.' },
];

/** "Monday 2 March 2026 at 09:00", UK time. */
export function whenText(iso: string): string {
  return `${dayText(iso, true)} at ${timeText(iso)}`;
}

/** Who is asked, in words. */
export function askingText(asking: readonly string[] | null): string {
  return asking === null || asking.length === 0 ? 'Everyone on the list' : asking.join(', ');
}

/** The dates that matter for a pulse in its state, as label and words. */
export function dateLines(item: PulseAdminItem): [string, string][] {
  const lines: [string, string][] = [];
  if (item.status === 'draft' && item.opensAt) lines.push(['Opens', whenText(item.opensAt)]);
  if (item.openedAt) lines.push(['Opened', whenText(item.openedAt)]);
  if (item.status !== 'cancelled' && item.closesAt && !item.closedAt) lines.push([item.status === 'draft' ? 'Would close' : 'Closes', whenText(item.closesAt)]);
  if (item.closedAt) lines.push(['Closed', whenText(item.closedAt)]);
  if (item.cancelledAt) lines.push(['Cancelled', whenText(item.cancelledAt)]);
  if (item.extensions > 0) lines.push(['Extended', item.extensions === 1 ? 'once' : `${item.extensions} times`]);
  return lines;
}

/** How a schedule repeats, in words. */
export function repeatText(recurrence: ScheduleViewBody['recurrence']): string {
  if (!recurrence) return 'Does not repeat';
  const every = recurrence.every === 1 ? `Every ${recurrence.unit}` : `Every ${recurrence.every} ${recurrence.unit}s`;
  return recurrence.count ? `${every}, ${recurrence.count} times in all` : `${every}, until ${recurrence.until ?? 'its last day'}`;
}
