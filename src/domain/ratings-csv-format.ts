/** The columns of the scoring input, in the order the contract lists them (any order is read). */
export const RATINGS_COLUMNS = ['respondent', 'workgroup', 'target', 'dimension', 'score'] as const;
export type RatingsColumn = (typeof RATINGS_COLUMNS)[number];

const HEADER = RATINGS_COLUMNS.join(',');

/**
 * A problem in a ratings CSV file, placed at a line (1-based, the physical line of the file)
 * and a column (the 1-based field number). `columnName` is the header's name for that column
 * when it has one. The message reads "line 12, column 5 (score): <reason>".
 */
export class RatingsCsvError extends Error {
  override readonly name = 'RatingsCsvError';

  constructor(
    readonly line: number,
    readonly column: number,
    readonly columnName: string | null,
    readonly reason: string,
  ) {
    super(`line ${line}, column ${column}${columnName ? ` (${columnName})` : ''}: ${reason}`);
  }
}

/** Where the text read so far ends: used to place problems found outside the CSV syntax. */
export interface CsvLocation {
  line: number;
  column: number;
  columnName: string | null;
}

/** Where each column sits in a record, as the header says. */
export interface ColumnLayout {
  /** 0-based field position of each column. */
  readonly positions: Readonly<Record<RatingsColumn, number>>;
  /** Column name at each field position. */
  readonly names: readonly RatingsColumn[];
}

/**
 * Checks the header record (names trimmed, any case, any order) and returns the layout.
 * `fields` holds the first min(count, 6) names; a sixth is always an extra column.
 */
export function readHeader(fields: readonly string[], count: number, line: number): ColumnLayout {
  const positions: Partial<Record<RatingsColumn, number>> = {};
  const names: RatingsColumn[] = [];
  const kept = Math.min(count, RATINGS_COLUMNS.length + 1);
  const known = fields.slice(0, kept).filter((f) => isColumn(f.trim().toLowerCase())).length;
  for (let i = 0; i < kept; i++) {
    const raw = fields[i]!.trim();
    const name = raw.toLowerCase();
    if (!isColumn(name)) {
      let reason: string;
      if (raw.includes('\r')) reason = 'the lines end with a carriage return only (an old Mac format); save the file with Windows or Unix line breaks';
      else if (known === 0) reason = `the first line must be the header ${HEADER}; "${raw}" is not a column name`;
      else if (raw === '') reason = `this column of the header has no name; the columns are ${HEADER}`;
      else reason = `unknown column "${raw}"; the columns are ${HEADER}`;
      throw new RatingsCsvError(line, i + 1, null, reason);
    }
    if (positions[name] !== undefined) {
      throw new RatingsCsvError(line, i + 1, name, `the column "${name}" appears twice in the header`);
    }
    positions[name] = i;
    names.push(name);
  }
  for (const column of RATINGS_COLUMNS) {
    if (positions[column] === undefined) {
      throw new RatingsCsvError(line, count + 1, null,
        `the header has no "${column}" column; it needs ${HEADER} (in any order)`);
    }
  }
  return { positions: positions as Record<RatingsColumn, number>, names };
}

function isColumn(name: string): name is RatingsColumn {
  return (RATINGS_COLUMNS as readonly string[]).includes(name);
}
