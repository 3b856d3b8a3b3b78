import { ValidationError } from '../../../src/domain/errors';
import { checkOpensAt, checkRecurrence, localDateTime, nthOpening, occurrencesOf, recurrenceSchema, type Recurrence } from '../../../src/domain/pulse-schedule';
import { DEFAULT_QUIET_HOURS, isQuiet } from '../../../src/domain/quiet-hours';

const LONDON = 'Europe/London';
const iso = (dates: Date[]) => dates.map((d) => d.toISOString());
const rec = (r: Recurrence) => recurrenceSchema.parse(r);

describe('localDateTime: a local date and time in the delivery time zone', () => {
  it('reads UK winter time as UTC and UK summer time an hour ahead, either side of the clocks going forward', () => {
    expect(localDateTime('2026-03-27', '09:00', LONDON).toISOString()).toBe('2026-03-27T09:00:00.000Z');
    expect(localDateTime('2026-03-30', '09:00', LONDON).toISOString()).toBe('2026-03-30T08:00:00.000Z');
    expect(localDateTime('2026-10-26', '09:00', LONDON).toISOString()).toBe('2026-10-26T09:00:00.000Z');
    expect(localDateTime('2026-07-01', '9:05', 'America/New_York').toISOString()).toBe('2026-07-01T13:05:00.000Z');
  });

  it('refuses a time the clocks skip, and takes the first of a time that happens twice', () => {
    expect(() => localDateTime('2026-03-29', '01:30', LONDON)).toThrow(/clocks go forward/);
    expect(localDateTime('2026-03-29', '02:00', LONDON).toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(localDateTime('2026-10-25', '01:30', LONDON).toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it('refuses days and times that do not exist, in plain words', () => {
    for (const [day, time] of [['2026-02-30', '09:00'], ['2026-02-29', '09:00'], ['2026-13-01', '09:00'], ['tomorrow', '09:00'], ['2026-03-02', '25:00'], ['2026-03-02', '09:60'], ['2026-03-02', '9am']]) {
      expect(() => localDateTime(day!, time!, LONDON)).toThrow(ValidationError);
    }
    expect(() => localDateTime('2026-02-30', '09:00', LONDON)).toThrow(/not a day in the calendar/);
    expect(() => localDateTime('2026-03-02', '25:00', LONDON)).toThrow(/not a time of day/);
    expect(localDateTime('2028-02-29', '09:00', LONDON).toISOString()).toBe('2028-02-29T09:00:00.000Z');
  });
});

describe('checkOpensAt: when a scheduled pulse may open', () => {
  const now = new Date('2026-01-05T10:00:00.000Z'); // Monday

  it('refuses a time in quiet hours and suggests the first time after them', () => {
    // Saturday: quiet all weekend, so Monday 08:00.
    expect(() => checkOpensAt(new Date('2026-01-10T10:00:00.000Z'), now, DEFAULT_QUIET_HOURS)).toThrow(/quiet hours.*Monday 12 January 2026 at 08:00/);
    // Tuesday 21:00 (after 20:00): Wednesday 08:00.
    expect(() => checkOpensAt(new Date('2026-01-06T21:00:00.000Z'), now, DEFAULT_QUIET_HOURS)).toThrow(/Wednesday 7 January 2026 at 08:00/);
    // In summer the suggestion is in UK time: 08:00 BST.
    expect(() => checkOpensAt(new Date('2026-06-02T06:00:00.000Z'), now, DEFAULT_QUIET_HOURS)).toThrow(/Tuesday 2 June 2026 at 08:00/);
    expect(() => checkOpensAt(new Date('2026-01-06T08:00:00.000Z'), now, DEFAULT_QUIET_HOURS)).not.toThrow();
  });

  it('allows any hour when there are no quiet hours', () => {
    expect(() => checkOpensAt(new Date('2026-01-10T23:00:00.000Z'), now, undefined)).not.toThrow();
  });

  it('refuses the past and more than a year ahead', () => {
    expect(() => checkOpensAt(new Date('2026-01-05T09:00:00.000Z'), now, undefined)).toThrow(/already passed/);
    expect(() => checkOpensAt(new Date('2027-01-07T10:00:00.000Z'), now, undefined)).toThrow(/up to a year ahead/);
    expect(() => checkOpensAt(new Date('2026-12-30T10:00:00.000Z'), now, undefined)).not.toThrow();
    expect(() => checkOpensAt(new Date('nonsense'), now, undefined)).toThrow(ValidationError);
  });
});

describe('occurrencesOf: the openings of a repeating pulse', () => {
  it('keeps the local time of day across the clocks changing', () => {
    const first = localDateTime('2026-03-23', '09:00', LONDON);
    expect(iso(occurrencesOf(first, rec({ every: 1, unit: 'week', count: 3 }), undefined, LONDON))).toEqual([
      '2026-03-23T09:00:00.000Z',
      '2026-03-30T08:00:00.000Z',
      '2026-04-06T08:00:00.000Z',
    ]);
    const autumn = localDateTime('2026-10-19', '09:00', LONDON);
    expect(iso(occurrencesOf(autumn, rec({ every: 1, unit: 'week', count: 2 }), undefined, LONDON))).toEqual(['2026-10-19T08:00:00.000Z', '2026-10-26T09:00:00.000Z']);
  });

  it('ends a month on its last day when it is shorter (31 January + 1 month = 28 February), and comes back to the 31st', () => {
    const first = localDateTime('2026-01-31', '10:00', LONDON);
    expect(iso(occurrencesOf(first, rec({ every: 1, unit: 'month', count: 4 }), undefined, LONDON))).toEqual([
      '2026-01-31T10:00:00.000Z',
      '2026-02-28T10:00:00.000Z',
      '2026-03-31T09:00:00.000Z',
      '2026-04-30T09:00:00.000Z',
    ]);
    const leap = localDateTime('2027-12-31', '10:00', LONDON);
    expect(iso(occurrencesOf(leap, rec({ every: 2, unit: 'month', count: 2 }), undefined, LONDON))).toEqual(['2027-12-31T10:00:00.000Z', '2028-02-29T10:00:00.000Z']);
  });

  it('moves an opening that lands in quiet hours to the first time after them, never into them', () => {
    // The 5th of each month at 09:00: 5 April 2026 is a Sunday, so Monday 6 April 08:00 BST.
    const first = localDateTime('2026-01-05', '09:00', LONDON);
    const openings = occurrencesOf(first, rec({ every: 1, unit: 'month', count: 6 }), DEFAULT_QUIET_HOURS, LONDON);
    expect(openings[3]!.toISOString()).toBe('2026-04-06T07:00:00.000Z');
    expect(openings.filter((d) => isQuiet(d, DEFAULT_QUIET_HOURS))).toEqual([]);
    // Mondays at 21:00 for 24 weeks, across the clocks going forward: each moves to Tuesday 08:00 UK time.
    const evening = occurrencesOf(new Date('2026-02-02T21:00:00.000Z'), rec({ every: 1, unit: 'week', count: 24 }), DEFAULT_QUIET_HOURS, LONDON);
    expect(evening).toHaveLength(24);
    expect(evening.filter((d) => isQuiet(d, DEFAULT_QUIET_HOURS))).toEqual([]);
    expect(evening[0]!.toISOString()).toBe('2026-02-03T08:00:00.000Z');
    expect(evening[23]!.toISOString()).toBe('2026-07-14T07:00:00.000Z');
  });

  it('stops after `count` openings, or after the `until` day (inclusive), and never beyond 24', () => {
    const first = localDateTime('2026-01-05', '09:00', LONDON);
    expect(occurrencesOf(first, rec({ every: 1, unit: 'week', count: 5 }), undefined, LONDON)).toHaveLength(5);
    expect(occurrencesOf(first, rec({ every: 1, unit: 'week', until: '2026-01-26' }), undefined, LONDON)).toHaveLength(4);
    expect(occurrencesOf(first, rec({ every: 1, unit: 'week', until: '2026-01-25' }), undefined, LONDON)).toHaveLength(3);
    expect(occurrencesOf(first, rec({ every: 1, unit: 'week', until: '2030-01-01' }), undefined, LONDON)).toHaveLength(24);
    expect(nthOpening(first, rec({ every: 1, unit: 'week', count: 2 }), 2, undefined, LONDON)).toBeUndefined();
  });
});

describe('recurrenceSchema and checkRecurrence', () => {
  it('takes exactly one of until and count, every 1 to 12, count 2 to 24', () => {
    expect(recurrenceSchema.safeParse({ every: 2, unit: 'week', count: 6 }).success).toBe(true);
    expect(recurrenceSchema.safeParse({ every: 1, unit: 'month', until: '2026-12-01' }).success).toBe(true);
    for (const bad of [
      { every: 1, unit: 'week' },
      { every: 1, unit: 'week', count: 3, until: '2026-12-01' },
      { every: 0, unit: 'week', count: 3 },
      { every: 13, unit: 'month', count: 3 },
      { every: 1, unit: 'week', count: 1 },
      { every: 1, unit: 'week', count: 25 },
      { every: 1, unit: 'day', count: 3 },
      { every: 1, unit: 'week', until: '2026-02-30' },
    ]) {
      expect(recurrenceSchema.safeParse(bad).success).toBe(false);
    }
  });

  it('refuses pulses of a series that would be open at the same time, and a series that ends before it repeats', () => {
    const first = localDateTime('2026-01-05', '09:00', LONDON);
    expect(() => checkRecurrence(first, rec({ every: 1, unit: 'week', count: 3 }), 14, LONDON)).toThrow(/asked twice at once/);
    expect(() => checkRecurrence(first, rec({ every: 2, unit: 'week', count: 3 }), 14, LONDON)).not.toThrow();
    expect(() => checkRecurrence(first, rec({ every: 1, unit: 'month', count: 3 }), 28, LONDON)).not.toThrow();
    expect(() => checkRecurrence(first, rec({ every: 1, unit: 'month', until: '2026-01-31' }), 14, LONDON)).toThrow(/before the pulse repeats/);
  });
});
