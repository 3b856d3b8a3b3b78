import { buttonData, aSetUpTeam, checkedInvokeCard, lastCardIn, lastTextIn, press, startBot, textOf, type BotHarness } from './bot-harness';

/**
 * "pulse schedule" over the real server and adapter, on Azurite: the confirmation card stores
 * nothing, "Schedule it" stores one draft pulse with its opening time and open job and turns
 * the card into "Scheduled", and no second press (later, at the same moment, or through the
 * Action.Submit fallback) schedules a second pulse. The server's clock is Monday 2 March 2026
 * 09:00 UTC; times are UK time with the default quiet hours (20:00-08:00 and weekends).
 */

jest.setTimeout(30_000);

let h: BotHarness;
beforeAll(async () => {
  h = await startBot();
});
afterAll(() => h.stop());

const COMMAND = 'pulse schedule 2026-03-09 09:30 every 4 weeks for 3 times discharge planning asking MBU nursing rating MBU nursing, Health visiting closes in 10 days';
const OPENS_AT = '2026-03-09T09:30:00.000Z';

async function pulsesOf(collaborativeId: string) {
  return h.storage.pulses.list(collaborativeId);
}

describe('pulse schedule', () => {
  it('shows what will happen and stores nothing; Schedule it stores one draft and updates the card; pressing again schedules nothing more', async () => {
    const { team, facilitator, collaborativeId, place } = await aSetUpTeam(h, 2);
    await h.client.message(facilitator, COMMAND, place);
    const confirm = lastCardIn(h, team.id);
    const shown = textOf(confirm);
    for (const words of ['Schedule this pulse?', 'discharge planning', 'Monday 9 March 2026 at 09:30 UK time', 'Thursday 19 March 2026 at 09:30 UK time', 'every 4 weeks, 3 times in all', 'Monday 6 April 2026 at 09:30 UK time', 'Health visiting']) {
      expect(shown).toContain(words);
    }
    expect(await pulsesOf(collaborativeId)).toEqual([]);
    expect((await h.storage.audit.list(collaborativeId)).filter((a) => a.action === 'pulse.scheduled')).toEqual([]);

    const scheduled = await press(h, facilitator, confirm, 'Schedule it', {}, place);
    const [pulse, ...others] = await pulsesOf(collaborativeId);
    expect(others).toEqual([]);
    expect(pulse).toMatchObject({ status: 'draft', opensAt: OPENS_AT, closesAt: '2026-03-19T09:30:00.000Z', focalProcess: 'discharge planning', schedule: { recurrence: { every: 4, unit: 'week', count: 3 } } });
    expect(textOf(scheduled)).toContain('Scheduled: opens Monday 9 March 2026 at 09:30 UK time');
    expect(textOf(scheduled)).toContain(pulse!.id);
    expect(scheduled.actions).toBeUndefined();
    expect(await h.storage.jobs.listForPulse({ collaborativeId, pulseId: pulse!.id })).toEqual([expect.objectContaining({ kind: 'open', dueAt: OPENS_AT })]);

    // The same card pressed again (a double press, or a client still showing it).
    const again = await press(h, facilitator, confirm, 'Schedule it', {}, place);
    expect(textOf(again)).toContain('This card had already scheduled it, so nothing new was scheduled.');
    expect(textOf(again)).toContain(pulse!.id);
    // Older clients press through the Action.Submit fallback.
    const { verb, data } = buttonData(confirm, 'Schedule it');
    await h.client.submit(facilitator, { ...data, verb }, undefined, place);
    expect(textOf(lastCardIn(h, team.id))).toContain(pulse!.id);
    expect((await pulsesOf(collaborativeId)).map((p) => p.id)).toEqual([pulse!.id]);
    expect((await h.storage.audit.list(collaborativeId)).filter((a) => a.action === 'pulse.scheduled')).toHaveLength(1);
  });

  it('schedules one pulse when Schedule it is pressed twice at the same moment', async () => {
    const { team, facilitator, collaborativeId, place } = await aSetUpTeam(h, 2);
    await h.client.message(facilitator, 'pulse schedule 2026-03-10 10:00', place);
    const { verb, data } = buttonData(lastCardIn(h, team.id), 'Schedule it');
    const cards = (await Promise.all([1, 2, 3].map(() => h.client.invoke(facilitator, verb, data, place)))).map(checkedInvokeCard);
    const pulses = await pulsesOf(collaborativeId);
    expect(pulses).toHaveLength(1);
    // Each press is answered with that one pulse: the first made it, the others found it.
    for (const card of cards) expect(textOf(card)).toContain(pulses[0]!.id);
    expect(cards.filter((c) => textOf(c).includes('nothing new was scheduled'))).toHaveLength(2);
  });

  it("stores nothing on Don't schedule", async () => {
    const { team, facilitator, collaborativeId, place } = await aSetUpTeam(h, 2);
    await h.client.message(facilitator, 'pulse schedule 2026-03-10 10:00', place);
    const dropped = await press(h, facilitator, lastCardIn(h, team.id), "Don't schedule", {}, place);
    expect(textOf(dropped)).toContain('Not scheduled');
    expect(await pulsesOf(collaborativeId)).toEqual([]);
  });

  it('refuses someone who is not a facilitator, kindly, whether they type it or press the card', async () => {
    const { team, facilitator, people, collaborativeId, place } = await aSetUpTeam(h, 2);
    await h.client.message(people[0]!, 'pulse schedule 2026-03-10 10:00', place);
    expect(textOf(lastCardIn(h, team.id))).toContain("Only the collaborative's facilitators can schedule a pulse");
    await h.client.message(facilitator, 'pulse schedule 2026-03-10 10:00', place);
    const confirm = lastCardIn(h, team.id);
    for (const title of ['Schedule it', "Don't schedule"]) {
      expect(textOf(await press(h, people[0]!, confirm, title, {}, place))).toContain("Only the collaborative's facilitators can schedule a pulse");
    }
    expect(await pulsesOf(collaborativeId)).toEqual([]);
    // Once scheduled by the facilitator, a member pressing again still learns nothing and changes nothing.
    await press(h, facilitator, confirm, 'Schedule it', {}, place);
    expect(textOf(await press(h, people[0]!, confirm, 'Schedule it', {}, place))).toContain("Only the collaborative's facilitators can schedule a pulse");
    expect(await pulsesOf(collaborativeId)).toHaveLength(1);
  });

  it('refuses a time in quiet hours, suggesting the first time after them', async () => {
    const { team, facilitator, collaborativeId, place } = await aSetUpTeam(h, 2);
    await h.client.message(facilitator, 'pulse schedule 2026-03-09 21:00', place);
    expect(textOf(lastCardIn(h, team.id))).toContain('That time is in quiet hours, when RC Pulse does not send people messages. The first time after them is Tuesday 10 March 2026 at 08:00.');
    await h.client.message(facilitator, 'pulse schedule 2026-03-07 10:00', place);
    expect(textOf(lastCardIn(h, team.id))).toContain('The first time after them is Monday 9 March 2026 at 08:00.');
    expect(await pulsesOf(collaborativeId)).toEqual([]);
  });

  it('says what was wrong with typed input, with an example, and stores nothing', async () => {
    const { team, facilitator, collaborativeId, place } = await aSetUpTeam(h, 2);
    await h.client.message(facilitator, 'pulse schedule tomorrow at 9', place);
    expect(lastTextIn(h, team.id)).toContain('Please say when the pulse opens: a date (YYYY-MM-DD) and a time (HH:MM, 24-hour clock). For example: pulse schedule');
    await h.client.message(facilitator, 'pulse schedule 2026-03-09 09:30 every 4 weeks', place);
    expect(lastTextIn(h, team.id)).toContain('Please say how long it repeats');
    await h.client.message(facilitator, 'pulse schedule 2026-03-01 09:30', place);
    expect(textOf(lastCardIn(h, team.id))).toContain('That time has already passed');
    await h.client.message(facilitator, 'pulse schedule 2026-03-09 09:30 asking Midwives', place);
    expect(textOf(lastCardIn(h, team.id))).toContain('I could not find \\"Midwives\\" among the workgroups');
    // The clocks go forward at 01:00 on Sunday 29 March 2026: 01:30 does not happen that night.
    await h.client.message(facilitator, 'pulse schedule 2026-03-29 01:30', place);
    expect(textOf(lastCardIn(h, team.id))).toContain('The clocks go forward that night');
    expect(await pulsesOf(collaborativeId)).toEqual([]);
  });

  it('checks a changed card again: a tampered time or repeat stores nothing', async () => {
    const { team, facilitator, collaborativeId, place } = await aSetUpTeam(h, 2);
    await h.client.message(facilitator, 'pulse schedule 2026-03-10 10:00', place);
    const { verb, data } = buttonData(lastCardIn(h, team.id), 'Schedule it');
    const quiet = checkedInvokeCard(await h.client.invoke(facilitator, verb, { ...data, opensAt: '2026-03-10T23:00:00.000Z' }, place));
    expect(textOf(quiet)).toContain('quiet hours');
    const bad = checkedInvokeCard(await h.client.invoke(facilitator, verb, { ...data, recurrence: { every: 52, unit: 'week', count: 3 } }, place));
    expect(textOf(bad)).toContain('nothing was saved');
    expect(await pulsesOf(collaborativeId)).toEqual([]);
  });

  it("refuses a card pressed in another collaborative's team", async () => {
    const home = await aSetUpTeam(h, 2);
    const other = await aSetUpTeam(h, 2);
    await h.client.message(home.facilitator, 'pulse schedule 2026-03-10 10:00', home.place);
    const card = await press(h, home.facilitator, lastCardIn(h, home.team.id), 'Schedule it', {}, other.place);
    expect(textOf(card)).toContain("Sorry, I can't show that here.");
    expect(await pulsesOf(home.collaborativeId)).toEqual([]);
    expect(await pulsesOf(other.collaborativeId)).toEqual([]);
  });
});

