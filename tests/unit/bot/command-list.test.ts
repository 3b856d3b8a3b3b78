import { COMMAND_NAMES, COMMANDS, commandInfo, TYPED_COMMANDS } from '../../../bot/commands/command-list';
import { parseCommand } from '../../../bot/commands/command-parser';
import { editDistance } from '../../../bot/commands/nearest-command';

describe('the command list', () => {
  it('has the commands of the issue, marking which are for facilitators only', () => {
    expect(COMMANDS.map((c) => [c.name, c.facilitatorOnly])).toEqual([
      ['help', false],
      ['results', false],
      ['interventions', false],
      ['my data', false],
      ['setup', true],
      ['pulse start', true],
      ['pulse status', true],
      ['pulse remind', true],
      ['pulse close', true],
      ['transition', false],
    ]);
    // Typed, not in the manifest's menu (at most 10): both are for facilitators.
    expect(TYPED_COMMANDS.map((c) => [c.name, c.facilitatorOnly])).toEqual([
      ['pulse extend', true],
      ['pulse resend', true],
      ['pulse schedule', true],
      ['pulse cancel', true],
    ]);
  });

  it('fits the app manifest: titles up to 32 characters, descriptions up to 128, at most 10 per scope', () => {
    expect(COMMANDS.length).toBeLessThanOrEqual(10);
    for (const c of [...COMMANDS, ...TYPED_COMMANDS]) {
      expect(c.name.length).toBeLessThanOrEqual(32);
      expect(c.description.length).toBeLessThanOrEqual(128);
    }
  });

  it('parses every command by its own name (or, when it needs one, with its example), and its example', () => {
    // "transition" is one entry for two commands: each is parsed by its own name.
    // "pulse extend" and "pulse schedule" alone do not say when: it is asked for, never guessed.
    for (const name of COMMAND_NAMES.filter((n) => n !== 'transition')) {
      const typed = name === 'pulse extend' || name === 'pulse schedule' ? commandInfo(name).example! : name;
      expect(parseCommand(typed)).toEqual({ ok: true, command: expect.objectContaining({ name }) });
    }
    expect(parseCommand('pulse extend')).toMatchObject({ ok: false, reason: 'invalid', name: 'pulse extend' });
    expect(parseCommand('pulse schedule')).toMatchObject({ ok: false, reason: 'invalid', name: 'pulse schedule' });
    expect(parseCommand('transition start')).toEqual({ ok: true, command: { name: 'transition start' } });
    expect(parseCommand(commandInfo('transition').example!)).toEqual({ ok: true, command: { name: 'transition start', type: 'admission' } });
    const example = commandInfo('pulse start').example!;
    expect(parseCommand(example)).toEqual({
      ok: true,
      command: { name: 'pulse start', focalProcess: 'admission to the mother and baby unit', closesInDays: 14 },
    });
  });
});

describe('edit distance', () => {
  it('counts insertions, deletions, substitutions and a swap of neighbours as one edit each', () => {
    expect([editDistance('stat', 'status'), editDistance('help', 'hlep'), editDistance('data', 'date'), editDistance('', 'abc')]).toEqual([2, 1, 1, 3]);
  });
});
