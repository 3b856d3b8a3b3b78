import { parseCommand, type ParsedCommand } from '../../../bot/commands/command-parser';
import { normaliseMessageText } from '../../../bot/commands/message-text';

const command = (text: string): ParsedCommand => parseCommand(text);

describe('reading a command from a message', () => {
  it.each([
    ['help', 'help'],
    ['setup', 'setup'],
    ['pulse status', 'pulse status'],
    ['pulse remind', 'pulse remind'],
    ['pulse close', 'pulse close'],
    ['pulse cancel', 'pulse cancel'],
    ['pulse resend', 'pulse resend'],
    ['results', 'results'],
    ['interventions', 'interventions'],
    ['my data', 'my data'],
  ])('knows "%s"', (text, name) => {
    expect(command(text)).toEqual({ ok: true, command: { name } });
  });

  it('reads when "pulse extend" should now close: a date or a number of days, and refuses anything else kindly', () => {
    expect(command('pulse extend 2026-03-20')).toEqual({ ok: true, command: { name: 'pulse extend', target: { date: '2026-03-20' } } });
    expect(command('pulse extend to 2026-03-20')).toEqual({ ok: true, command: { name: 'pulse extend', target: { date: '2026-03-20' } } });
    expect(command('pulse extend +7 days')).toEqual({ ok: true, command: { name: 'pulse extend', target: { days: 7 } } });
    expect(command('pulse extend by 1 day')).toEqual({ ok: true, command: { name: 'pulse extend', target: { days: 1 } } });
    for (const bad of ['pulse extend', 'pulse extend next week', 'pulse extend 2026-02-30', 'pulse extend +0 days', 'pulse extend +90 days', 'pulse extend 20/03/2026']) {
      expect(command(bad)).toMatchObject({ ok: false, reason: 'invalid', name: 'pulse extend', message: expect.stringMatching(/^Please say when the pulse should now close/) });
    }
    // Words after "pulse cancel" might not mean what they say: asked, not acted on.
    expect(command('pulse cancel tomorrow')).toMatchObject({ ok: false, suggestion: 'pulse cancel' });
  });

  it('reads "interventions" however it is typed, and suggests it for the singular or a slip', () => {
    expect(command('<at>RC Pulse</at>&nbsp;Interventions')).toEqual({ ok: true, command: { name: 'interventions' } });
    expect(command('intervention')).toMatchObject({ ok: false, reason: 'unknown', suggestion: 'interventions', message: 'Did you mean interventions?' });
    expect(command('intervnetions')).toMatchObject({ ok: false, suggestion: 'interventions' });
    // Words after it might be a filter it does not understand: asked, not answered with everything.
    expect(command('interventions mine')).toMatchObject({ ok: false, suggestion: 'interventions' });
  });

  it('strips a channel @mention of the bot, with the markup Teams sends', () => {
    expect(command('<at>RC Pulse</at> pulse status')).toEqual({ ok: true, command: { name: 'pulse status' } });
    expect(command('<at id="0">RC Pulse</at>&nbsp;pulse status')).toEqual({ ok: true, command: { name: 'pulse status' } });
    expect(command('<p><at>RC Pulse</at>&nbsp;<b>results</b></p>')).toEqual({ ok: true, command: { name: 'results' } });
  });

  it("strips the bot's name typed without a mention, a leading slash and trailing punctuation", () => {
    expect(command('@RC Pulse help')).toEqual({ ok: true, command: { name: 'help' } });
    expect(command('rc pulse my data')).toEqual({ ok: true, command: { name: 'my data' } });
    expect(command('/results')).toEqual({ ok: true, command: { name: 'results' } });
    expect(command('pulse status?')).toEqual({ ok: true, command: { name: 'pulse status' } });
    expect(parseCommand('<at>Pulse Bot</at> Pulse Bot setup', 'Pulse Bot')).toEqual({ ok: true, command: { name: 'setup' } });
  });

  it('ignores case and extra spaces, tabs, line breaks and zero-width characters', () => {
    expect(command('  PULSE \t  Status \n')).toEqual({ ok: true, command: { name: 'pulse status' } });
    expect(command('My\u200b  DATA')).toEqual({ ok: true, command: { name: 'my data' } });
  });

  it('takes a bare mention, or only a question mark, as asking for help', () => {
    expect(command('<at>RC Pulse</at>')).toEqual({ ok: true, command: { name: 'help' } });
    expect(command('?')).toEqual({ ok: true, command: { name: 'help' } });
    expect(command('help me please')).toEqual({ ok: true, command: { name: 'help' } });
  });

  it('understands "set up" written as two words', () => {
    expect(command('Set up')).toEqual({ ok: true, command: { name: 'setup' } });
  });
});

