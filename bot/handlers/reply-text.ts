import type { RemindPulseResult, ShownCount, StartPulseResult } from '../../src/app/pulse';
import { dayText, plural, timeText } from '../../src/contract/display-format';
import { escapeMarkdown } from '../../src/cards/plain-text';

/**
 * The short plain-text replies: what happened, in counts only (never who), and what people
 * can do next. Teams reads them as markdown, so every name people typed goes through
 * escapeMarkdown.
 */

/** After "pulse start". */
export function startSummary(result: StartPulseResult): string {
  const { pulse } = result;
  const lines = [`The pulse about ${escapeMarkdown(pulse.focalProcess)} is open${pulse.closesAt ? ` until ${dayText(pulse.closesAt)}` : ''}.`];
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

/** "4 people who have not answered yet", as the k rule lets the count be shown. */
function notAnsweredYet(count: ShownCount): string {
  if ('n' in count) return `${plural(count.n, 'person', 'people')} who have not answered yet`;
  if ('fewerThan' in count) return `fewer than ${count.fewerThan} people who have not answered yet`;
  return 'everyone who has not answered yet';
}

/** After "pulse remind" (or the status card's button). Counts come as the k rule lets them be shown. */
export function remindSummary(result: RemindPulseResult): string {
  if (result.nobodyToRemind) return 'There was nobody to remind: everyone invited who can be reached has answered.';
  const who = notAnsweredYet(result.reminded);
  if (result.notBefore) {
    return `It is quiet hours now, so a gentle reminder will go to ${who} at ${timeText(result.notBefore)} on ${dayText(result.notBefore)}.`;
  }
  const lines = [result.queued ? `A gentle reminder is on its way to ${who}.` : `A gentle reminder went to ${who}.`];
  const { failed } = result;
  if ('n' in failed) {
    if (failed.n > 0) lines.push(`${plural(failed.n, 'reminder')} could not be delivered just now.`);
  } else lines.push(`${'fewerThan' in failed ? `Fewer than ${failed.fewerThan}` : 'Some'} reminders could not be delivered just now.`);
  return lines.join(' ');
}

/** "4 people who have not started yet", as the k rule lets the count be shown. */
function notStartedYet(count: ShownCount): string {
  if ('n' in count) return `${plural(count.n, 'person', 'people')} who have not started yet`;
  if ('fewerThan' in count) return `fewer than ${count.fewerThan} people who have not started yet`;
  return 'everyone who has not started yet';
}

/** After "pulse resend": the survey card again, only to those who have not started. */
export function resendSummary(result: RemindPulseResult): string {
  if (result.nobodyToRemind) return 'There was nobody to send it to again: everyone invited who can be reached has started or answered.';
  const who = notStartedYet(result.reminded);
  if (result.notBefore) return `It is quiet hours now, so the survey card will go again to ${who} at ${timeText(result.notBefore)} on ${dayText(result.notBefore)}.`;
  return result.queued ? `The survey card is on its way again to ${who}.` : `The survey card went again to ${who}.`;
}

/** Posted in the channel when RC Pulse is added to a team. */
export function teamWelcomeText(collaborativeName: string, created: boolean): string {
  const start = created
    ? `Hello! RC Pulse is set up for ${escapeMarkdown(collaborativeName)}, and whoever added me is its first facilitator.`
    : `Hello! RC Pulse is now linked to ${escapeMarkdown(collaborativeName)}.`;
  return (
    `${start} I ask short, anonymous questions about how our groups work together, and share the results here as ` +
    'figures for groups, never for individuals. Facilitators can start with "setup". Mention me with "help" to see what I can do.'
  );
}

/** Sent in a person's chat when they install RC Pulse and are on a collaborative's list. */
export function personalWelcomeText(collaborativeNames: readonly string[]): string {
  return (
    `Hello! You are taking part in ${collaborativeNames.map(escapeMarkdown).join(' and ')}. When a pulse opens, I will send you a short survey card here. ` +
    'Your answers are anonymous: they are only ever shown as figures for groups. Type "help" to see what I can do, or "my data" to see what I keep about you.'
  );
}

/** Sent when someone installs RC Pulse but is on no collaborative's list: nothing was stored. */
export function notOnListText(): string {
  return 'Hello! You are not on the list of any collaborative that uses RC Pulse yet, so I have not saved anything about you. If you should be taking part, please ask a facilitator to add you.';
}

/** Said in a channel or group chat when "my data" went to the person's own chat instead. */
export function sentPrivatelyText(): string {
  return "I've sent it to you privately.";
}

/** Said there when the person's own chat could not be reached: nothing of theirs is posted in its place. */
export function notSentPrivatelyText(): string {
  return 'I could not send it to you privately just now. Please open your chat with RC Pulse and type "my data" there.';
}
