import type { Activity } from 'botbuilder';
import { parseCommand } from '../../../bot/commands/command-parser';
import { mentionedPeople } from '../../../bot/teams/activity-facts';

const BOT = { id: '28:bot', name: 'RC Pulse' };

describe('parsing the transition commands', () => {
  it('reads "transition start" with the mentions already gone, and the kind of transition when named', () => {
    expect(parseCommand('<at>RC Pulse</at> transition start <at>Asha Patel</at> <at>Ben</at>')).toEqual({ ok: true, command: { name: 'transition start' } });
    expect(parseCommand('<at>RC Pulse</at>&nbsp;Transition Start Discharge <at>Asha</at>')).toEqual({ ok: true, command: { name: 'transition start', type: 'discharge' } });
    // Names typed with "@" but not picked as mentions are not read as arguments.
    expect(parseCommand('transition start transfer @Asha Patel @Ben')).toEqual({ ok: true, command: { name: 'transition start', type: 'transfer' } });
  });

  it('asks again, starting nothing, for words it cannot read after "transition start"', () => {
    expect(parseCommand('transition start tomorrow please')).toMatchObject({ ok: false, reason: 'invalid', name: 'transition', message: expect.stringContaining('Please mention the staff') });
    expect(parseCommand('transition')).toMatchObject({ ok: false, reason: 'invalid', message: expect.stringContaining('transition start') });
  });

  it('reads "transition close ID" and refuses a close without an id, or with more than one word', () => {
    expect(parseCommand('transition close t-0123456789abcdef')).toEqual({ ok: true, command: { name: 'transition close', checkId: 't-0123456789abcdef' } });
    for (const text of ['transition close', 'transition close all of them', 'transition close ../x']) {
      expect(parseCommand(text)).toMatchObject({ ok: false, reason: 'invalid', message: expect.stringContaining("check's id") });
    }
  });
});

describe('the people mentioned in a message', () => {
  const activity = (entities: unknown[]): Partial<Activity> => ({ recipient: BOT, entities: entities as Activity['entities'] });

  it('lists each person once, in order, leaving out the bot and channel or tag mentions', () => {
    const people = mentionedPeople(
      activity([
        { type: 'mention', mentioned: BOT, text: '<at>RC Pulse</at>' },
        { type: 'mention', mentioned: { id: '29:asha', name: 'Asha Patel' }, text: '<at>Asha Patel</at>' },
        { type: 'mention', mentioned: { id: '19:general@thread.tacv2', name: 'General' }, text: '<at>General</at>' },
        { type: 'clientInfo', locale: 'en-GB' },
        { type: 'mention', mentioned: { id: '29:ben', name: 'Ben', aadObjectId: 'B0000000-0000-4000-8000-000000000001' }, text: '<at>Ben</at>' },
        { type: 'mention', mentioned: { id: '29:asha', name: 'Asha Patel' }, text: '<at>Asha Patel</at>' },
      ]),
    );
    expect(people).toEqual([
      { id: '29:asha', name: 'Asha Patel' },
      { id: '29:ben', name: 'Ben', aadObjectId: 'B0000000-0000-4000-8000-000000000001' },
    ]);
  });

  it('is empty when only the bot is mentioned, or the entities are missing or malformed', () => {
    expect(mentionedPeople(activity([{ type: 'mention', mentioned: BOT }]))).toEqual([]);
    expect(mentionedPeople({ recipient: BOT })).toEqual([]);
    expect(mentionedPeople(activity([{ type: 'mention' }, { type: 'mention', mentioned: { id: 42 } }]))).toEqual([]);
  });
});
