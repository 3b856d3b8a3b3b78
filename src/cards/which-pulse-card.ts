import { dayText, plural } from '../contract/display-format';
import type { ExtendTarget } from '../domain/pulse-lifecycle';
import { adaptiveCard, executeAction, heading, plain, run, text } from './card-kit';
import type { AdaptiveCard, CardElement } from './card-types';
import type { CHOOSABLE_COMMANDS } from './card-verbs';

/**
 * "Which pulse do you mean?": the answer to a pulse command typed while several pulses are
 * open and none was named. One button per open pulse runs the same command for that pulse.
 * Made for a phone: each pulse is its own block (name, who it asks, its button), every line
 * wraps, and button titles stay short.
 */

/** The command a press runs: the one typed, with how much later for "pulse extend". */
export type ChosenCommand = { command: (typeof CHOOSABLE_COMMANDS)[number] } | { command: 'pulse extend'; extend: ExtendTarget };

/** One open pulse to choose. */
export interface WhichPulseOption {
  pulseId: string;
  /** Its title, or its focal process when it has none (typed by people: shown as plain text). */
  name: string;
  /** Names of the groups it asks; absent when it asks everyone. */
  asks?: readonly string[];
}

export type WhichPulseView = ChosenCommand & {
  /** The collaborative the pulses belong to: every button carries it. */
  collaborativeId: string;
  pulses: readonly WhichPulseOption[];
};

/** Longest button title: a phone shows about this much on one line. */
export const MAX_BUTTON_TITLE = 40;
/** Groups named before "and N more". */
const GROUPS_NAMED = 3;

/** What pressing will do, in the words of the command typed. */
function whatHappens(choice: ChosenCommand): string {
  switch (choice.command) {
    case 'pulse status':
      return 'show you how it is going';
    case 'pulse remind':
      return 'send a gentle reminder to the people who have not answered it yet';
    case 'pulse close':
      return 'ask you to confirm before closing it';
    case 'pulse resend':
      return 'send its survey card again to the people who have not started it';
    case 'pulse cancel':
      return 'ask you to confirm before cancelling it';
    case 'pulse extend':
      return 'date' in choice.extend
        ? `move its closing date to ${dayText(`${choice.extend.date}T12:00:00Z`)}`
        : `move its closing date ${plural(choice.extend.days, 'day')} later`;
  }
}

/** "Asks MBU nursing, Health visiting and 2 more groups", in a few words. */
export function asksText(asks: readonly string[] | undefined): string {
  if (!asks || asks.length === 0) return 'Asks everyone';
  const named = asks.slice(0, GROUPS_NAMED);
  const more = asks.length - named.length;
  if (more > 0) return `Asks ${named.join(', ')} and ${plural(more, 'more group')}`;
  return named.length === 1 ? `Asks ${named[0]}` : `Asks ${named.slice(0, -1).join(', ')} and ${named.at(-1)}`;
}

/** A name short enough for one line of a button on a phone. */
export function buttonTitle(name: string): string {
  const oneLine = name.replace(/\s+/g, ' ').trim();
  return oneLine.length <= MAX_BUTTON_TITLE ? oneLine : `${oneLine.slice(0, MAX_BUTTON_TITLE - 1).trimEnd()}…`;
}

/** The data a pulse's button carries: the collaborative, the pulse and the command. */
function choiceData(view: WhichPulseView, pulseId: string) {
  const ref = { collaborativeId: view.collaborativeId, pulseId };
  return view.command === 'pulse extend' ? { ...ref, command: view.command, extend: view.extend } : { ...ref, command: view.command };
}

/** The card asking which of the open pulses a command is for. */
export function whichPulseCard(view: WhichPulseView): AdaptiveCard {
  const options: CardElement[] = view.pulses.map((p) => ({
    type: 'Container',
    separator: true,
    spacing: 'medium',
    items: [
      plain([run(p.name, { weight: 'bolder' })]),
      plain([run(asksText(p.asks), { isSubtle: true })], { spacing: 'none' }),
      { type: 'ActionSet', spacing: 'small', actions: [executeAction(buttonTitle(p.name), 'pulse.choose', choiceData(view, p.pulseId))] },
    ],
  }));
  return adaptiveCard([
    heading('Which pulse do you mean?'),
    text(`${view.pulses.length} pulses are open. Choose one and I will ${whatHappens(view)}.`),
    ...options,
  ]);
}

/** Said when the pulse chosen has closed (or was cancelled) since the card was sent. */
export function pulseNoLongerOpenCard(view: { name?: string; cancelled?: boolean }): AdaptiveCard {
  const what = view.cancelled ? 'was cancelled' : 'has closed';
  return adaptiveCard([
    heading('That pulse is no longer open'),
    ...(view.name ? [plain([run(view.name, { weight: 'bolder' })])] : []),
    text(`It ${what} since this card was sent, so nothing was done. Type "pulse status" to see the pulses open now${view.cancelled ? '' : ', or "results" for its results'}.`),
  ]);
}
