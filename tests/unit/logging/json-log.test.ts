import { createJsonLog } from '../../../src/logging/json-log';
import { currentRequestId, newRequestId, runWithRequestId } from '../../../src/logging/request-context';

/** The JSON logger: one parseable line per event, the request reference, and redaction as a second guard. */

const NOW = new Date('2026-03-02T09:00:00.000Z');

function capture() {
  const lines: string[] = [];
  const log = createJsonLog({ write: (l) => lines.push(l), clock: () => NOW });
  return { log, lines, events: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('the JSON logger', () => {
  it('writes one line of JSON per event, with time, level, message and fields', () => {
    const { log, lines, events } = capture();
    log.info('a pulse closed', { pulseId: 'p1', cards: 3 });
    log.warn('a card was dropped', { reason: 'no row' });
    log.error('the queue cannot be reached');
    expect(lines).toHaveLength(3);
    expect(lines.every((l) => !l.includes('\n'))).toBe(true);
    expect(events()).toEqual([
      { time: NOW.toISOString(), level: 'info', message: 'a pulse closed', pulseId: 'p1', cards: 3 },
      { time: NOW.toISOString(), level: 'warn', message: 'a card was dropped', reason: 'no row' },
      { time: NOW.toISOString(), level: 'error', message: 'the queue cannot be reached' },
    ]);
  });

  it('reads the level from the first word of a text line, and keeps a multi-line detail in one event', () => {
    const { log, events } = capture();
    log.line('warn abc12345 survey.submit: storage_unavailable: first\nsecond');
    log.line('refused 1a2b3c4d GET /api/x: not a facilitator');
    log.line('no level word here');
    expect(events().map((e) => [e.level, e.message])).toEqual([
      ['warn', 'abc12345 survey.submit: storage_unavailable: first\nsecond'],
      ['warn', 'refused 1a2b3c4d GET /api/x: not a facilitator'],
      ['info', 'no level word here'],
    ]);
  });

  it('adds the request reference of the request being handled, and only then', async () => {
    const { log, events } = capture();
    const id = newRequestId();
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    await runWithRequestId(id, async () => {
      await new Promise((r) => setTimeout(r, 5));
      expect(currentRequestId()).toBe(id);
      log.warn('inside');
    });
    log.warn('outside');
    expect(events().map((e) => e.requestId)).toEqual([id, undefined]);
  });

  it('takes e-mails, Teams and Entra ids, respondent keys, table keys and query strings out of messages and fields', () => {
    const { log, lines } = capture();
    const secrets = ['oriel.fairweather@nhs.net', '29:1AbCdEf0123456789', '7d3f9a2e-5b1c-4e8d-9f0a-1b2c3d4e5f60', 'ab'.repeat(32), 'L:secretrowkey', 'token=xyz'];
    log.warn(`could not reach ${secrets[0]} (${secrets[1]})`, {
      user: secrets[2],
      nested: { key: secrets[3], error: new Error(`RowKey='${secrets[4]}' at https://x.test/a?${secrets[5]}`) },
    });
    expect(secrets.filter((s) => lines[0]!.includes(s))).toEqual([]);
    expect(JSON.parse(lines[0]!).message).toBe('could not reach {redacted} ({redacted})');
  });
});
