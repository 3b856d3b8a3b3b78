import { parseCardAction } from '../../../src/cards/card-action-parser';
import type { AdaptiveCard } from '../../../src/cards/card-types';
import { pulseScheduledCard, recurrenceText, scheduleConfirmCard, scheduleDroppedCard, whenText } from '../../../src/cards/pulse-schedule-card';
import { cardBytes, checked, executeActions } from '../../support/adaptive-card-validator';
import { COLLABORATIVE_ID } from './card-fixtures';
import { largestSchedule, scheduleRequest, scheduleView } from './schedule-fixtures';

const UK = 'Europe/London';

/** Every visible string with the type of element that shows it. */
function texts(node: unknown, out: { type: string; text: string }[] = []): { type: string; text: string }[] {
  if (Array.isArray(node)) node.forEach((n) => texts(n, out));
  else if (typeof node === 'object' && node !== null) {
    const o = node as Record<string, unknown>;
    if (typeof o.text === 'string') out.push({ type: String(o.type), text: o.text });
    if (o.type === 'RichTextBlock') out.push({ type: 'RichTextBlock', text: (o.inlines as { text: string }[]).map((r) => r.text).join('') });
    Object.entries(o).forEach(([k, v]) => k !== 'inlines' && k !== 'actions' && texts(v, out));
  }
  return out;
}
const lines = (card: AdaptiveCard) => texts(card.body).map((t) => t.text);
const elementTypes = (card: unknown): string[] => JSON.stringify(card).match(/"type":"[A-Za-z.]+"/g) ?? [];

