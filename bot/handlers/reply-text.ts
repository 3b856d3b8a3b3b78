import type { RemindPulseResult, StartPulseResult } from '../../src/app/pulse';
import { dayText, plural, timeText } from '../../src/contract/display-format';

/**
 * The short plain-text replies to facilitators' pulse commands: what happened, in counts
 * only (never who), and what they can do next.
 */

/** After "pulse start". */
export function startSummary(result: StartPulseResult): string {
  const { pulse } = result;
  const lines = [`The pulse about ${pulse.focalProcess} is open${pulse.closesAt ? ` until ${dayText(pulse.closesAt)}` : ''}.`];
  if (result.queued !== undefined) {
    // Through the queue: sending takes about a second per 50 people; the channel hears when it is done.
    lines.push(`The survey card is on its way to ${plural(result.queued, 'person', 'people')}; I will post here when they all have it.`);
  } else {
    lines.push(`${plural(result.sent, 'person was', 'people were')} sent the survey card.`);
    if (result.blocked + result.failed > 0) lines.push(`${plural(result.blocked + result.failed, 'card')} could not be delivered; "pulse status" shows the detail.`);
  }
  if (result.unreachable > 0) {
    // Through the queue, whoever adds RC Pulse while the pulse is open is invited then.
    const then = result.queued !== undefined ? ' They will be sent the survey card as soon as they add it.' : '';
    lines.push(`${plural(result.unreachable, 'person', 'people')} on the list cannot be reached yet: they need RC Pulse in Teams, through the team or in a chat with it.${then}`);
  }
  lines.push('Type "pulse status" to see how it is going.');
  return lines.join(' ');
}

/** After "pulse remind" (or the status card's button). */
export function remindSummary(result: RemindPulseResult): string {
  if (result.reminded === 0 && result.failed === 0) return 'There was nobody to remind: everyone invited who can be reached has answered.';
  if (result.notBefore) {
    return `It is quiet hours now, so a gentle reminder will go to ${plural(result.reminded, 'person', 'people')} who have not answered yet at ${timeText(result.notBefore)} on ${dayText(result.notBefore)}.`;
  }
  const lines = [
    result.queued !== undefined
      ? `A gentle reminder is on its way to ${plural(result.reminded, 'person', 'people')} who have not answered yet.`
      : `A gentle reminder went to ${plural(result.reminded, 'person', 'people')} who have not answered yet.`,
  ];
  if (result.failed > 0) lines.push(`${plural(result.failed, 'reminder')} could not be delivered just now.`);
  return lines.join(' ');
}

/** Posted in the channel when RC Pulse is added to a team. */
export function teamWelcomeText(collaborativeName: string, created: boolean): string {
  const start = created
    ? `Hello! RC Pulse is set up for ${collaborativeName}, and whoever added me is its first facilitator.`
    : `Hello! RC Pulse is now linked to ${collaborativeName}.`;
  return (
    `${start} I ask short, anonymous questions about how our groups work together, and share the results here as ` +
    'figures for groups, never for individuals. Facilitators can start with "setup". Mention me with "help" to see what I can do.'
  );
}

/** Sent in a person's chat when they install RC Pulse and are on a collaborative's list. */
export function personalWelcomeText(collaborativeNames: readonly string[]): string {
  return (
    `Hello! You are taking part in ${collaborativeNames.join(' and ')}. When a pulse opens, I will send you a short survey card here. ` +
    'Your answers are anonymous: they are only ever shown as figures for groups. Type "help" to see what I can do, or "my data" to see what I keep about you.'
  );
}

/** Sent when someone installs RC Pulse but is on no collaborative's list: nothing was stored. */
export function notOnListText(): string {
  return 'Hello! You are not on the list of any collaborative that uses RC Pulse yet, so I have not saved anything about you. If you should be taking part, please ask a facilitator to add you.';
}
