import type { PulseSummary } from '../../../src/contract/api-contract';
import { dayText } from '../../../src/contract/display-format';

/** "Repeat, autumn 2024 (closed on Tuesday 22 October 2024)": a pulse in a picker. */
export function pulseLabel(pulse: PulseSummary): string {
  const status = pulseStatusText(pulse);
  return `${pulseName(pulse)} (${status.charAt(0).toLowerCase()}${status.slice(1)})`;
}

/** A pulse's name: its title, or its focal process when it has none. */
export function pulseName(pulse: PulseSummary): string {
  return pulse.title ?? pulse.focalProcess;
}

/** Where a pulse stands, in words: "Open, closes Friday 3 May 2024" / "Closed on Friday 26 April 2024". */
export function pulseStatusText(pulse: PulseSummary): string {
  if (pulse.status === 'open') return pulse.closesAt ? `Open, closes ${dayText(pulse.closesAt, true)}` : 'Open';
  if (pulse.status === 'closed') {
    const closed = pulse.closedAt ?? pulse.closesAt;
    return closed ? `Closed on ${dayText(closed, true)}` : 'Closed';
  }
  return 'Not started';
}
