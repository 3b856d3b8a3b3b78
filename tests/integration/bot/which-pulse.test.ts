import type { Pulse } from '../../../src/domain/model/pulse';
import { executeActions } from '../../support/adaptive-card-validator';
import { aSetUpTeam, lastCardIn, lastTextIn, press, startBot, textOf, type BotHarness } from './bot-harness';

jest.setTimeout(30_000);

/**
 * Several pulses open at once (scoped pulses asking different groups): a pulse command typed
 * without naming one is answered with the "which pulse" card, and a press on a pulse's button
 * runs that command for that pulse only, over the real server and adapter.
 */

let h: BotHarness;
beforeAll(async () => {
  h = await startBot();
});
afterAll(() => h.stop());

type Card = Record<string, unknown>;

/** A team with two open scoped pulses: "a" asks MBU nursing, "b" asks Health visiting. */
async function twoOpenPulses() {
  const world = await aSetUpTeam(h, 2);
  const { facilitator, place, collaborativeId } = world;
  await h.client.message(facilitator, 'pulse start asking MBU nursing rating MBU nursing, Health visiting', place);
  await h.client.message(facilitator, 'pulse start asking Health visiting rating Health visiting', place);
  const open = (await h.storage.pulses.list(collaborativeId)).filter((p) => p.status === 'open');
  expect(open).toHaveLength(2);
  const a = open.find((p) => p.participantWorkgroupIds?.includes('mbu-nursing'))!;
  const b = open.find((p) => p.participantWorkgroupIds?.includes('health-visiting'))!;
  return { ...world, a, b };
}

/** The title of the button that chooses `pulse` on a "which pulse" card. */
function buttonFor(card: Card, pulse: Pulse): string {
  const button = executeActions(card).find((x) => x.verb === 'pulse.choose' && x.data.pulseId === pulse.id);
  if (!button) throw new Error(`no button for ${pulse.id} on ${textOf(card).slice(0, 300)}`);
  return button.title;
}

