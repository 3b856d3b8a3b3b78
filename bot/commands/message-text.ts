/**
 * Cleans the text of a Teams message down to what the person typed: in a channel Teams sends
 * "<at>RC Pulse</at>&nbsp;pulse start", sometimes wrapped in HTML; in 1:1 just the text.
 */

/** Longer messages are not commands; cutting them keeps every later step cheap. */
export const MAX_COMMAND_TEXT_CHARS = 2_000;

const ENTITIES: Readonly<Record<string, string>> = {
  nbsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]+);/gi, (match, body: string) => {
    if (body.startsWith('#')) {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ' ';
    }
    return ENTITIES[body.toLowerCase()] ?? match;
  });
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The message text without mentions, markup or the bot's name, whitespace collapsed and
 * trimmed. Case is kept: a focal process is shown as typed.
 */
export function normaliseMessageText(raw: string, botName: string): string {
  let text = raw.slice(0, MAX_COMMAND_TEXT_CHARS);
  text = text.replace(/<at\b[^>]*>[\s\S]*?<\/at>/gi, ' ');
  text = text.replace(/<\/?[a-z][^>]*>/gi, ' ');
  text = decodeEntities(text);
  // Zero-width characters arrive from copy and paste; they would split or glue words.
  text = text.replace(/[\u200b-\u200d\u2060\ufeff]/g, '').replace(/\s+/g, ' ').trim();
  // The name typed without a mention (or left over by a client), and a leading slash.
  const name = escapeRegExp(botName.trim());
  if (name.length > 0) text = text.replace(new RegExp(`^@?${name}(?:\\s+|$)`, 'i'), '');
  return text.replace(/^\/+/, '').trim();
}
