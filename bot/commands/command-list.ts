/**
 * The commands people can send RC Pulse, in the order help lists them. This is the one
 * source: the help card shows it, the parser matches it, and the app manifest's command
 * list (title <= 32 characters, description <= 128) is generated from or checked against it.
 */

export interface CommandInfo {
  /** What people type, lower case, words separated by one space. */
  name: string;
  /** One plain sentence for help and the manifest. */
  description: string;
  /** Only the collaborative's facilitators may run it (the bot checks; the parser does not). */
  facilitatorOnly: boolean;
  /** A full example, when the command takes arguments. */
  example?: string;
}

export const COMMANDS = [
  { name: 'help', description: 'What RC Pulse can do and how to use it.', facilitatorOnly: false },
  { name: 'results', description: 'A summary of the latest results, with a link to the full results.', facilitatorOnly: false },
  {
    name: 'interventions',
    description: 'The open interventions: what we agreed to try, for which ties, who owns each and when it is due.',
    facilitatorOnly: false,
  },
  { name: 'my data', description: 'What RC Pulse keeps about you, and what it never keeps.', facilitatorOnly: false },
  {
    name: 'setup',
    description: 'See and change the focal process, workgroups, minimum group size and facilitators.',
    facilitatorOnly: true,
  },
  {
    name: 'pulse start',
    description: 'Start a pulse; optionally the focal process, who is asked (asking ...), groups rated (rating ...) and when it closes.',
    facilitatorOnly: true,
    example: 'pulse start admission to the mother and baby unit closes in 14 days',
  },
  { name: 'pulse status', description: 'How many people have answered so far, by group (counts only).', facilitatorOnly: true },
  { name: 'pulse remind', description: 'Send a gentle reminder to people who have not answered yet.', facilitatorOnly: true },
  { name: 'pulse close', description: 'Close the open pulse and make its results final.', facilitatorOnly: true },
  {
    // One entry for both, as the app manifest lists at most ten commands.
    name: 'transition',
    description: 'transition start, mentioning the staff around a family, starts a transition check; transition close ID closes one.',
    facilitatorOnly: false,
    example: 'transition start admission @Asha Patel @Ben Okafor @Carla Reyes',
  },
] as const satisfies readonly CommandInfo[];

/**
 * Commands that are typed, not picked from the menu: Teams shows at most 10 per scope, and
 * these act on a pulse a facilitator is already looking at. Help lists them with the rest.
 */
export const TYPED_COMMANDS = [
  {
    name: 'pulse extend',
    description: 'Move the open pulse’s closing date later (a date, or a number of days), at most 4 times and within 8 weeks of opening.',
    facilitatorOnly: true,
    example: 'pulse extend +7 days',
  },
  { name: 'pulse resend', description: 'Send the survey card again to those invited who have not started it (never to anyone who has).', facilitatorOnly: true },
  {
    name: 'pulse schedule',
    description: 'Schedule a pulse to open at a date and time, once or every few weeks or months; you see what will happen first.',
    facilitatorOnly: true,
    example: 'pulse schedule 2026-03-09 09:30 every 4 weeks for 6 times discharge planning closes in 14 days',
  },
  { name: 'pulse cancel', description: 'Cancel the open or scheduled pulse: its answers are deleted and nothing is published.', facilitatorOnly: true },
] as const satisfies readonly CommandInfo[];

/** Every command, menu and typed, in the order help lists them. */
export const ALL_COMMANDS: readonly CommandInfo[] = [...COMMANDS, ...TYPED_COMMANDS];

export type CommandName = (typeof COMMANDS)[number]['name'] | (typeof TYPED_COMMANDS)[number]['name'];

/** The command names, longest first, so "pulse status" is tried before a shorter prefix. */
export const COMMAND_NAMES: readonly CommandName[] = [...COMMANDS, ...TYPED_COMMANDS].map((c) => c.name).sort(
  (a, b) => b.split(' ').length - a.split(' ').length,
);

/** The facts about one command. */
export function commandInfo(name: CommandName): CommandInfo {
  return ALL_COMMANDS.find((c) => c.name === name)!;
}
