import { parseCsv, CsvSyntaxError } from '../../../src/domain/csv';
import { parseRoster } from '../../../src/domain/roster';

const context = {
  organisations: [
    { id: 'lypft', name: 'Leeds and York Partnership NHS Foundation Trust' },
    { id: 'humber', name: 'Humber Teaching NHS Foundation Trust' },
  ],
  workgroups: ['MBU nursing', 'Community perinatal team'],
};

describe('reading CSV', () => {
  it('handles a BOM, CRLF, quotes with commas, doubled quotes and line breaks inside quotes', () => {
    const text = '\ufeffa,b\r\n"x, y","say ""hi"""\r\n"two\nlines",z\r\n\r\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x, y', 'say "hi"'] },
      { line: 3, fields: ['two\nlines', 'z'] },
    ]);
  });

  it('names the line where an unclosed quote starts', () => {
    expect(() => parseCsv('a,b\n1,"open\n2,3\n')).toThrow(new CsvSyntaxError(2, 'a quoted value is never closed'));
  });
});

describe('checking a roster file', () => {
  it('accepts good lines, matching organisations by id or name and workgroups by name, in any case', () => {
    const r = parseRoster(
      'name,email,organisation,workgroup\n' +
        'Aisha Khan,Aisha.Khan@nhs.net,lypft,mbu nursing\n' +
        '"Barker, Ben",ben.barker@nhs.net,Humber Teaching NHS Foundation Trust,\n',
      context,
    );
    expect(r).toEqual({
      ok: true,
      entries: [
        { name: 'Aisha Khan', email: 'aisha.khan@nhs.net', organisation: 'lypft', organisationId: 'lypft', workgroup: 'MBU nursing', line: 2 },
        { name: 'Barker, Ben', email: 'ben.barker@nhs.net', organisation: 'Humber Teaching NHS Foundation Trust', organisationId: 'humber', workgroup: undefined, line: 3 },
      ],
    });
  });

  it('names every bad line and returns nothing to import when any line is wrong', () => {
    const r = parseRoster(
      'name,email,organisation,workgroup\n' +
        'Aisha Khan,aisha.khan@nhs.net,lypft,MBU nursing\n' +
        ',no-at-sign,lypft,MBU nursing\n' +
        'Ben Barker,ben@nhs.net,Unknown Trust,MBU nursing\n' +
        'Chloe Clarke,chloe@nhs.net,humber,Astronauts\n' +
        'Aisha Again,AISHA.KHAN@nhs.net,lypft,\n' +
        'Too,few\n',
      context,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => [p.line, p.column])).toEqual([
      [3, 'name'], [3, 'email'], [4, 'organisation'], [5, 'workgroup'], [6, 'email'], [7, null],
    ]);
    expect(r.problems.find((p) => p.line === 6)!.message).toBe('aisha.khan@nhs.net is already on line 2');
  });

  it('refuses a file without the expected header, saying what is missing', () => {
    const r = parseRoster('name,mail,organisation\nA,a@b.nhs.uk,lypft\n', context);
    expect(r).toEqual({ ok: false, problems: [{ line: 1, column: null, message: expect.stringMatching(/missing email, workgroup; unknown "mail"/) }] });
    expect(parseRoster('', context)).toEqual({ ok: false, problems: [{ line: 1, column: null, message: expect.stringMatching(/empty/) }] });
  });
});
