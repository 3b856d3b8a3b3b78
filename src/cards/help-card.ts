import { adaptiveCard, facts, heading, plain, run, text } from './card-kit';
import type { AdaptiveCard, CardElement } from './card-types';

/** A command as the help card lists it (the bot passes its command list, the one source). */
export interface HelpCommand {
  name: string;
  description: string;
  facilitatorOnly: boolean;
}

export interface HelpView {
  /** Facilitators see their own commands too; members are told they exist. */
  isFacilitator: boolean;
  commands: readonly HelpCommand[];
  /** The bot's name as people mention it in a channel. */
  botName: string;
}

/** What you can do with RC Pulse, by role: everyone's commands, then a facilitator's. */
export function helpCard(view: HelpView): AdaptiveCard {
  const list = (facilitatorOnly: boolean) =>
    facts(
      view.commands.filter((c) => c.facilitatorOnly === facilitatorOnly).map((c) => [c.name, c.description] as const),
      'small',
    );
  const body: CardElement[] = [
    heading('What RC Pulse can do'),
    text(
      'RC Pulse asks short questions about how our groups work together, and shares the results as figures for ' +
        'groups, never for individuals.',
    ),
    plain(['In a channel, mention me first, for example ', run(`@${view.botName} pulse status`, { weight: 'bolder' }), '. In a chat with me, just type the command.']),
    text('Everyone can', { weight: 'bolder', spacing: 'medium' }),
    list(false),
    ...(view.isFacilitator
      ? [text('As a facilitator you can also', { weight: 'bolder', spacing: 'medium' }), list(true)]
      : [text('Facilitators can also set up the collaborative and start, remind and close pulses.', { isSubtle: true, spacing: 'medium' })]),
    text('When a pulse is open, RC Pulse sends you a card in this chat. Answer it when you have a few minutes.', {
      spacing: 'medium',
    }),
    text('If you own an intervention, RC Pulse reminds you here a few days before it is due.', { spacing: 'small' }),
  ];
  return adaptiveCard(body);
}
