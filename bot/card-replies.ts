import { ActivityTypes, CardFactory, MessageFactory, type Activity, type InvokeResponse } from 'botbuilder';
import type { AdaptiveCard } from '../src/cards/card-types';
import { errorCardFor } from '../src/cards/message-cards';
import { mapError, type MappedError } from '../src/http/error-mapper';

/**
 * How cards and failures become Bot Framework replies: a card as a message attachment, a
 * card as the Universal Actions invoke response that replaces the pressed card in place,
 * and any error as a kind card with the reference that is also in the log line.
 */

/**
 * Writes one log event: a text line whose first word is its level, and its fields (ids, codes,
 * counts). In production the JSON logger (src/logging/json-log.ts) makes one JSON line of it
 * on stderr; tests capture the text.
 */
export type LogLine = (line: string, fields?: Record<string, unknown>) => void;

/** A message carrying one Adaptive Card. */
export function cardMessage(card: AdaptiveCard): Partial<Activity> {
  return MessageFactory.attachment(CardFactory.adaptiveCard(card));
}

/** The invoke response that replaces the pressed card with `card` (Universal Actions). */
export function cardInvokeResponse(card: AdaptiveCard): InvokeResponse {
  return { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card } };
}

/** The invoke response as an activity, for sending from onTurnError. */
export function invokeResponseActivity(response: InvokeResponse): Partial<Activity> {
  return { type: ActivityTypes.InvokeResponse, value: response };
}

/**
 * Maps an error with the one mapper and logs it: detail and reference for the log (never a
 * stack); the card shows the safe message of an operational error, else a general apology.
 */
export function errorReply(error: unknown, log: LogLine, where: string): { card: AdaptiveCard; mapped: MappedError } {
  const mapped = mapError(error);
  const level = mapped.operational ? 'warn' : 'error';
  log(`${level} ${mapped.reference} ${where}: ${mapped.code}: ${mapped.detail.split('\n')[0]}`);
  return { card: errorCardFor(error, mapped.reference), mapped };
}
