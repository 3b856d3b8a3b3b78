/**
 * Small, allocation-free helpers for reading CSV text by character codes. Kept apart from
 * the reader so its record logic stays readable.
 */

export const QUOTE = 34;
export const COMMA = 44;
export const LF = 10;
export const CR = 13;
const SPACE = 32;
const TAB = 9;

/** Position of `search` at or after `from`, or the text's length when there is none. */
export function indexOrEnd(text: string, search: string, from: number): number {
  const i = text.indexOf(search, from);
  return i < 0 ? text.length : i;
}

/** Space or tab: the blanks trimmed around unquoted values. */
export function isBlank(c: number): boolean {
  return c === SPACE || c === TAB;
}

/** text[start, end) without leading spaces and tabs or trailing spaces, tabs and CR. */
export function trimmed(text: string, start: number, end: number): string {
  while (start < end && isBlank(text.charCodeAt(start))) start++;
  while (end > start) {
    const c = text.charCodeAt(end - 1);
    if (c !== SPACE && c !== TAB && c !== CR) break;
    end--;
  }
  return text.slice(start, end);
}

/** Number of LF characters in text[from, to). */
export function countLineBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** A copy of `s` that shares no memory with the text it was sliced from. */
export function flatCopy(s: string): string {
  // Concatenation builds a new string that V8 flattens on first read; slicing that copy
  // drops the extra character without pointing back into the original chunk. V8 copies
  // slices shorter than 13 characters anyway.
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/** What a quote-aware scan of the start of a record found. */
export interface RecordPrefixScan {
  /** Number of the field the scan ended in (1-based). */
  fields: number;
  /** Line breaks passed (all inside quotes in a well-formed record). */
  newlines: number;
  /** Whether the scan ended inside a quoted value. */
  inQuotes: boolean;
  /** Line breaks passed before the open quoted value started. */
  quoteNewlines: number;
}

/**
 * Scans text[start, end) of one record to say which field and line it reaches. Only used to
 * place a problem (a record too long, a bad byte), so a simple quote toggle is enough: a
 * doubled quote toggles twice.
 */
export function scanRecordPrefix(text: string, start: number, end: number): RecordPrefixScan {
  const stop = Math.min(end, text.length);
  let fields = 1;
  let newlines = 0;
  let inQuotes = false;
  let quoteNewlines = 0;
  for (let i = start; i < stop; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      inQuotes = !inQuotes;
      if (inQuotes) quoteNewlines = newlines;
    } else if (c === COMMA && !inQuotes) {
      fields++;
    } else if (c === LF) {
      newlines++;
    }
  }
  return { fields, newlines, inQuotes, quoteNewlines };
}
