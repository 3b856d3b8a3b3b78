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
] as const satisfies readonly CommandInfo[];

export type CommandName = (typeof COMMANDS)[number]['name'];

/** The command names, longest first, so "pulse status" is tried before a shorter prefix. */
export const COMMAND_NAMES: readonly CommandName[] = COMMANDS.map((c) => c.name).sort(
  (a, b) => b.split(' ').length - a.split(' ').length,
);

/** The facts about one command. */
export function commandInfo(name: CommandName): CommandInfo {
  return COMMANDS.find((c) => c.name === name)!;
}