describe('pulse start', () => {
  it('starts with no arguments', () => {
    expect(command('pulse start')).toEqual({ ok: true, command: { name: 'pulse start' } });
  });

  it('keeps the focal process as typed, and reads "closes in N days"', () => {
    expect(command('<at>RC Pulse</at> pulse start Admission to the MBU closes in 14 days')).toEqual({
      ok: true,
      command: { name: 'pulse start', focalProcess: 'Admission to the MBU', closesInDays: 14 },
    });
  });

  it('reads the days on their own, in any case, and "1 day"', () => {
    expect(command('Pulse Start CLOSES IN 1 DAY')).toEqual({ ok: true, command: { name: 'pulse start', closesInDays: 1 } });
    expect(command('pulse start discharge planning for 56 days')).toEqual({
      ok: true,
      command: { name: 'pulse start', focalProcess: 'discharge planning', closesInDays: 56 },
    });
    expect(command('pulse start in 10 days')).toEqual({ ok: true, command: { name: 'pulse start', closesInDays: 10 } });
  });

  it('reads who is asked and which groups are rated, in either order, with the focal process and days', () => {
    expect(command('pulse start discharge planning asking Leadership team rating Leadership team, Commissioners closes in 10 days')).toEqual({
      ok: true,
      command: { name: 'pulse start', focalProcess: 'discharge planning', closesInDays: 10, asking: ['Leadership team'], rating: ['Leadership team', 'Commissioners'] },
    });
    expect(command('pulse start rating MBU nursing; Maternity asking Maternity')).toEqual({
      ok: true,
      command: { name: 'pulse start', asking: ['Maternity'], rating: ['MBU nursing', 'Maternity'] },
    });
  });

  it('refuses "asking" with no group after it, saying how to name them', () => {
    expect(command('pulse start asking rating Maternity')).toMatchObject({ ok: false, reason: 'invalid', name: 'pulse start', message: expect.stringContaining('after "asking"') });
    expect(command('pulse start asking Maternity,')).toMatchObject({ ok: false, reason: 'invalid', message: expect.stringContaining('separated by commas') });
  });

  it('lets the one-pulse commands name a pulse by id or by its title in quotation marks', () => {
    expect(command('pulse close p3-1a2b3c4d')).toEqual({ ok: true, command: { name: 'pulse close', pulse: 'p3-1a2b3c4d' } });
    expect(command('pulse status “Leadership only”')).toEqual({ ok: true, command: { name: 'pulse status', pulse: 'Leadership only' } });
    expect(command('results "Maternity pathway"')).toEqual({ ok: true, command: { name: 'results', pulse: 'Maternity pathway' } });
    // Anything else after them still asks first rather than acting.
    expect(command('pulse close tomorrow')).toMatchObject({ ok: false, reason: 'unknown', suggestion: 'pulse close' });
    expect(command('help "x"')).toEqual({ ok: true, command: { name: 'help' } });
  });

  it('lets resend, cancel and extend name a pulse too, extend after how much later', () => {
    expect(command('pulse resend p3-1a2b3c4d')).toEqual({ ok: true, command: { name: 'pulse resend', pulse: 'p3-1a2b3c4d' } });
    expect(command('pulse cancel "Leadership only"')).toEqual({ ok: true, command: { name: 'pulse cancel', pulse: 'Leadership only' } });
    expect(command('pulse extend +7 days p3-1a2b3c4d')).toEqual({ ok: true, command: { name: 'pulse extend', target: { days: 7 }, pulse: 'p3-1a2b3c4d' } });
    expect(command('pulse extend to 2026-03-20 “Leadership only”')).toEqual({ ok: true, command: { name: 'pulse extend', target: { date: '2026-03-20' }, pulse: 'Leadership only' } });
    // A name alone says nothing about when: refused as before, never extended by a guess.
    expect(command('pulse extend p3-1a2b3c4d')).toMatchObject({ ok: false, reason: 'invalid', name: 'pulse extend' });
    expect(command('pulse extend +7 days tomorrow')).toMatchObject({ ok: false, reason: 'invalid', name: 'pulse extend' });
    expect(command('pulse cancel everything')).toMatchObject({ ok: false, reason: 'unknown', suggestion: 'pulse cancel' });
  });

  it('takes off quotation marks around the focal process', () => {
    expect(command('pulse start “referral to the community perinatal team” closes in 7 days')).toEqual({
      ok: true,
      command: { name: 'pulse start', focalProcess: 'referral to the community perinatal team', closesInDays: 7 },
    });
  });

  it('leaves "days" inside the focal process alone when it is not a closing time', () => {
    expect(command('pulse start the first 14 days after discharge')).toEqual({
      ok: true,
      command: { name: 'pulse start', focalProcess: 'the first 14 days after discharge' },
    });
  });

  it.each(['0', '57', '365', '99999999999', 'two', '-3', '1.5'])('refuses "closes in %s days", saying 1 to 56 (8 weeks, the longest a pulse is open)', (days) => {
    expect(command(`pulse start discharge closes in ${days} days`)).toEqual({
      ok: false,
      reason: 'invalid',
      name: 'pulse start',
      message: 'A pulse can stay open for 1 to 56 days. For example: pulse start closes in 14 days.',
    });
  });

  it('refuses a focal process over 300 characters', () => {
    expect(command(`pulse start ${'x'.repeat(301)}`)).toMatchObject({ ok: false, reason: 'invalid', message: expect.stringMatching(/300 characters/) });
  });
});

