import fc from 'fast-check';
import { csvCell, csvLine, csvText } from '../../../src/domain/csv';
import { parseRatingsCsv } from '../../../src/domain/ratings-csv';

const FORMULA_START = /^[=+\-@\t\r]/;

/** What a spreadsheet sees in a cell: the value with RFC 4180 quoting removed. */
const shown = (cell: string) => (cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell);

describe('CSV cells written by the exports', () => {
  it('guard every value that starts like a formula with an apostrophe (OWASP), and leave others alone', () => {
    expect(csvCell('=HYPERLINK("https://evil.example","x")')).toBe('"\'=HYPERLINK(""https://evil.example"",""x"")"');
    for (const v of ['+SUM(1,2)', '-2+3', '@cmd', '\tindented', '\rreturn']) expect(shown(csvCell(v))).toBe(`'${v}`);
    for (const v of ['Mother and baby unit', "O'Neill's team", "'quoted", '4.25', '', 'a=b']) expect(shown(csvCell(v))).toBe(v);
    expect(csvLine(['overall', '=1+1', '3.5'])).toBe("overall,'=1+1,3.5");
  });

  it('never write a cell a spreadsheet would read as a formula, whatever the value', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme-composite' }), (v) => !FORMULA_START.test(shown(csvCell(v)))));
    fc.assert(fc.property(fc.constantFrom('=', '+', '-', '@', '\t', '\r', "'", "''", "'="), fc.string(), (start, rest) => !FORMULA_START.test(shown(csvCell(start + rest)))));
  });

  it('read back exactly, through the scoring reader, as the names they were written from', () => {
    const names = fc.oneof(fc.string({ minLength: 1 }), fc.constantFrom('=', '+', '-', '@', "'", "''", "'=", "''=").chain((s) => fc.string().map((rest) => s + rest)));
    fc.assert(
      fc.property(names, (name) => {
        const csv = `respondent,workgroup,target,dimension,score\nr1,${csvCell(name)},${csvCell(name)},frequent,3\n`;
        return parseRatingsCsv(csv).groups[0] === name;
      }),
    );
    expect(csvText("''=x")).toBe("'=x");
    expect(csvText("'Twas")).toBe("'Twas");
  });
});
