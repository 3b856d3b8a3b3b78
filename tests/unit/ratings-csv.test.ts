import fc from 'fast-check';
import { ratingMatrix, type Rating, type RatingMatrix } from '../../src/domain/ratings';
import { MAX_RECORD_LENGTH, parseRatingsCsv, RatingsCsvError, RatingsCsvReader } from '../../src/domain/ratings-csv';

const HEADER = 'respondent,workgroup,target,dimension,score\n';

/** The error a text raises, as plain fields, or null when it reads cleanly. */
function errorOf(text: string): { line: number; column: number; columnName: string | null; reason: string } | null {
  try {
    parseRatingsCsv(text);
    return null;
  } catch (err) {
    if (!(err instanceof RatingsCsvError)) throw err;
    return { line: err.line, column: err.column, columnName: err.columnName, reason: err.reason };
  }
}

function expectError(text: string, line: number, column: number, columnName: string | null, reason: RegExp | string): void {
  const err = errorOf(text);
  expect(err).not.toBeNull();
  expect({ line: err!.line, column: err!.column, columnName: err!.columnName }).toEqual({ line, column, columnName });
  if (typeof reason === 'string') expect(err!.reason).toBe(reason);
  else expect(err!.reason).toMatch(reason);
}

/** Scores of one (respondent, target) row, by the row's position. */
function scoresOf(m: RatingMatrix, pair: number): number[] {
  return Array.from(m.pairScores.subarray(pair * 7, pair * 7 + 7));
}

describe('reading a ratings CSV file', () => {
  it('builds the matrix from well-formed lines, with an empty score as no answer', () => {
    const m = parseRatingsCsv(`${HEADER}r1,A,B,frequent,5\nr1,A,B,timely,\nr1,A,A,mutual_respect,2\nr2,B,A,accurate,3\n`);
    expect(m.groups).toEqual(['A', 'B']);
    expect(m.respondentCount).toBe(2);
    expect(Array.from(m.respondentGroup)).toEqual([0, 1]);
    expect(m.pairCount).toBe(3);
    expect(scoresOf(m, 0)).toEqual([5, 0, 0, 0, 0, 0, 0]);
    expect(scoresOf(m, 1)).toEqual([0, 0, 0, 0, 0, 0, 2]);
    expect(scoresOf(m, 2)).toEqual([0, 0, 3, 0, 0, 0, 0]);
  });

  it('accepts the header in any order and case, with spaces around the names', () => {
    const m = parseRatingsCsv(' Score , DIMENSION,target ,Workgroup,"respondent"\n4,timely,B,A,r1\n');
    expect(m.groups).toEqual(['A', 'B']);
    expect(scoresOf(m, 0)).toEqual([0, 4, 0, 0, 0, 0, 0]);
  });

  it('ignores a UTF-8 byte order mark, CRLF line ends, blank lines and a missing final line break', () => {
    const text = `\uFEFF\r\n${HEADER.replace('\n', '\r\n')}\r\nr1,A,B,frequent,5\r\n   \r\n\t\nr1,A,B,timely,4`;
    const m = parseRatingsCsv(text);
    expect(m.respondentCount).toBe(1);
    expect(scoresOf(m, 0)).toEqual([5, 4, 0, 0, 0, 0, 0]);
  });

  it('trims spaces around unquoted values but keeps them inside quotes', () => {
    const m = parseRatingsCsv(`${HEADER}  r1 , Mother and baby unit ,"  Pharmacy ", frequent , 3 \n`);
    expect(m.groups).toEqual(['Mother and baby unit', '  Pharmacy ']);
    expect(m.respondentIds).toEqual(['r1']);
  });

  it('reads quoted values with commas, doubled quotes and line breaks inside', () => {
    const m = parseRatingsCsv(`${HEADER}r1,"Ward 3, ""Oak""","Crisis\r\nteam",frequent,"5"\n`);
    expect(m.groups).toEqual(['Ward 3, "Oak"', 'Crisis\r\nteam']);
    expect(scoresOf(m, 0)[0]).toBe(5);
  });

  it('counts physical lines, so a problem after a value with a line break is placed on the right line', () => {
    expectError(`${HEADER}r1,A,"B\nC\nD",frequent,5\nr1,A,B,frequent,6\n`, 5, 5, 'score',
      'score "6" is not a whole number from 1 to 5 (or empty for no answer)');
  });

  it('places a problem in a record that spans lines on the line where the faulty value starts', () => {
    expectError(`${HEADER}r1,"A\nX","B\nC",frequent,7\n`, 4, 5, 'score', /score "7"/);
    expectError(`${HEADER}r1,"A\nX","B\nC",frequent,7`, 4, 5, 'score', /score "7"/);
  });

  it('reads a file with only the header as a pulse with no respondents', () => {
    for (const text of [HEADER, HEADER.trim(), `${HEADER}\n\n`]) {
      const m = parseRatingsCsv(text);
      expect(m.respondentCount).toBe(0);
      expect(m.pairCount).toBe(0);
    }
  });

  it('gives the same matrix as the builder for the same ratings', () => {
    const ratings: Rating[] = [
      { respondent: 'r1', workgroup: 'A', target: 'B', dimension: 'shared_goals', score: 4 },
      { respondent: 'r2', workgroup: 'B', target: 'B', dimension: 'frequent', score: null },
    ];
    const text = HEADER + ratings.map((r) => `${r.respondent},${r.workgroup},${r.target},${r.dimension},${r.score ?? ''}`).join('\n');
    expect(parseRatingsCsv(text)).toEqual(ratingMatrix(ratings));
  });
});

