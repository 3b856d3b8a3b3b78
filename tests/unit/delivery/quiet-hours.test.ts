import { DEFAULT_QUIET_HOURS, isQuiet, nextAllowed, parseQuietRange } from '../../../src/domain/quiet-hours';

const at = (iso: string) => new Date(iso);
const next = (iso: string) => nextAllowed(at(iso), DEFAULT_QUIET_HOURS).toISOString();

describe('quiet hours (20:00 to 08:00 UK time, and weekends)', () => {
  it('lets a weekday working hour through as it is', () => {
    expect(isQuiet(at('2026-03-04T12:00:00Z'), DEFAULT_QUIET_HOURS)).toBe(false);
    expect(next('2026-03-04T12:00:00Z')).toBe('2026-03-04T12:00:00.000Z');
    expect(next('2026-03-04T19:59:59Z')).toBe('2026-03-04T19:59:59.000Z');
  });

  it('moves an evening or early morning to 08:00 the next working morning', () => {
    expect(next('2026-03-04T20:00:00Z')).toBe('2026-03-05T08:00:00.000Z');
    expect(next('2026-03-05T02:30:00Z')).toBe('2026-03-05T08:00:00.000Z');
    expect(next('2026-03-05T07:59:00Z')).toBe('2026-03-05T08:00:00.000Z');
  });

  it('moves Friday evening and the weekend to Monday 08:00', () => {
    expect(next('2026-03-06T21:00:00Z')).toBe('2026-03-09T08:00:00.000Z');
    expect(next('2026-03-07T10:00:00Z')).toBe('2026-03-09T08:00:00.000Z');
    expect(next('2026-03-08T23:59:00Z')).toBe('2026-03-09T08:00:00.000Z');
  });

  it('follows UK summer time: 20:00 BST is 19:00 UTC, and 08:00 BST is 07:00 UTC', () => {
    expect(isQuiet(at('2026-06-10T19:30:00Z'), DEFAULT_QUIET_HOURS)).toBe(true);
    expect(next('2026-06-10T19:30:00Z')).toBe('2026-06-11T07:00:00.000Z');
    expect(isQuiet(at('2026-06-10T07:30:00Z'), DEFAULT_QUIET_HOURS)).toBe(false);
  });

  it('takes other hours, daytime ranges, no weekends, or none at all', () => {
    const lunch = { ...parseQuietRange('12:00-13:30')!, weekends: false, timeZone: 'Europe/London' };
    expect(isQuiet(at('2026-03-07T12:15:00Z'), lunch)).toBe(true);
    expect(nextAllowed(at('2026-03-07T12:15:00Z'), lunch).toISOString()).toBe('2026-03-07T13:30:00.000Z');
    expect(isQuiet(at('2026-03-07T20:15:00Z'), lunch)).toBe(false);
    expect(nextAllowed(at('2026-03-07T21:00:00Z'), undefined).toISOString()).toBe('2026-03-07T21:00:00.000Z');
    expect(parseQuietRange('8pm-8am')).toBeUndefined();
    expect(parseQuietRange('20:00 - 08:00')).toEqual({ fromMinute: 1200, toMinute: 480 });
  });
});
