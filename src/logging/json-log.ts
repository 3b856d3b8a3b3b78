import type { Logger } from '../app/ports';
import { redactText } from '../telemetry/redaction';
import { currentRequestId } from './request-context';

/**
 * The one logger of a server or worker process: one line of JSON per event on stderr, with
 * `time`, `level`, `message`, the request reference (`requestId`, while an HTTP request is
 * handled) and the event's fields. What it is given is ids, counts and error codes, never
 * answers, names or e-mails (the use-cases keep to that, and the survey-run test checks it);
 * as a second guard, every string passes the same redaction as telemetry (e-mail addresses,
 * Teams and Entra ids, respondent keys, table keys and query strings come out).
 *
 * Edges that still write a line of text (`warn <reference> where: detail`) use `line`, which
 * reads the leading level word and logs the rest as the message.
 */

export type LogLevel = 'info' | 'warn' | 'error';

/** Fields of one event: ids, counts, codes. */
export type LogFields = Record<string, unknown>;

/** The logger: the use-cases' Logger port, the other levels, and a sink for text lines. */
export interface JsonLog extends Logger {
  info(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A text line whose first word may be its level (info, warn, error, refused). */
  line(text: string, fields?: LogFields): void;
}

/** Where lines go, and the clock (tests pass their own). */
export interface JsonLogOptions {
  write?: (line: string) => void;
  clock?: () => Date;
}

const LEVEL_WORDS: Record<string, LogLevel> = { info: 'info', warn: 'warn', warning: 'warn', error: 'error', refused: 'warn' };

function redactField(value: unknown): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return redactText(`${value.name}: ${value.message}`);
  if (Array.isArray(value)) return value.map(redactField);
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, redactField(v)]));
}

/** Builds the JSON logger (stderr and the real clock by default). */
export function createJsonLog(options: JsonLogOptions = {}): JsonLog {
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const clock = options.clock ?? (() => new Date());
  const emit = (level: LogLevel, message: string, fields?: LogFields) => {
    const { requestId: given, ...rest } = fields ?? {};
    const requestId = typeof given === 'string' ? given : currentRequestId();
    const event = {
      time: clock().toISOString(),
      level,
      message: redactText(message),
      ...(requestId ? { requestId } : {}),
      ...(redactField(rest) as LogFields),
    };
    write(JSON.stringify(event));
  };
  return {
    info: (message, fields) => emit('info', message, fields),
    warn: (message, fields) => emit('warn', message, fields),
    error: (message, fields) => emit('error', message, fields),
    line(text, fields) {
      const match = /^(\w+)\s+([\s\S]*)$/.exec(text);
      const level = match ? LEVEL_WORDS[match[1]!.toLowerCase()] : undefined;
      // A multi-line detail (an error's cause) stays in one event.
      // 'refused' is a level and also what happened: it stays in the message.
      emit(level ?? 'info', level && match![1]!.toLowerCase() !== 'refused' ? match![2]! : text, fields);
    },
  };
}