describe('"which pulse?" when several pulses are open', () => {
  it('answers "pulse status" with one button per open pulse; pressing one shows that pulse\'s status only', async () => {
    const { team, facilitator, place, collaborativeId, a, b } = await twoOpenPulses();
    await h.client.message(facilitator, 'pulse status', place);
    const choice = lastCardIn(h, team.id);
    expect(textOf(choice)).toContain('Which pulse do you mean?');
    expect(textOf(choice)).toContain('2 pulses are open. Choose one and I will show you how it is going.');
    expect(textOf(choice)).toContain('"text":"Asks MBU nursing"');
    expect(textOf(choice)).toContain('"text":"Asks Health visiting"');
    const buttons = executeActions(choice);
    const byPulse = (x: { pulseId: string }, y: { pulseId: string }) => x.pulseId.localeCompare(y.pulseId);
    expect(buttons.map((x) => x.verb)).toEqual(['pulse.choose', 'pulse.choose']);
    expect(buttons.map((x) => x.data as { pulseId: string }).sort(byPulse)).toEqual(
      [a, b].map((p) => ({ collaborativeId, pulseId: p.id, command: 'pulse status' })).sort(byPulse),
    );

    const status = await press(h, facilitator, choice, buttonFor(choice, b), {}, place);
    expect(textOf(status)).toContain('Pulse status');
    expect(textOf(status)).toContain(`"pulseId":"${b.id}"`);
    expect(textOf(status)).not.toContain(a.id);
    // Its progress lists the group it asks, not the other pulse's.
    expect(textOf(status)).toContain('Health visiting: ');
    expect(textOf(status)).not.toContain('MBU nursing: ');
  });

  it('runs "pulse extend +3 days" for the pulse chosen only, and refuses a member who presses the card', async () => {
    const { team, facilitator, people, place, collaborativeId, a, b } = await twoOpenPulses();
    await h.client.message(facilitator, 'pulse extend +3 days', place);
    const choice = lastCardIn(h, team.id);
    expect(textOf(choice)).toContain('Choose one and I will move its closing date 3 days later.');
    // Nothing moved yet.
    const closes = async (p: Pulse) => (await h.storage.pulses.get(collaborativeId, p.id)).value.closesAt!;
    expect([await closes(a), await closes(b)]).toEqual([a.closesAt, b.closesAt]);

    // A member who is not a facilitator, in the same channel: refused, nothing moved.
    const refused = await press(h, people[0]!, choice, buttonFor(choice, a), {}, place);
    expect(textOf(refused)).toContain("Only the collaborative's facilitators can");
    expect(await closes(a)).toBe(a.closesAt);

    const after = await press(h, facilitator, choice, buttonFor(choice, a), {}, place);
    expect(textOf(after)).toContain(`"pulseId":"${a.id}"`);
    expect(lastTextIn(h, team.id)).toMatch(/^Extended to \w+ \d+ \w+\. .*\(Extension 1 of 4\.\)$/);
    expect(new Date(await closes(a)).getTime() - new Date(a.closesAt!).getTime()).toBe(3 * 86_400_000);
    expect(await closes(b)).toBe(b.closesAt);
  });

  it('asks before cancelling the pulse chosen, cancels only that one, and answers a stale press kindly', async () => {
    const { team, facilitator, place, collaborativeId, a, b } = await twoOpenPulses();
    await h.client.message(facilitator, 'pulse cancel', place);
    const choice = lastCardIn(h, team.id);
    // Cancelling deletes answers: never a guess between two open pulses.
    expect(textOf(choice)).toContain('Which pulse do you mean?');
    const statusOf = async (p: Pulse) => (await h.storage.pulses.get(collaborativeId, p.id)).value.status;
    expect([await statusOf(a), await statusOf(b)]).toEqual(['open', 'open']);

    const confirm = await press(h, facilitator, choice, buttonFor(choice, b), {}, place);
    expect(textOf(confirm)).toContain('Cancel this pulse?');
    expect(textOf(confirm)).toContain(`"pulseId":"${b.id}"`);
    const done = await press(h, facilitator, confirm, 'Yes, cancel it and delete its answers', {}, place);
    expect(textOf(done)).toContain('Pulse cancelled');
    expect([await statusOf(a), await statusOf(b)]).toEqual(['open', 'cancelled']);

    // The old choice card pressed again for the cancelled pulse: a kind answer, nothing done.
    const stale = await press(h, facilitator, choice, buttonFor(choice, b), {}, place);
    expect(textOf(stale)).toContain('That pulse is no longer open');
    expect(textOf(stale)).toContain('It was cancelled since this card was sent, so nothing was done.');
    expect(await statusOf(a)).toBe('open');
  });

  it('answers a press for a pulse that has closed since kindly, and does nothing', async () => {
    const { team, facilitator, place, collaborativeId, a, b } = await twoOpenPulses();
    await h.client.message(facilitator, 'pulse resend', place);
    const choice = lastCardIn(h, team.id);
    expect(textOf(choice)).toContain('send its survey card again to the people who have not started it');
    // Typed with the pulse's id, a command needs no card.
    await h.client.message(facilitator, `pulse close ${a.id}`, place);
    const closed = await press(h, facilitator, lastCardIn(h, team.id), 'Yes, close it', {}, place);
    expect(textOf(closed)).toContain('Results');
    const audited = (await h.storage.audit.list(collaborativeId)).length;

    const stale = await press(h, facilitator, choice, buttonFor(choice, a), {}, place);
    expect(textOf(stale)).toContain('That pulse is no longer open');
    expect(textOf(stale)).toContain('It has closed since this card was sent, so nothing was done.');
    expect((await h.storage.audit.list(collaborativeId)).length).toBe(audited);
    expect((await h.storage.pulses.get(collaborativeId, b.id)).value.status).toBe('open');
  });
});
