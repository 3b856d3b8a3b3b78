import { parseCommand, type ParsedCommand } from '../../../bot/commands/command-parser';
import { commandInfo } from '../../../bot/commands/command-list';

const command = (text: string): ParsedCommand => parseCommand(text);
const ok = (rest: Record<string, unknown>) => ({ ok: true, command: { name: 'pulse schedule', ...rest } });
const invalid = (message: RegExp | string) => ({ ok: false, reason: 'invalid', name: 'pulse schedule', message: typeof message === 'string' ? expect.stringContaining(message) : expect.stringMatching(message) });

describe('pulse schedule: when it opens', () => {
  it('reads a date and a 24-hour time, with or without "on" and "at", a mention and odd case', () => {
    expect(command('pulse schedule 2026-03-09 09:30')).toEqual(ok({ date: '2026-03-09', time: '09:30' }));
    expect(command('<at>RC Pulse</at> Pulse Schedule on 2026-03-09 at 14:00')).toEqual(ok({ date: '2026-03-09', time: '14:00' }));
  });

  it('reads the UK order of a date, and a time written 9:30 or 9.30', () => {
    expect(command('pulse schedule 9/3/2026 9:30')).toEqual(ok({ date: '2026-03-09', time: '09:30' }));
    expect(command('pulse schedule 09/03/2026 9.30')).toEqual(ok({ date: '2026-03-09', time: '09:30' }));
  });

  it.each([
    ['pulse schedule', 'a date (YYYY-MM-DD) and a time'],
    ['pulse schedule 2026-03-09', 'a date (YYYY-MM-DD) and a time'],
    ['pulse schedule tomorrow 09:30', 'a date (YYYY-MM-DD) and a time'],
    ['pulse schedule 09:30 2026-03-09', 'a date (YYYY-MM-DD) and a time'],
    ['pulse schedule 2026-02-30 09:30', 'There is no day 2026-02-30'],
    ['pulse schedule 2026-13-01 09:30', 'There is no day 2026-13-01'],
    ['pulse schedule 2026-03-09 25:00', 'HH:MM on the 24-hour clock'],
    ['pulse schedule 2026-03-09 9am', 'HH:MM on the 24-hour clock'],
    ['pulse schedule 2026-03-09 09:60', 'HH:MM on the 24-hour clock'],
  ])('"%s" is refused, saying what to change, with an example', (text, message) => {
    const parsed = command(text);
    expect(parsed).toMatchObject(invalid(message));
    expect(parsed).toMatchObject(invalid(`For example: ${commandInfo('pulse schedule').example}.`));
  });
});

describe('pulse schedule: how it repeats', () => {
  it.each([
    ['every week for 4 times', { every: 1, unit: 'week', count: 4 }],
    ['every 2 weeks 3 times', { every: 2, unit: 'week', count: 3 }],
    ['every month until 2026-12-01', { every: 1, unit: 'month', until: '2026-12-01' }],
    ['EVERY 3 MONTHS FOR 4 TIMES', { every: 3, unit: 'month', count: 4 }],
    ['every 4 weeks for 6 times', { every: 4, unit: 'week', count: 6 }],
    ['every 4 weeks 6 times', { every: 4, unit: 'week', count: 6 }],
    ['every month until 2026-09-01', { every: 1, unit: 'month', until: '2026-09-01' }],
    ['every month until 1/9/2026', { every: 1, unit: 'month', until: '2026-09-01' }],
  ])('"%s"', (words, recurrence) => {
    expect(command(`pulse schedule 2026-03-09 09:30 ${words}`)).toEqual(ok({ date: '2026-03-09', time: '09:30', recurrence }));
  });

  it('finds the repeat wherever it is typed, leaving the focal process whole', () => {
    expect(command('pulse schedule 2026-03-09 09:30 discharge planning every 4 weeks for 3 times closes in 10 days')).toEqual(
      ok({ date: '2026-03-09', time: '09:30', recurrence: { every: 4, unit: 'week', count: 3 }, focalProcess: 'discharge planning', closesInDays: 10 }),
    );
  });

  it('keeps "every" that is not a repeat in the focal process', () => {
    expect(command("pulse schedule 2026-03-09 09:30 every family's discharge")).toEqual(ok({ date: '2026-03-09', time: '09:30', focalProcess: "every family's discharge" }));
  });

  it('does not take "for 14 days" as a number of times: it is how long the pulse stays open', () => {
    expect(command('pulse schedule 2026-03-09 09:30 every month 3 times for 14 days')).toEqual(
      ok({ date: '2026-03-09', time: '09:30', recurrence: { every: 1, unit: 'month', count: 3 }, closesInDays: 14 }),
    );
    expect(command('pulse schedule 2026-03-09 09:30 every month for 14 days')).toMatchObject(invalid('how long it repeats'));
  });

  it.each([
    ['every 4 weeks', 'how long it repeats: a number of times, such as every 4 weeks for 6 times, or a last day'],
    ['every 3 days', 'every 1 to 12 weeks or months'],
    ['every year', 'every 1 to 12 weeks or months'],
    ['every fortnight', 'every 1 to 12 weeks or months'],
    ['every 13 weeks for 3 times', 'every 1 to 12 weeks or months'],
    ['every 0 months for 3 times', 'every 1 to 12 weeks or months'],
    ['every 4 weeks for 1 times', '2 to 24 times in all'],
    ['every 4 weeks for 25 times', '2 to 24 times in all'],
    ['every 4 weeks until September', 'after "until" as YYYY-MM-DD'],
    ['every 4 weeks until 2026-09-31', 'after "until" as YYYY-MM-DD'],
  ])('"%s" is refused with what a repeat can be', (words, message) => {
    expect(command(`pulse schedule 2026-03-09 09:30 ${words}`)).toMatchObject(invalid(message));
  });
});

describe('pulse schedule: the same options as pulse start, read by the same reader', () => {
  it('reads the focal process, who is asked, which groups are rated and when it closes', () => {
    expect(command('pulse schedule 2026-03-09 09:30 every 4 weeks for 5 times discharge planning asking MBU nursing rating MBU nursing, Health visiting closes in 10 days')).toEqual(
      ok({
        date: '2026-03-09',
        time: '09:30',
        recurrence: { every: 4, unit: 'week', count: 5 },
        focalProcess: 'discharge planning',
        asking: ['MBU nursing'],
        rating: ['MBU nursing', 'Health visiting'],
        closesInDays: 10,
      }),
    );
  });

  it('says what is wrong with the options the way pulse start does, with a schedule example', () => {
    expect(command('pulse schedule 2026-03-09 09:30 closes in 57 days')).toMatchObject(
      invalid('A pulse can stay open for 1 to 56 days. For example: pulse schedule 2026-03-09 09:30 closes in 14 days.'),
    );
    expect(command('pulse schedule 2026-03-09 09:30 asking rating Maternity')).toMatchObject(invalid('after "asking"'));
    expect(command(`pulse schedule 2026-03-09 09:30 ${'x'.repeat(301)}`)).toMatchObject(invalid('300 characters'));
  });

  it('leaves pulse start as it was', () => {
    expect(command('pulse start discharge planning asking Maternity rating Maternity closes in 10 days')).toEqual({
      ok: true,
      command: { name: 'pulse start', focalProcess: 'discharge planning', asking: ['Maternity'], rating: ['Maternity'], closesInDays: 10 },
    });
  });
});
