import { z } from 'zod';
import { idSchema } from '../../src/domain/model/primitives';
import { transitionTypeSchema, type TransitionType } from '../../src/domain/model/transition';
import type { ExtendTarget } from '../../src/domain/pulse-lifecycle';
import { COMMAND_NAMES, type CommandName } from './command-list';
import { normaliseMessageText } from './message-text';
import { nearestCommand } from './nearest-command';
import { parsePulseOptions, QUOTES } from './pulse-options';
import { parseSchedule, type ScheduleCommand } from './schedule-parser';

export { MAX_CLOSES_IN_DAYS } from './pulse-options';

/**
 * Turns the text of a message to the bot into a typed command. Pure: the bot decides who may
 * run what and replies; this only reads the words. Matching ignores case, mentions and extra
 * spaces; the focal process keeps the case it was typed in.
 */

export const DEFAULT_BOT_NAME = 'RC Pulse';

export type Command =
  | { name: 'help' }
  | { name: 'setup' }
  | { name: 'pulse start'; focalProcess?: string; closesInDays?: number; asking?: string[]; rating?: string[] }
  | ScheduleCommand
  | { name: 'pulse status'; pulse?: string }
  | { name: 'pulse remind'; pulse?: string }
  | { name: 'pulse close'; pulse?: string }
  | { name: 'pulse extend'; target: ExtendTarget; pulse?: string }
  | { name: 'pulse resend'; pulse?: string }
  | { name: 'pulse cancel'; pulse?: string }
  | { name: 'results'; pulse?: string }
  | { name: 'interventions' }
  | { name: 'my data' }
  /** The staff are the people mentioned in the message (activity-facts.ts), not its words. */
  | { name: 'transition start'; type?: TransitionType }
  | { name: 'transition close'; checkId: string };

export type ParsedCommand =
  | { ok: true; command: Command }
  /** A command we know, with arguments that break its rules; `message` says what to change. */
  | { ok: false; reason: 'invalid'; name: CommandName; message: string }
  /** Not a command; `suggestion` is the nearest one, when one is close. */
  | { ok: false; reason: 'unknown'; text: string; suggestion?: CommandName; message: string };

/** "pulse start [focal process] [asking ...] [rating ...] [closes in N days]". */
function pulseStartArgs(words: readonly string[]): ParsedCommand {
  const result = parsePulseOptions(words, 'pulse start');
  if (!result.ok) return { ok: false, reason: 'invalid', name: 'pulse start', message: result.message };
  return { ok: true, command: { name: 'pulse start', ...result.options } };
}

const TRANSITION_START_HELP =
  'Please mention the staff around the family after the command, for example: transition start admission @Asha @Ben @Carla. You can name the kind of transition (admission, discharge or transfer) first.';

/** "transition start ..." or "transition close ID". */
function transitionArgs(words: readonly string[]): ParsedCommand {
  const sub = words[0]?.toLowerCase();
  if (sub === 'start') return transitionStartArgs(words.slice(1));
  if (sub === 'close') return transitionCloseArgs(words.slice(1));
  return { ok: false, reason: 'invalid', name: 'transition', message: 'The transition commands are transition start (mentioning the staff around the family) and transition close with the check\'s id.' };
}

/** "transition start [admission|discharge|transfer]": the mentions are already gone from the words. */
function transitionStartArgs(allWords: readonly string[]): ParsedCommand {
  // Names typed as "@Asha Patel" that Teams did not make mentions: the staff come from the
  // mentions only, so the bot says so if there are none; the words are not read as arguments.
  const at = allWords.findIndex((w) => w.startsWith('@'));
  const words = at < 0 ? allWords : allWords.slice(0, at);
  if (words.length === 0) return { ok: true, command: { name: 'transition start' } };
  const type = transitionTypeSchema.safeParse(words[0]!.toLowerCase());
  if (words.length > 1 || !type.success) return { ok: false, reason: 'invalid', name: 'transition', message: TRANSITION_START_HELP };
  return { ok: true, command: { name: 'transition start', type: type.data } };
}

/** "transition close ID": the id is on the check's card. */
function transitionCloseArgs(words: readonly string[]): ParsedCommand {
  const id = idSchema.safeParse(words[0] ?? '');
  if (words.length !== 1 || !id.success) {
    return { ok: false, reason: 'invalid', name: 'transition', message: "Please add the check's id, as its card shows it, for example: transition close 3f9a2c." };
  }
  return { ok: true, command: { name: 'transition close', checkId: id.data } };
}

const extendError = 'Please say when the pulse should now close: a date such as pulse extend 2026-03-20, or a number of days such as pulse extend +7 days.';
const extendSchema = z.union([
  z.object({ date: z.iso.date() }),
  z.object({ days: z.int().min(1, extendError).max(56, extendError) }),
]);