describe('problems in the header', () => {
  it('says an empty file needs a header line', () => {
    for (const text of ['', '\uFEFF', '\n\r\n  \n']) {
      expectError(text, 1, 1, null, 'the file is empty; it needs a header line: respondent,workgroup,target,dimension,score');
    }
  });

  it('says the first line must be the header when it holds data', () => {
    expectError('r1,A,B,frequent,5\n', 1, 1, null, /^the first line must be the header respondent,workgroup,target,dimension,score; "r1"/);
  });

  it('names an unknown column, a repeated column and a missing one', () => {
    expectError('respondent,group,target,dimension,score\n', 1, 2, null, /^unknown column "group"/);
    expectError('respondent,workgroup,target,dimension,score,comment\n', 1, 6, null, /^unknown column "comment"/);
    expectError('respondent,workgroup,target,target,score\n', 1, 4, 'target', 'the column "target" appears twice in the header');
    expectError('respondent,workgroup,target,score\n', 1, 5, null, /^the header has no "dimension" column/);
    expectError('respondent,workgroup,,dimension,score\n', 1, 3, null, /has no name/);
  });

  it('explains a file whose lines end with a carriage return only', () => {
    expectError('respondent,workgroup,target,dimension,score\rr1,A,B,frequent,5\r', 1, 5, null, /carriage return only/);
  });
});

