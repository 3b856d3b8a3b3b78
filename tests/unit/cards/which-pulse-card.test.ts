import { parseCardAction, parseInvokeAction, parseSubmitAction } from '../../../src/cards/card-action-parser';
import { CHOOSABLE_COMMANDS } from '../../../src/cards/card-verbs';
import { asksText, buttonTitle, MAX_BUTTON_TITLE, pulseNoLongerOpenCard, whichPulseCard, type WhichPulseView } from '../../../src/cards/which-pulse-card';
import { cardBytes, checked, executeActions } from '../../support/adaptive-card-validator';

const json = (card: unknown) => JSON.stringify(card);

const PULSES = [
  { pulseId: 'p1-1a2b3c4d', name: 'Leadership', asks: ['Collaborative leadership team'] },
  { pulseId: 'p2-1a2b3c4d', name: 'admission to the mother and baby unit', asks: ['MBU nursing', 'Community perinatal team', 'Health visiting', 'Psychiatry', 'Families'] },
  { pulseId: 'p3-1a2b3c4d', name: 'discharge planning' },
];

function view(over: Partial<WhichPulseView> = {}): WhichPulseView {
  return { collaborativeId: 'yh-perinatal', command: 'pulse status', pulses: PULSES, ...over } as WhichPulseView;
}

describe('the "which pulse" card', () => {
  it('asks which pulse, with one button per open pulse named by its title, and who each asks in a few words', () => {
    const card = checked(whichPulseCard(view()));
    const text = json(card);
    expect(text).toContain('Which pulse do you mean?');
    expect(text).toContain('3 pulses are open. Choose one and I will show you how it is going.');
    expect(executeActions(card).map((a) => a.title)).toEqual(['Leadership', 'admission to the mother and baby unit', 'discharge planning']);
    expect(text).toContain('"text":"Asks Collaborative leadership team"');
    expect(text).toContain('"text":"Asks MBU nursing, Community perinatal team, Health visiting and 2 more groups"');
    expect(text).toContain('"text":"Asks everyone"');
  });

  it('carries the command, the pulse and the collaborative on each button, and each press parses back to them', () => {
    for (const command of CHOOSABLE_COMMANDS) {
      const card = checked(whichPulseCard(view({ command })));
      executeActions(card).forEach((action, i) => {
        expect(action.verb).toBe('pulse.choose');
        const expected = { ok: true, action: { verb: 'pulse.choose', data: { collaborativeId: 'yh-perinatal', pulseId: PULSES[i]!.pulseId, command } } };
        expect(parseCardAction(action.verb, action.data)).toEqual(expected);
        expect(parseInvokeAction({ action: { type: 'Action.Execute', verb: action.verb, data: action.data } })).toEqual(expected);
        expect(parseSubmitAction({ ...action.data, verb: action.verb })).toEqual(expected);
      });
    }
  });

  it('carries how much later for "pulse extend", and says it', () => {
    const byDays = checked(whichPulseCard(view({ command: 'pulse extend', extend: { days: 3 } })));
    expect(json(byDays)).toContain('Choose one and I will move its closing date 3 days later.');
    expect(parseCardAction('pulse.choose', executeActions(byDays)[0]!.data)).toMatchObject({ ok: true, action: { data: { command: 'pulse extend', extend: { days: 3 } } } });
    const toDate = checked(whichPulseCard(view({ command: 'pulse extend', extend: { date: '2026-03-20' } })));
    expect(json(toDate)).toContain('move its closing date to Friday 20 March');
    expect(parseCardAction('pulse.choose', executeActions(toDate)[1]!.data)).toMatchObject({ ok: true, action: { data: { pulseId: 'p2-1a2b3c4d', extend: { date: '2026-03-20' } } } });
  });

  it('refuses, storing nothing, a press whose data was altered: unknown command, extend without how much, bad ids', () => {
    const good = { collaborativeId: 'yh-perinatal', pulseId: 'p1-1a2b3c4d', command: 'pulse status' };
    for (const bad of [
      { ...good, command: 'pulse start' },
      { ...good, command: 'pulse extend' },
      { ...good, command: 'pulse extend', extend: { days: 90 } },
      { ...good, command: 'pulse extend', extend: { date: 'soon' } },
      { ...good, pulseId: '' },
      { ...good, collaborativeId: 'x'.repeat(500) },
      { pulseId: 'p1-1a2b3c4d', command: 'pulse status' },
    ]) {
      expect(parseCardAction('pulse.choose', bad)).toMatchObject({ ok: false, reason: 'bad_data', verb: 'pulse.choose' });
    }
  });

  it('shows titles people typed as typed, never as markdown, and keeps buttons to one line on a phone', () => {
    const tricky = '[click](https://evil.example) **bold** and a very long title that goes on and on';
    const card = checked(whichPulseCard(view({ pulses: [{ pulseId: 'p1-1a2b3c4d', name: tricky, asks: ['**Nurses**'] }, PULSES[2]!] })));
    const blocks = json(card.body.filter((e) => e.type === 'TextBlock'));
    expect(blocks).not.toContain('evil.example');
    expect(blocks).not.toContain('Nurses');
    expect(json(card)).toContain('{"type":"TextRun","text":"Asks **Nurses**","isSubtle":true}');
    const title = executeActions(card)[0]!.title;
    expect(title.length).toBeLessThanOrEqual(MAX_BUTTON_TITLE);
    expect(title.endsWith('…')).toBe(true);
    expect(buttonTitle('  Leadership \n team ')).toBe('Leadership team');
  });

  it('lists groups in a few words', () => {
    expect(asksText(undefined)).toBe('Asks everyone');
    expect(asksText(['A'])).toBe('Asks A');
    expect(asksText(['A', 'B'])).toBe('Asks A and B');
    expect(asksText(['A', 'B', 'C'])).toBe('Asks A, B and C');
    expect(asksText(['A', 'B', 'C', 'D'])).toBe('Asks A, B, C and 1 more group');
  });

  it('stays small with 25 open pulses at the model\'s limits', () => {
    const pulses = Array.from({ length: 25 }, (_, i) => ({ pulseId: `p${i + 1}-1a2b3c4d`, name: 'T'.repeat(200), asks: Array.from({ length: 50 }, (_, g) => 'G'.repeat(100) + g) }));
    expect(cardBytes(checked(whichPulseCard(view({ pulses }))))).toBeLessThan(40 * 1024);
  });

  it('says kindly that a pulse chosen has closed or was cancelled since, and that nothing was done', () => {
    const closed = json(checked(pulseNoLongerOpenCard({ name: 'discharge planning' })));
    expect(closed).toContain('That pulse is no longer open');
    expect(closed).toContain('It has closed since this card was sent, so nothing was done.');
    expect(closed).toContain('\\"results\\" for its results');
    const cancelled = json(checked(pulseNoLongerOpenCard({ cancelled: true })));
    expect(cancelled).toContain('It was cancelled since this card was sent, so nothing was done.');
    expect(cancelled).not.toContain('results');
  });
});
