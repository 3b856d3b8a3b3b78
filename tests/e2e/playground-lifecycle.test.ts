import { DEMO_COLLABORATIVE } from '../../src/app/demo/demo-data';
import { dayText } from '../../src/contract/display-format';
import { scopeOf, type Pulse } from '../../src/domain/model/pulse';
import { DEMO_TEAM_ID, demoPlaygroundConfig } from '../../src/local/playground-config';
import type { Storage } from '../../src/storage/storage';
import { launcherEnv, type Launched } from '../support/local-launcher';
import { PlaygroundClient } from '../support/playground-client';
import { cardOf, inMyChat, inTeam, launchWithPlayground, pressOn, PROMPT_DELIVERY_ENV, stopWithPlayground, storageOfStack } from './playground-stack';

/**
 * A pulse's life after "pulse start" in the local Teams client (`npm start`: Azurite, the demo
 * seed, the server and the Microsoft 365 Agents Playground): extended, sent again, cancelled
 * through its confirmation card, and then a pulse scheduled for the next minute whose survey
 * card arrives in the facilitator's own chat when the job worker finds it due. One stack for
 * the file; delivery without quiet hours, so the test does not depend on when it runs.
 */

jest.setTimeout(150_000);

const config = demoPlaygroundConfig();
const me = config.currentUser;
const bot = config.bot;
const textOf = (card: unknown) => JSON.stringify(card);
const DAY_MS = 86_400_000;
/** The time zone "pulse schedule" reads times in by default. */
const SCHEDULE_TIME_ZONE = 'Europe/London';

let env: Record<string, string>;
let run: Launched | undefined;
let pg: PlaygroundClient | undefined;
let storage: Storage;

beforeAll(async () => {
  env = { ...(await launcherEnv('rc-pulse-e2e-life-')), ...PROMPT_DELIVERY_ENV };
  run = await launchWithPlayground(env, 90_000);
  pg = await PlaygroundClient.connect(`http://127.0.0.1:${env.PLAYGROUND_PORT}`);
  storage = storageOfStack(env);
  const since = pg.mark();
  await pg.install(DEMO_TEAM_ID);
  await pg.waitFor((m) => inTeam(m) && Boolean(m.text?.startsWith('Hello!')), 'the welcome in the channel', since);
});

afterAll(() => stopWithPlayground(run, pg, env));

/** Says something in the team's General channel, mentioning the bot; a bookmark from just before. */
async function sayInTeam(text: string): Promise<number> {
  const since = pg!.mark();
  await pg!.say(DEMO_TEAM_ID, me.id, text, bot);
  return since;
}

/** The text the bot posts in the channel next (since the bookmark) that matches. */
async function replyInTeam(since: number, match: RegExp, what: string): Promise<string> {
  return (await pg!.waitFor((m) => inTeam(m) && match.test(m.text ?? ''), what, since)).text!;
}

/** The demo collaborative's survey pulses, newest first. */
async function surveys(): Promise<Pulse[]> {
  return (await storage.pulses.list(DEMO_COLLABORATIVE.id)).filter((p) => p.kind === 'survey');
}

/** Waits until every card of the pulse has gone out (a row per person, each sent). */
async function allSent(pulse: Pulse, people: number): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const rows = await storage.deliveries.list(scopeOf(pulse));
    if (rows.length === people && rows.every((r) => r.status === 'sent')) return;
    if (Date.now() > deadline) throw new Error(`cards not all sent: ${rows.map((r) => r.status).join(', ') || 'no rows'}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * The next whole minute at least `leadMs` away, as the local date and time "pulse schedule"
 * takes in Europe/London, and the instant it is.
 */
function nextWholeMinute(leadMs: number): { date: string; time: string; at: Date } {
  const at = new Date(Math.ceil((Date.now() + leadMs) / 60_000) * 60_000);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: SCHEDULE_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}`, at };
}

describe("a pulse's life in the local Teams client", () => {
  it('is extended (the reply says the new closing date), sent again to those who have not started, and cancelled after its confirmation card', async () => {
    let since = await sayInTeam('pulse start');
    await replyInTeam(since, /^The pulse about/, 'the start summary');
    const [pulse] = await surveys();
    expect(pulse).toMatchObject({ status: 'open' });
    await pg!.waitFor((m) => inMyChat(m) && textOf(m.cards).includes(`"pulseId":"${pulse!.id}"`), 'my survey card', since);

    since = await sayInTeam('pulse extend +3 days');
    const extended = await replyInTeam(since, /^Extended to /, 'the extension reply');
    const [after] = await surveys();
    expect(new Date(after!.closesAt!).getTime() - new Date(pulse!.closesAt!).getTime()).toBe(3 * DAY_MS);
    expect(extended).toContain(`Extended to ${dayText(after!.closesAt!)}.`);
    expect(extended).toContain('(Extension 1 of 4.)');

    // Nobody has started yet: all six people in the team get the card again, me among them.
    await allSent(pulse!, 6);
    since = await sayInTeam('pulse resend');
    const resent = await replyInTeam(since, /^The survey card (is on its way again|went again) to /, 'the resend reply');
    expect(resent).toMatch(/ to 6 people who have not started yet\.$/);
    await pg!.waitFor((m) => inMyChat(m) && textOf(m.cards).includes(`"pulseId":"${pulse!.id}"`), 'my survey card, sent again', since);

    since = await sayInTeam('pulse cancel');
    const asked = await pg!.waitFor((m) => inTeam(m) && textOf(m.cards).includes('Cancel this pulse?'), 'the cancel confirmation card', since);
    expect((await surveys())[0]!.status).toBe('open');
    const done = await pressOn(pg!, me.id, asked, cardOf(asked), 'Yes, cancel it and delete its answers');
    expect(textOf(done)).toContain('Pulse cancelled');
    expect(textOf(done)).toContain('Its answers and anything saved for later have been deleted');
    expect((await surveys())[0]!.status).toBe('cancelled');
  });

  it('schedules a pulse for the next minute after its confirmation card, and its survey card arrives in my chat at that time, not before', async () => {
    const when = nextWholeMinute(20_000);
    const since = await sayInTeam(`pulse schedule ${when.date} ${when.time}`);
    const asked = await pg!.waitFor((m) => inTeam(m) && textOf(m.cards).includes('Schedule this pulse?'), 'the schedule confirmation card', since);
    expect((await surveys()).filter((p) => p.status === 'draft')).toEqual([]);
    const scheduled = await pressOn(pg!, me.id, asked, cardOf(asked), 'Schedule it');
    expect(textOf(scheduled)).toContain(`Scheduled: opens `);
    expect(textOf(scheduled)).toContain(` at ${when.time}`);
    const [draft] = await surveys();
    expect(draft).toMatchObject({ status: 'draft', opensAt: when.at.toISOString() });
    // Still before the opening: a card that came early would be seen by the wait below at once.
    expect(Date.now()).toBeLessThan(when.at.getTime());

    const arrived = await pg!.waitFor(
      (m) => inMyChat(m) && textOf(m.cards).includes(`"pulseId":"${draft!.id}"`),
      'the scheduled survey card in my chat',
      since,
      when.at.getTime() - Date.now() + 30_000,
    );
    const arrivedAt = Date.now();
    expect(arrivedAt).toBeGreaterThanOrEqual(when.at.getTime());
    expect(textOf(cardOf(arrived))).toContain('How do our groups work together?');
    expect((await storage.pulses.get(DEMO_COLLABORATIVE.id, draft!.id)).value.status).toBe('open');
  });
});