describe('pulse schedule in another delivery time zone', () => {
  let elsewhere: BotHarness;
  beforeAll(async () => {
    // India has no daylight saving time: 09:30 there is 04:00 UTC all year. No quiet hours.
    elsewhere = await startBot({ storage: h.storage, schedule: { timeZone: 'Asia/Kolkata' } });
  });
  afterAll(() => elsewhere.stop());

  it('reads the typed time in that zone and says so on the card', async () => {
    const { team, facilitator, collaborativeId, place } = await aSetUpTeam(elsewhere, 2);
    await elsewhere.client.message(facilitator, 'pulse schedule 2026-03-09 09:30', place);
    const confirm = lastCardIn(elsewhere, team.id);
    expect(textOf(confirm)).toContain('Monday 9 March 2026 at 09:30 Asia/Kolkata time');
    await press(elsewhere, facilitator, confirm, 'Schedule it', {}, place);
    expect((await elsewhere.storage.pulses.list(collaborativeId)).map((p) => p.opensAt)).toEqual(['2026-03-09T04:00:00.000Z']);
    // 03:00 there is 21:30 UTC the evening before, quiet hours by UK defaults; here there are none.
    await elsewhere.client.message(facilitator, 'pulse schedule 2026-03-10 03:00', place);
    expect(textOf(lastCardIn(elsewhere, team.id))).toContain('Schedule this pulse?');
  });
});