describe('a message that is not a command', () => {
  it.each([
    ['pulse stat', 'pulse status'],
    ['pulse statsu', 'pulse status'],
    ['puls status', 'pulse status'],
    ['hlep', 'help'],
    ['reslts', 'results'],
    ['my dat', 'my data'],
    ['setpu', 'setup'],
    ['pulse remnd', 'pulse remind'],
    ['status', 'pulse status'],
    ['data', 'my data'],
    ['remind', 'pulse remind'],
    ['res', 'results'],
    ['pulse clo', 'pulse close'],
  ])('"%s" suggests %s', (text, suggestion) => {
    expect(command(text)).toEqual({ ok: false, reason: 'unknown', text, suggestion, message: `Did you mean ${suggestion}?` });
  });

  it('suggests nothing when nothing is close, and points to help', () => {
    expect(command('what is the weather like')).toEqual({
      ok: false,
      reason: 'unknown',
      text: 'what is the weather like',
      message: 'Sorry, I did not understand that. Type help to see what I can do.',
    });
  });

  it('lists the pulse commands for "pulse" and an unknown word', () => {
    expect(command('pulse banana')).toMatchObject({ ok: false, reason: 'unknown', message: expect.stringMatching(/pulse start, pulse status/) });
  });

  it('does not act on a command followed by other words: "pulse close tomorrow" must not close now', () => {
    expect(command('pulse close tomorrow')).toEqual({
      ok: false,
      reason: 'unknown',
      text: 'pulse close tomorrow',
      suggestion: 'pulse close',
      message: 'Did you mean pulse close? Send it on its own.',
    });
  });

  it('copes with a very long message without echoing all of it', () => {
    const result = command('a'.repeat(100_000));
    expect(result).toMatchObject({ ok: false, reason: 'unknown' });
    if (!result.ok && result.reason === 'unknown') expect(result.text.length).toBeLessThanOrEqual(200);
  });
});

describe('cleaning message text', () => {
  it('decodes the entities Teams uses and keeps the case of what was typed', () => {
    expect(normaliseMessageText('<at>RC Pulse</at> pulse start A&amp;E &lt;24h&gt; &#8220;handover&#8221;', 'RC Pulse')).toBe(
      'pulse start A&E <24h> \u201chandover\u201d',
    );
  });

  it("does not strip the bot's name from the middle of the text", () => {
    expect(normaliseMessageText('pulse start RC Pulse pilot', 'RC Pulse')).toBe('pulse start RC Pulse pilot');
  });
});