/** A pulse named at the end of "pulse extend": its id, or its title in quotation marks. */
const EXTEND_NAMED = /^(.*?)\s+(p\d{1,6}-[0-9a-f]{8}|["'\u201c\u2018][^"'\u201c\u201d\u2018\u2019]{1,200}["'\u201d\u2019])$/is;

/** Reads "2026-03-20", "to 2026-03-20", "+7 days", "7 days" or "by 7 days", then the pulse when one is named. */
function pulseExtendArgs(allWords: readonly string[]): ParsedCommand {
  const named = EXTEND_NAMED.exec(allWords.join(' '));
  const pulse = named ? pulseRef([named[2]!]) : undefined;
  const words = named && pulse ? named[1]!.split(' ') : allWords;
  const text = words.join(' ').toLowerCase().replace(/^(to|until|by)\s+/, '');
  const days = /^\+?(\d{1,3})\s*days?$/.exec(text)?.[1];
  const candidate = days !== undefined ? { days: Number(days) } : { date: text };
  const result = extendSchema.safeParse(candidate);
  if (!result.success) return { ok: false, reason: 'invalid', name: 'pulse extend', message: extendError };
  return { ok: true, command: { name: 'pulse extend', target: result.data, ...(pulse ? { pulse } : {}) } };
}

/** Commands that act on one pulse and may name it. */
const PULSE_NAMING: readonly CommandName[] = ['pulse status', 'pulse remind', 'pulse close', 'pulse resend', 'pulse cancel', 'results'];

/** A pulse id ("p3-1a2b3c4d") or a title in quotation marks; anything else is not a pulse's name. */
function pulseRef(args: readonly string[]): string | undefined {
  const joined = args.join(' ').trim();
  if (/^p\d{1,6}-[0-9a-f]{8}$/i.test(joined)) return joined.toLowerCase();
  const quoted = QUOTES.exec(joined)?.[1]?.trim();
  return quoted && quoted.length <= 200 ? quoted : undefined;
}

function unknown(text: string, words: readonly string[]): ParsedCommand {
  // Never guess a command that deletes answers: "pulse cancel" is suggested only when typed.
  const suggestion = nearestCommand(words, COMMAND_NAMES.filter((n) => n !== 'pulse cancel'));
  const message = suggestion
    ? `Did you mean ${suggestion}?`
    : words[0] === 'pulse'
      ? 'The pulse commands are pulse start, pulse status, pulse remind, pulse resend, pulse extend, pulse schedule, pulse cancel and pulse close.'
      : 'Sorry, I did not understand that. Type help to see what I can do.';
  return { ok: false, reason: 'unknown', text: text.slice(0, 200), ...(suggestion ? { suggestion } : {}), message };
}

/**
 * Reads a command from message text, e.g. "<at>RC Pulse</at> pulse start discharge planning
 * closes in 14 days". An empty message (just a mention) is taken as help.
 */
export function parseCommand(rawText: string, botName = DEFAULT_BOT_NAME): ParsedCommand {
  const text = normaliseMessageText(rawText, botName).replace(/[.!?]+$/, '').trim();
  if (text === '') return { ok: true, command: { name: 'help' } };
  const words = text.split(' ');
  const lower = words.map((w) => w.toLowerCase());
  // "set up" is how most people write it.
  if (lower.join(' ') === 'set up') return { ok: true, command: { name: 'setup' } };

  const name = COMMAND_NAMES.find((n) => {
    const nameWords = n.split(' ');
    return nameWords.every((w, i) => lower[i] === w);
  });
  if (!name) return unknown(text, lower);

  const args = words.slice(name.split(' ').length);
  if (name === 'pulse start') return pulseStartArgs(args);
  if (name === 'transition') return transitionArgs(args);
  if (name === 'pulse extend') return pulseExtendArgs(args);
  if (name === 'pulse schedule') {
    const schedule = parseSchedule(args);
    return schedule.ok ? schedule : { ok: false, reason: 'invalid', name, message: schedule.message };
  }
  // When several pulses are open, one is named by its id or its title in quotation marks.
  const named = pulseRef(args);
  if (named && PULSE_NAMING.includes(name)) return { ok: true, command: { name, pulse: named } as Command };
  // "help me" is still help; any other command with words after it might not mean what it
  // says ("pulse close tomorrow" must not close now), so ask instead of acting.
  if (args.length > 0 && name !== 'help') {
    return { ok: false, reason: 'unknown', text: text.slice(0, 200), suggestion: name, message: `Did you mean ${name}? Send it on its own.` };
  }
  return { ok: true, command: { name } as Command };
}