describe('problems in the ratings', () => {
  const at = (line: string) => `${HEADER}r0,A,A,frequent,3\n${line}\n`;

  it.each([
    ['0', 'score "0" is not a whole number from 1 to 5 (or empty for no answer)'],
    ['6', 'score "6" is not a whole number from 1 to 5 (or empty for no answer)'],
    ['3.5', 'score "3.5" is not a whole number from 1 to 5 (or empty for no answer)'],
    ['"4 "', 'score "4 " is not a whole number from 1 to 5 (or empty for no answer)'],
  ])('rejects the score %s in column 5', (score, reason) => {
    expectError(at(`r1,A,B,timely,${score}`), 3, 5, 'score', reason);
  });

  it('rejects an unknown dimension and names the seven', () => {
    expectError(at('r1,A,B,friendly,3'), 3, 4, 'dimension', /^unknown dimension "friendly" \(expected one of frequent, timely/);
  });

  it('maps the column through the header order', () => {
    expectError('score,dimension,target,workgroup,respondent\n9,timely,B,A,r1\n', 2, 1, 'score', /score "9"/);
  });

  it('rejects a respondent in two workgroups and a repeated rating', () => {
    expectError(at('r0,B,B,timely,3'), 3, 2, 'workgroup', /^respondent "r0" is already in workgroup "A"/);
    expectError(at('r0,A,A,frequent,4'), 3, 4, 'dimension', 'respondent "r0" already rated "A" on frequent');
  });

  it('rejects an empty respondent', () => {
    expectError(at(' ,A,B,timely,3'), 3, 1, 'respondent', 'respondent is empty');
  });

  it('counts the values on a line', () => {
    expectError(at('r1,A,B,timely'), 3, 5, 'score', /^this line has 4 values, but the header has 5 columns/);
    expectError(at('r1'), 3, 2, 'workgroup', /^this line has 1 value, but/);
    expectError(at('r1,A,B,timely,3,extra,more'), 3, 6, null, /^this line has 7 values, .*wrapped in quotes$/);
  });

  it('names the line where an unclosed quoted value starts', () => {
    expectError(`${HEADER}r1,A,"B,timely,3\nr2,A,B,timely,3\n`, 2, 3, 'target', 'this quoted value is never closed; a closing quote (") is missing');
  });

  it('rejects text after a closing quote and a quote inside an unquoted value', () => {
    expectError(at('r1,"A"B,B,timely,3'), 3, 2, 'workgroup', /^there is text after the closing quote/);
    expectError(at('r1,A,Bob"s team,timely,3'), 3, 3, 'target', /^a quote \("\) can only start a value/);
  });

  it('stops at a line longer than the limit, even without any line break', () => {
    expectError(`${HEADER}r1,${'x'.repeat(MAX_RECORD_LENGTH)}`, 2, 2, 'workgroup', /^this line is longer than 65,536 characters/);
    expectError(`${HEADER}r1,A,"${'x\n'.repeat(MAX_RECORD_LENGTH)}`, 2, 3, 'target', /^this quoted value runs on for more than 65,536 characters/);
  });

  it('stops reading as soon as an unfinished line passes the limit', () => {
    const reader = new RatingsCsvReader();
    reader.push(HEADER);
    reader.push('y'.repeat(MAX_RECORD_LENGTH));
    expect(() => reader.push('y'.repeat(10))).toThrow(/line 2, column 1 \(respondent\): this line is longer/);
  });
});

describe('where the reader stands', () => {
  it('reports the line and column at the end of the text pushed so far', () => {
    const reader = new RatingsCsvReader();
    reader.push(`${HEADER}r1,A,B,frequent,5\nr2,"Ward\n3",Ph`);
    expect(reader.location()).toEqual({ line: 4, column: 3, columnName: 'target' });
  });
});

/** Parses the text pushed in pieces cut at the given offsets. */
function parseInChunks(text: string, cuts: number[]): RatingMatrix | ReturnType<typeof errorOf> {
  const reader = new RatingsCsvReader();
  const offsets = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  try {
    let from = 0;
    for (const to of offsets) {
      reader.push(text.slice(from, to));
      from = to;
    }
    reader.push(text.slice(from));
    return reader.end();
  } catch (err) {
    if (!(err instanceof RatingsCsvError)) throw err;
    return { line: err.line, column: err.column, columnName: err.columnName, reason: err.reason };
  }
}

function whole(text: string): RatingMatrix | ReturnType<typeof errorOf> {
  return parseInChunks(text, []);
}

const GROUPS = ['A', 'Ward 3, "Oak"', ' spaced ', 'Crisis\nteam', 'Pharmacy'];
const DIMS = ['frequent', 'timely', 'accurate', 'problem_solving', 'shared_goals', 'shared_knowledge', 'mutual_respect'];

/** Quotes a value when it must be quoted, and sometimes when it need not be. */
function field(value: string, forceQuotes: boolean): string {
  const needs = /[",\r\n]|^[ \t]|[ \t]$/.test(value);
  return needs || forceQuotes ? `"${value.replace(/"/g, '""')}"` : value;
}

const ratingsArb = fc.uniqueArray(
  fc.record({ r: fc.nat(6), t: fc.nat(GROUPS.length - 1), d: fc.nat(6), score: fc.option(fc.integer({ min: 1, max: 5 })) }),
  { selector: (x) => `${x.r}/${x.t}/${x.d}`, maxLength: 40 },
);

const fileArb = fc.record({
  ratings: ratingsArb,
  quoting: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
  crlf: fc.boolean(),
  blankEvery: fc.integer({ min: 2, max: 9 }),
  bom: fc.boolean(),
});

type GeneratedFile = typeof fileArb extends fc.Arbitrary<infer T> ? T : never;

/** Writes the generated ratings as CSV, with the file's quoting, line ends and blank lines. */
function render(file: GeneratedFile): string {
  const eol = file.crlf ? '\r\n' : '\n';
  const lines = file.ratings.map((x, i) => {
    const values = [`r${x.r}`, GROUPS[x.r % GROUPS.length]!, GROUPS[x.t]!, DIMS[x.d]!, x.score === null ? '' : String(x.score)];
    const line = values.map((v, j) => field(v, file.quoting[j]!)).join(',');
    return i % file.blankEvery === 0 ? `${line}${eol}  ` : line;
  });
  return `${file.bom ? '\uFEFF' : ''}${HEADER.trim()}${eol}${lines.join(eol)}${eol}`;
}

describe('reading in chunks', () => {
  const cuts = fc.array(fc.nat(), { maxLength: 30 });

  it('reads quoted, CRLF and blank-line files back to exactly the ratings written', () => {
    fc.assert(fc.property(fileArb, cuts, (file, at) => {
      const expected = ratingMatrix(file.ratings.map((x) => ({
        respondent: `r${x.r}`, workgroup: GROUPS[x.r % GROUPS.length]!, target: GROUPS[x.t]!, dimension: DIMS[x.d]!, score: x.score,
      })));
      expect(parseInChunks(render(file), at)).toEqual(expected);
    }), { numRuns: 300 });
  });

  it('gives the same result, matrix or error, however the text is split', () => {
    const junk = fc.string({ unit: fc.constantFrom('a', '1', ',', '"', '\n', '\r', ' ', 'é', 'timely'), maxLength: 120 });
    const text = fc.oneof(
      junk.map((s) => HEADER + s),
      fc.tuple(fileArb, junk, fc.nat()).map(([file, s, n]) => {
        const t = render(file);
        const at = n % (t.length + 1);
        return t.slice(0, at) + s + t.slice(at);
      }),
    );
    fc.assert(fc.property(text, cuts, (t, at) => {
      expect(parseInChunks(t, at)).toEqual(whole(t));
    }), { numRuns: 500 });
  });

  it('gives the same error for an over-long record however it is split', () => {
    const long = fc.tuple(fc.constantFrom('x', 'a,b', '"q', '"q\n'), fc.nat(3)).map(([unit, extra]) =>
      `${HEADER}r1,A,B,timely,3\n${unit.repeat(Math.ceil(MAX_RECORD_LENGTH / unit.length) + extra)}`);
    fc.assert(fc.property(long, fc.array(fc.nat(), { maxLength: 6 }), (t, at) => {
      expect(parseInChunks(t, at)).toEqual(whole(t));
    }), { numRuns: 40 });
  });
});
