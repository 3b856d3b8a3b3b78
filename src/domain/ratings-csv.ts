import { RatingMatrixBuilder, type RatingMatrix } from './ratings';
import { csvText } from './csv';
import { COMMA, countLineBreaks, CR, flatCopy, indexOrEnd, isBlank, LF, QUOTE, scanRecordPrefix, trimmed } from './csv-text';
import { RATINGS_COLUMNS, RatingsCsvError, readHeader, type ColumnLayout, type CsvLocation } from './ratings-csv-format';

export { RATINGS_COLUMNS, RatingsCsvError, type CsvLocation, type RatingsColumn } from './ratings-csv-format';

/**
 * Longest record accepted, in characters. It bounds the memory a file with no line breaks
 * (or a quote that is never closed) can take, since an unfinished record is kept in memory.
 */
export const MAX_RECORD_LENGTH = 65536;

/** Fields in a record: the five columns. */
const FIELD_COUNT = RATINGS_COLUMNS.length;

/**
 * Reads the scoring input format (RFC 4180 CSV with the header
 * respondent,workgroup,target,dimension,score) from string chunks, in any split, and builds
 * the rating matrix as it goes. It throws a RatingsCsvError, with the line and column, on
 * the first problem. Complete records are handled straight from each chunk; only the
 * unfinished last record of a chunk is carried over, so memory stays small for any file.
 */
export class RatingsCsvReader {
  private readonly builder = new RatingMatrixBuilder();
  /** The unfinished record at the end of the text pushed so far. */
  private carry = '';
  /** Line on which `carry` (the next record) starts. */
  private line = 1;
  private started = false;
  private layout: ColumnLayout | null = null;
  /** Fields of the current record (at most 6 are kept: a sixth is enough to report). */
  private readonly fields: string[] = ['', '', '', '', '', ''];
  /** Line on which each field of a record that spans lines starts. */
  private readonly fieldLines: number[] = [0, 0, 0, 0, 0, 0];
  /** Respondent, workgroup and target of the line before (see record()). */
  private readonly previous: [string, string, string] = ['', '', ''];

  /** Reads the next piece of the file. */
  push(chunk: string): void {
    if (!this.started) {
      if (chunk === '') return;
      this.started = true;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    const text = this.carry === '' ? chunk : this.carry + chunk;
    const rest = this.consume(text, false);
    this.carry = rest < text.length ? text.slice(rest) : '';
    // The unfinished record already breaks the limit: stop now rather than keep reading.
    if (this.carry.length > MAX_RECORD_LENGTH) throw this.tooLong(this.carry, 0);
  }

  /** Reads the last record (it needs no line break) and returns the matrix. */
  end(): RatingMatrix {
    if (this.carry !== '') this.consume(this.carry, true);
    this.carry = '';
    if (!this.layout) {
      throw new RatingsCsvError(1, 1, null, `the file is empty; it needs a header line: ${RATINGS_COLUMNS.join(',')}`);
    }
    return this.builder.build();
  }

  /** Number of ratings read so far. */
  get ratings(): number {
    return this.builder.ratings;
  }

  /** The line and column at the end of the text pushed so far (e.g. where a bad byte sits). */
  location(): CsvLocation {
    const scan = scanRecordPrefix(this.carry, 0, this.carry.length);
    const column = scan.fields;
    return { line: this.line + scan.newlines, column, columnName: this.layout?.names[column - 1] ?? null };
  }

  /** Handles every complete record of `text`; returns where the unfinished one starts. */
  private consume(text: string, final: boolean): number {
    const len = text.length;
    const fields = this.fields;
    let pos = 0;
    let nextQuote = -1;
    let nextComma = -1;
    while (pos < len) {
      let lineEnd = text.indexOf('\n', pos);
      if (lineEnd < 0) {
        if (!final) break;
        lineEnd = len;
      }
      if (lineEnd - pos > MAX_RECORD_LENGTH) throw this.tooLong(text, pos);
      // The next quote and comma are found once and reused, so each character is scanned once.
      if (nextQuote < pos) nextQuote = indexOrEnd(text, '"', pos);
      if (nextQuote < lineEnd) {
        const next = this.quotedRecord(text, pos, final);
        if (next < 0) break;
        pos = next;
        continue;
      }
      let count = 0;
      let start = pos;
      for (;;) {
        if (nextComma < start) nextComma = indexOrEnd(text, ',', start);
        const end = nextComma < lineEnd ? nextComma : lineEnd;
        if (count < 6) fields[count] = trimmed(text, start, end);
        count++;
        if (end === lineEnd) break;
        start = end + 1;
      }
      if (!(count === 1 && fields[0] === '')) this.record(count, null);
      this.line++;
      pos = lineEnd + 1;
    }
    return pos;
  }

  /**
   * Reads one record that contains quotes, character by character; it may span lines.
   * Returns where the next record starts, or -1 when the record is not complete yet.
   */
  private quotedRecord(text: string, pos: number, final: boolean): number {
    const len = text.length;
    const fields = this.fields;
    let line = this.line;
    let count = 0;
    let i = pos;
    for (;;) {
      if (i - pos > MAX_RECORD_LENGTH) throw this.tooLong(text, pos);
      const fieldLine = line;
      let s = i;
      while (s < len && isBlank(text.charCodeAt(s))) s++;
      let value: string;
      if (text.charCodeAt(s) === QUOTE) {
        // Quoted: copy whole runs between quotes, so a long value is a few slices, not one per character.
        value = '';
        let from = s + 1;
        for (;;) {
          const q = text.indexOf('"', from);
          if (q < 0 || q - pos > MAX_RECORD_LENGTH) {
            if (q < 0 && len - pos <= MAX_RECORD_LENGTH && !final) return -1;
            if (q >= 0 || len - pos > MAX_RECORD_LENGTH) throw this.tooLong(text, pos);
            throw new RatingsCsvError(fieldLine, count + 1, this.nameOf(count),
              'this quoted value is never closed; a closing quote (") is missing');
          }
          if (q + 1 === len && !final) return -1;
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += text.slice(from, q + 1); // keep one quote of the pair
            from = q + 2;
            continue;
          }
          value += text.slice(from, q);
          line += countLineBreaks(text, s, q);
          i = q + 1;
          break;
        }
        while (i < len && (isBlank(text.charCodeAt(i)) || text.charCodeAt(i) === CR)) i++;
        if (i - pos > MAX_RECORD_LENGTH) throw this.tooLong(text, pos);
        if (i === len && !final) return -1;
        const c = text.charCodeAt(i);
        if (i < len && c !== COMMA && c !== LF) {
          throw new RatingsCsvError(line, count + 1, this.nameOf(count),
            'there is text after the closing quote; a quote inside a quoted value must be doubled ("")');
        }
      } else {
        let e = s;
        while (e < len) {
          const c = text.charCodeAt(e);
          if (c === COMMA || c === LF) break;
          if (e - pos > MAX_RECORD_LENGTH) throw this.tooLong(text, pos);
          if (c === QUOTE) {
            throw new RatingsCsvError(line, count + 1, this.nameOf(count),
              'a quote (") can only start a value; wrap the whole value in quotes and double any quote inside it');
          }
          e++;
        }
        if (e === len && !final) return -1;
        value = trimmed(text, s, e);
        i = e;
      }
      if (count < 6) {
        fields[count] = value;
        this.fieldLines[count] = fieldLine;
      }
      count++;
      if (i >= len || text.charCodeAt(i) === LF) break;
      i++;
    }
    if (i - pos > MAX_RECORD_LENGTH) throw this.tooLong(text, pos);
    this.record(count, this.fieldLines);
    this.line = line + 1;
    return i + 1;
  }

