/**
 * A small RFC 4180 CSV reader for modest files (rosters, settings), keeping the line on
 * which each record starts so problems can be reported by line, and the one cell writer
 * every export uses (below). The scoring input has its own streaming reader
 * (ratings-csv.ts), built for millions of lines.
 */

export interface CsvRecord {
  /** 1-based line on which the record starts. */
  line: number;
  fields: string[];
}

export class CsvSyntaxError extends Error {
  constructor(readonly line: number, message: string) {
    super(`line ${line}: ${message}`);
    this.name = 'CsvSyntaxError';
  }
}

/**
 * Splits CSV text into records. Handles a byte order mark, CRLF or LF line ends, quoted
 * fields with "" escapes, commas and line breaks inside quotes; skips blank lines; trims
 * spaces around unquoted fields. Throws CsvSyntaxError for a quote left open or text after
 * a closing quote.
 */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (i < text.length) {
    const start = line;
    const fields: string[] = [];
    for (;;) {
      let value = '';
      while (text[i] === ' ' || text[i] === '\t') i++;
      if (text[i] === '"') {
        const open = line;
        i++;
        for (;;) {
          if (i >= text.length) throw new CsvSyntaxError(open, 'a quoted value is never closed');
          const c = text[i]!;
          if (c === '"') {
            if (text[i + 1] === '"') {
              value += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (c === '\n') line++;
          value += c;
          i++;
        }
        while (text[i] === ' ' || text[i] === '\t') i++;
        if (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
          throw new CsvSyntaxError(line, 'unexpected text after a closing quote (a quote inside a value must be doubled: "")');
        }
      } else {
        let j = i;
        while (j < text.length && text[j] !== ',' && text[j] !== '\n' && text[j] !== '\r') j++;
        value = text.slice(i, j).trim();
        if (value.includes('"')) throw new CsvSyntaxError(line, 'a quote inside an unquoted value (put the value in quotes and double the quote)');
        i = j;
      }
      fields.push(value);
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '\r') i++;
      if (text[i] === '\n') i++;
      line++;
      break;
    }
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: start, fields });
  }
  return records;
}

/*
 * Writing. Both CSV exports (the figures and the anonymised responses) write every cell
 * through csvCell, so a name someone typed (a workgroup called =HYPERLINK(...), say) can
 * never run as a formula when the file is opened in a spreadsheet.
 */

/** A leading =, +, -, @, tab or carriage return makes a spreadsheet read a cell as a formula (OWASP). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** What a guarded cell looks like: the apostrophe, then what needed guarding (or another apostrophe). */
const GUARDED = /^'[=+\-@\t\r']/;

/**
 * One CSV cell: a value that starts like a formula gets a leading apostrophe, which
 * spreadsheets read as "this is text" and do not show; then it is quoted as RFC 4180 asks
 * when it holds a comma, a quote, a line break or spaces at either end. A value that already
 * starts with an apostrophe before such a character gets one more, so that csvText reads
 * every value back exactly as it was. Numbers are written as they are (never negative here).
 */
export function csvCell(value: string): string {
  const text = FORMULA_START.test(value) || GUARDED.test(value) ? `'${value}` : value;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line of cells, each written by csvCell. */
export function csvLine(cells: readonly string[]): string {
  return cells.map(csvCell).join(',');
}

/** A text cell as it was before csvCell guarded it: the inverse of its apostrophe rule. */
export function csvText(cell: string): string {
  return cell.charCodeAt(0) === 39 && GUARDED.test(cell) ? cell.slice(1) : cell;
}