describe('the schedule confirmation card', () => {
  const card = checked(scheduleConfirmCard(scheduleView(), scheduleRequest(), UK));

  it('says what will happen, one fact a line, in order', () => {
    expect(lines(card)).toEqual([
      'Schedule this pulse?',
      'About: admission to the mother and baby unit',
      'Opens: Monday 9 March 2026 at 09:30 UK time',
      'Closes: Monday 23 March 2026 at 09:30 UK time',
      'Asking: MBU nursing, Community perinatal team',
      'Rating: MBU nursing, Community perinatal team, Health visiting',
      'Repeats: every 4 weeks, 3 times in all',
      'Then it opens again on:',
      '• Monday 6 April 2026 at 09:30 UK time',
      '• Monday 4 May 2026 at 09:30 UK time',
      'Nothing is saved until you choose Schedule it.',
    ]);
  });

  it('has "Schedule it" carrying the whole request, and "Don\'t schedule" carrying only where it was asked', () => {
    const [yes, no] = executeActions(card);
    expect([yes!.title, yes!.verb, no!.title, no!.verb]).toEqual(['Schedule it', 'pulse.schedule', "Don't schedule", 'pulse.schedule']);
    expect(yes!.data).toEqual({ ...scheduleRequest(), confirmed: true });
    expect(no!.data).toEqual({ collaborativeId: COLLABORATIVE_ID, confirmed: false });
    expect(parseCardAction(yes!.verb, yes!.data)).toEqual({ ok: true, action: { verb: 'pulse.schedule', data: { ...scheduleRequest(), confirmed: true } } });
  });

  it('says "everyone" and "every group" when no groups were named, and that it opens once without a repeat', () => {
    const { recurrence: _unused, ...once } = scheduleView({ asking: [], rating: [], openings: ['2026-03-09T09:30:00.000Z'] });
    const text = lines(scheduleConfirmCard(once, scheduleRequest(), UK));
    expect(text).toEqual(expect.arrayContaining(['Asking: everyone', 'Rating: every group', 'Repeats: no, it opens once']));
    expect(text).not.toContain('Then it opens again on:');
  });

  it('lists the later openings it is given and counts the rest of a series of known length', () => {
    const openings = Array.from({ length: 6 }, (_, i) => new Date(Date.UTC(2026, 2 + i, 9, 8, 30)).toISOString());
    const text = lines(scheduleConfirmCard(scheduleView({ openings, recurrence: { every: 1, unit: 'month', count: 10 } }), scheduleRequest(), UK));
    expect(text.filter((t) => t.startsWith('• '))).toHaveLength(5);
    expect(text).toContain('and 4 more.');
    const until = lines(scheduleConfirmCard(scheduleView({ openings, recurrence: { every: 1, unit: 'month', until: '2027-03-01' } }), scheduleRequest(), UK));
    expect(until.some((t) => /more\.$/.test(t))).toBe(false);
  });

  it('shows each warning', () => {
    const text = lines(scheduleConfirmCard(scheduleView({ warnings: ['It opens during the school holidays.'] }), scheduleRequest(), UK));
    expect(text).toContain('It opens during the school holidays.');
  });

  it('never reads a typed name as markdown: focal process, groups and warnings are plain runs', () => {
    const link = '[click](https://example.com)';
    const tricky = checked(scheduleConfirmCard(scheduleView({ focalProcess: link, asking: [link], rating: [link], warnings: [link] }), scheduleRequest(), UK));
    const markdown = texts(tricky.body).filter((t) => t.type === 'TextBlock').map((t) => t.text);
    expect(markdown.join('\n')).not.toContain('example.com');
    expect(lines(tricky)).toContain(`About: ${link}`);
  });

  it('reads on a phone: no columns, no fact sets, every text block wraps', () => {
    for (const c of [card, pulseScheduledCard({ ...scheduleView(), pulseId: 'p4-1a2b3c4d' }, UK)]) {
      expect(elementTypes(c).filter((t) => /ColumnSet|Column"|FactSet/.test(t))).toEqual([]);
      for (const block of JSON.stringify(c.body).match(/"type":"TextBlock"[^}]*/g) ?? []) expect(block).toContain('"wrap":true');
    }
  });

  it('at its largest (15 long group names, 24 openings, a 300-character focal process) stays under 20 KB', () => {
    const { view, request } = largestSchedule();
    expect(cardBytes(checked(scheduleConfirmCard(view, request, UK)))).toBeLessThan(20 * 1024);
  });
});

describe('a press on the schedule card is checked again, as it can be changed by whoever sends it', () => {
  const yes = { ...scheduleRequest(), confirmed: true };
  it.each([
    ['an opening that is not a UTC instant', { ...yes, opensAt: '2026-03-09 09:30' }],
    ['no collaborative', { ...yes, collaborativeId: undefined }],
    ['a repeat every 13 weeks', { ...yes, recurrence: { every: 13, unit: 'week' } }],
    ['a repeat every day', { ...yes, recurrence: { every: 1, unit: 'day' } }],
    ['a group name of 101 characters', { ...yes, asking: ['x'.repeat(101)] }],
    ['51 groups', { ...yes, rating: Array.from({ length: 51 }, (_, i) => `g${i}`) }],
    ['an empty group list', { ...yes, asking: [] }],
    ['a pulse open 91 days', { ...yes, closesInDays: 91 }],
    ['no issue time', { ...yes, issuedAt: undefined }],
    ['a key that is not a random id', { ...yes, key: 'x' }],
    ['"confirmed" as text', { ...yes, confirmed: 'true' }],
  ])('%s is refused', (_name, data) => {
    expect(parseCardAction('pulse.schedule', data)).toMatchObject({ ok: false, reason: 'bad_data', verb: 'pulse.schedule' });
  });
});

describe('the scheduled and not-scheduled cards', () => {
  it('says so when a press found the pulse this card had already scheduled', () => {
    const card = checked(pulseScheduledCard({ ...scheduleView(), pulseId: 'p4-1a2b3c4d' }, UK, true));
    expect(lines(card)[1]).toBe('This card had already scheduled it, so nothing new was scheduled.');
  });

  it('says when it opens and the pulse id, with no buttons', () => {
    const card = checked(pulseScheduledCard({ ...scheduleView(), pulseId: 'p4-1a2b3c4d' }, UK));
    expect(lines(card).slice(0, 3)).toEqual(['Scheduled: opens Monday 9 March 2026 at 09:30 UK time', 'Pulse id: p4-1a2b3c4d', 'About: admission to the mother and baby unit']);
    expect(card.actions).toBeUndefined();
  });

  it('says nothing was saved', () => {
    expect(lines(checked(scheduleDroppedCard()))).toEqual(['Not scheduled', 'Nothing was saved. You can type pulse schedule again at any time.']);
  });
});

describe('dates and repeats in words', () => {
  it('shows the time in the delivery time zone, across the clocks changing', () => {
    expect(whenText('2026-03-29T00:30:00.000Z', UK)).toBe('Sunday 29 March 2026 at 00:30 UK time');
    expect(whenText('2026-03-29T01:30:00.000Z', UK)).toBe('Sunday 29 March 2026 at 02:30 UK time');
    expect(whenText('2026-03-09T09:30:00.000Z', 'Europe/Dublin')).toBe('Monday 9 March 2026 at 09:30 Europe/Dublin time');
  });

  it.each([
    [{ every: 1, unit: 'week' as const }, 'every week'],
    [{ every: 2, unit: 'week' as const }, 'every 2 weeks'],
    [{ every: 1, unit: 'month' as const, until: '2026-09-01' }, 'every month, until 1 September 2026'],
    [{ every: 3, unit: 'month' as const, count: 4 }, 'every 3 months, 4 times in all'],
  ])('%j reads "%s"', (recurrence, words) => {
    expect(recurrenceText(recurrence)).toBe(words);
  });
});