  /** Checks one record (the header first) and adds its rating. */
  private record(count: number, fieldLines: number[] | null): void {
    const f = this.fields;
    const layout = this.layout;
    if (!layout) {
      this.layout = readHeader(f, count, this.line);
      return;
    }
    if (count !== FIELD_COUNT) {
      const column = Math.min(count + 1, FIELD_COUNT + 1);
      const reason = count < FIELD_COUNT
        ? `this line has ${count} ${count === 1 ? 'value' : 'values'}, but the header has ${FIELD_COUNT} columns; an empty value still needs its comma`
        : `this line has ${count} values, but the header has ${FIELD_COUNT} columns; a value that contains a comma must be wrapped in quotes`;
      throw new RatingsCsvError(this.line, column, this.nameOf(column - 1), reason);
    }
    const at = layout.positions;
    // Names the builder may keep for good (ids, group names) are copied out of the chunk
    // when they change from the line before, so that a kept slice does not hold a whole
    // chunk of text in memory. Repeats reuse the copy, whose hash the builder's maps cache.
    // Names are text: one our exports guarded against spreadsheet formulas ('=...) is read
    // back as it was written (see csvCell), so a pulse scores the same after an export.
    const respondent = this.keep(0, csvText(f[at.respondent]!));
    const workgroup = this.keep(1, csvText(f[at.workgroup]!));
    const target = this.keep(2, csvText(f[at.target]!));
    const problem = this.builder.add(respondent, workgroup, target, f[at.dimension]!, f[at.score]!);
    if (problem) {
      const index = at[problem.field];
      throw new RatingsCsvError(fieldLines?.[index] ?? this.line, index + 1, problem.field, problem.message);
    }
  }

  /** `value`, as the copy kept from the line before when it is the same. */
  private keep(slot: 0 | 1 | 2, value: string): string {
    const before = this.previous[slot];
    if (value === before) return before;
    return (this.previous[slot] = flatCopy(value));
  }

  private nameOf(index: number): string | null {
    return this.layout?.names[index] ?? null;
  }

  /** The error for a record longer than the limit; it depends only on the record's start. */
  private tooLong(text: string, start: number): RatingsCsvError {
    const scan = scanRecordPrefix(text, start, start + MAX_RECORD_LENGTH + 1);
    const name = this.nameOf(scan.fields - 1);
    if (scan.inQuotes) {
      return new RatingsCsvError(this.line + scan.quoteNewlines, scan.fields, name,
        'this quoted value runs on for more than 65,536 characters; a closing quote (") is probably missing');
    }
    return new RatingsCsvError(this.line, scan.fields, name,
      'this line is longer than 65,536 characters; is this a CSV file with one rating per line?');
  }
}

/** Reads a whole CSV text at once (for tests and small inputs). */
export function parseRatingsCsv(text: string): RatingMatrix {
  const reader = new RatingsCsvReader();
  reader.push(text);
  return reader.end();
}
