import { checkTransitionReference, transitionReferenceSchema, type ReferenceProblem } from '../../../src/domain/transition-reference';

const SUFFIX = "Please use a reference your team chooses, such as 'MBU admission 14'. We never store anything that identifies a family.";

describe('the transition reference rule', () => {
  it.each([
    'MBU admission 14',
    'Discharge B-7',
    'Leeds community 2026-A',
    'Leeds community 2026',
    'March 2026 cohort',
    'Transfer 3-4',
    'Ward round 1.2',
    'Team A1',
    'Hull CPMHT 12',
    'MBU 2026-14',
    'Admission #123456',
    "Sam's team, bed 4",
    'x',
    'a'.repeat(40),
  ])('accepts %p', (text) => {
    expect(checkTransitionReference(text)).toEqual({ ok: true, reference: text });
  });

  it('trims the reference it accepts', () => {
    expect(checkTransitionReference('   MBU admission 14  ')).toEqual({ ok: true, reference: 'MBU admission 14' });
  });

  const refused: [string, ReferenceProblem][] = [
    // NHS numbers, with or without a valid check digit (943 476 5919 is valid; ...5918 is not)
    ['943 476 5919', 'nhs_number'],
    ['9434765919', 'nhs_number'],
    ['943-476-5919', 'nhs_number'],
    ['943 476 5918', 'nhs_number'],
    ['MBU 943 476 5919', 'nhs_number'],
    // e-mail addresses
    ['jo@example.com', 'email'],
    ['Contact jo.bloggs@nhs.net', 'email'],
    // dates of any kind
    ['01/02/1990', 'date'],
    ['1.2.90', 'date'],
    ['1 Feb 1990', 'date'],
    ['1990-02-01', 'date'],
    ['DOB 12/31/1990', 'date'],
    ['born 3rd of March', 'date'],
    ['Admission 14 March', 'date'],
    ['Discharge Sept 5', 'date'],
    ['Admitted 14/03', 'date'],
    ['2026/3/14', 'date'],
    // UK phone numbers
    ['07700 900123', 'phone'],
    ['07700900123', 'phone'],
    ['+44 7700 900123', 'phone'],
    ['0113 496 0000', 'phone'],
    ['(0113) 496 0000', 'phone'],
    ['+44 (0)113 496 0000', 'phone'],
    ['0113-496-0000', 'phone'],
    // postcodes
    ['LS1 4AP', 'postcode'],
    ['MBU ls14ap', 'postcode'],
    ['YO10 5DD', 'postcode'],
    ['Family at B12 3AB', 'postcode'],
    // other long numbers (a hospital number)
    ['RR8 1234567', 'long_number'],
    ['Case 12345678', 'long_number'],
    // shape
    ['', 'empty'],
    ['    ', 'empty'],
    ['a'.repeat(41), 'too_long'],
    ['MBU\nadmission', 'characters'],
    ['MBU\u200badmission', 'characters'],
  ];

  it.each(refused)('refuses %p as %s, with a plain reason', (text, problem) => {
    const check = checkTransitionReference(text);
    expect(check).toMatchObject({ ok: false, problem });
    if (!check.ok && !['empty', 'too_long', 'characters'].includes(problem)) expect(check.reason.endsWith(SUFFIX)).toBe(true);
  });

  it('says what it saw in plain words', () => {
    const reason = (text: string) => {
      const c = checkTransitionReference(text);
      return c.ok ? '' : c.reason;
    };
    expect(reason('943 476 5919')).toBe(`This looks like an NHS number. ${SUFFIX}`);
    expect(reason('jo@example.com')).toBe(`This looks like an e-mail address. ${SUFFIX}`);
    expect(reason('01/02/1990')).toBe(`This looks like a date, such as a date of birth. ${SUFFIX}`);
    expect(reason('07700 900123')).toBe(`This looks like a phone number. ${SUFFIX}`);
    expect(reason('LS1 4AP')).toBe(`This looks like a postcode. ${SUFFIX}`);
    expect(reason('')).toBe("Please give a reference your team chooses, such as 'MBU admission 14'.");
    expect(reason('a'.repeat(41))).toBe("Please keep the reference to 40 characters or fewer, such as 'MBU admission 14'.");
  });

  it('is the same rule as a zod schema, which trims what it accepts', () => {
    expect(transitionReferenceSchema.parse('  Discharge B-7 ')).toBe('Discharge B-7');
    const result = transitionReferenceSchema.safeParse('943 476 5919');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/^This looks like an NHS number\./);
  });

  it('answers quickly even for a very long text', () => {
    const started = Date.now();
    expect(checkTransitionReference(`${'1 '.repeat(500_000)}x`).ok).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
