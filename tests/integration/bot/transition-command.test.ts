import type { AddressInfo } from 'node:net';
import { DIMENSIONS } from '../../../src/domain/instrument';
import { CARE_TEAM_TARGET_ID } from '../../../src/domain/model/family';
import { executeActions } from '../../support/adaptive-card-validator';
import { personalChatId, type TeamsUser } from '../../support/bot-client';
import { aSetUpTeam, buttonData, cardsOf, checkedInvokeCard, lastCardIn, postsIn, press, startBot, textOf, type BotHarness } from './bot-harness';

jest.setTimeout(60_000);

/**
 * Transition checks through the real server and adapter over HTTP: `transition start` with
 * @mentions in the channel, the form that comes privately, a refused reference, the start, the
 * check's card in the channel replaced in place as staff answer, and the close by button.
 */

type Card = Record<string, unknown>;
const answers = (score: string) => Object.fromEntries(DIMENSIONS.map((d) => [d, score]));

let h: BotHarness;
beforeAll(async () => {
  h = await startBot({ family: { linkKey: 'k'.repeat(40), publicUrl: 'https://rcpulse.example.nhs.uk' } });
});
afterAll(() => h.stop());

/** Every update (PUT) of one posted activity, newest last, as cards. */
function updatesOf(activityId: string): Card[] {
  return h.connector.activities.filter((c) => c.kind === 'update' && c.activityId === activityId).flatMap((c) => cardsOf((c.body ?? {}) as Record<string, unknown>));
}

/** Answers a staff card to the end: every role, then Submit. */
async function answerAll(user: TeamsUser, score: string): Promise<Card> {
  let card = lastCardIn(h, personalChatId(user));
  for (let i = 0; i < 10; i++) {
    const next = executeActions(card).find((a) => a.title === 'Next' || a.title === 'Review');
    if (!next) break;
    card = await press(h, user, card, next.title, answers(score));
  }
  return press(h, user, card, 'Submit');
}

async function startedCheck(count = 3) {
  const team = await aSetUpTeam(h, count);
  const roles = (await h.storage.workgroups.list(team.collaborativeId)).map((w) => w.id);
  await h.client.messageWithMentions(team.facilitator, 'transition start admission', team.people, team.place);
  const form = lastCardIn(h, personalChatId(team.facilitator));
  return { ...team, roles, form };
}

describe('transition start in a channel, with @mentions', () => {
  it('sends the form privately: the channel hears only that, and the form names each person with a role to choose', async () => {
    const { team, people, form } = await startedCheck();
    expect(postsIn(h, team.id).at(-1)).toEqual({ text: expect.stringContaining("I've sent you a form privately"), cards: [] });
    const text = textOf(form);
    for (const p of people) expect(text).toContain(`"label":"${p.name} answers for"`);
    expect(text).toContain('"value":"admission"');
    expect(text).toContain('Never a name, NHS number, e-mail address, date of birth or phone number');
  });

  it('refuses an NHS number as the reference: the form comes back with the reason, and nothing is stored', async () => {
    const { facilitator, form, roles, collaborativeId } = await startedCheck();
    const again = await press(h, facilitator, form, 'Start the check', { reference: '943 476 5919', role_0: roles[0], role_1: roles[1], role_2: roles[2] });
    expect(textOf(again)).toContain('This looks like an NHS number.');
    expect(textOf(again)).toContain('Nothing has been saved yet');
    expect(await h.storage.transitions.list(collaborativeId)).toEqual([]);
    expect((await h.storage.pulses.list(collaborativeId)).filter((p) => p.kind === 'transition')).toEqual([]);
  });

  it('refuses a tampered form (a person who is not an Entra id) as bad data, storing nothing', async () => {
    const { facilitator, form, collaborativeId } = await startedCheck();
    const { verb, data } = buttonData(form, 'Start the check', { reference: 'MBU 14' });
    const card = checkedInvokeCard(await h.client.invoke(facilitator, verb, { ...data, staff: ['not-a-person'] }));
    expect(textOf(card)).toContain('nothing was saved');
    expect(await h.storage.transitions.list(collaborativeId)).toEqual([]);
  });

  it('starts the check: links and who cannot be reached for the starter, the check\'s card in the channel, refreshed as staff answer and final with figures when closed by its button', async () => {
    const { team, place, facilitator, people, form, roles, collaborativeId } = await startedCheck();
    const channelBefore = postsIn(h, team.id).length;
    const started = await press(h, facilitator, form, 'Start the check', { reference: 'MBU admission 14', role_0: roles[0], role_1: roles[1], role_2: roles[2], familyLinks: '1' });
    expect(textOf(started)).toContain('The transition check has started');
    expect(textOf(started)).toMatch(/https:\/\/rcpulse\.example\.nhs\.uk\/f\/[0-9a-f]+\.[\w-]+/);

    const [check] = await h.storage.transitions.list(collaborativeId);
    expect(check).toMatchObject({ reference: 'MBU admission 14', type: 'admission', familyLinks: 1 });
    expect(check!.channelActivityId).toEqual(expect.any(String));
    const posted = postsIn(h, team.id).slice(channelBefore).flatMap((p) => p.cards);
    expect(posted).toHaveLength(1);
    const cardText = textOf(posted[0]);
    expect(cardText).toContain('"title":"Answered","value":"fewer than 3"');
    expect(cardText).toContain('MBU admission 14');
    for (const p of people) expect(cardText).not.toContain(p.name);

    // Each member of staff answers in their own chat; the channel's card is replaced in place.
    for (const [i, person] of people.entries()) {
      expect(textOf(await answerAll(person, i === 0 ? '2' : '3'))).not.toContain('went wrong');
    }
    const updates = updatesOf(check!.channelActivityId!);
    expect(textOf(updates.at(-1))).toContain('"title":"Answered","value":"3"');

    // The family link is still out, so the check is open: its starter closes it with the card's button.
    const channelCard = updates.at(-1)!;
    const closed = await press(h, facilitator, channelCard, 'Close the check now', {}, place);
    expect(textOf(closed)).toContain('These figures are final');
    expect(textOf(closed)).toContain('Team RC: ');
    expect(textOf(updatesOf(check!.channelActivityId!).at(-1))).toContain('These figures are final');
    // Scores of 2 and 3: team RC is weak, so the alert comes once to the channel.
    const alerts = postsIn(h, team.id).flatMap((p) => p.cards).filter((c) => textOf(c).includes('A transition check closed weak'));
    expect(alerts).toHaveLength(1);
    expect(executeActions(alerts[0]).length + ((alerts[0]!.actions as unknown[]) ?? []).length).toBeGreaterThan(0);
  });

  it("closes when the family's answer on the family page is the last one: the channel's card shows the final figures", async () => {
    const { facilitator, people, form, roles, collaborativeId } = await startedCheck();
    const started = await press(h, facilitator, form, 'Start the check', { reference: 'MBU discharge 9', role_0: roles[0], role_1: roles[1], role_2: roles[2], familyLinks: '1' });
    const link = /https:\/\/rcpulse\.example\.nhs\.uk(\/f\/[0-9a-f]+\.[\w-]+)/.exec(textOf(started))![1]!;
    const [check] = await h.storage.transitions.list(collaborativeId);
    for (const person of people) await answerAll(person, '4');
    expect((await h.storage.transitions.get(collaborativeId, check!.id)).value.status).toBe('open');

    // The family answers on its phone, through the same server, with no Teams account.
    const fields: [string, string][] = [...DIMENSIONS.map((d): [string, string] => [`r.${CARE_TEAM_TARGET_ID}.${d}`, '4']), ['sharing', 'shared_with_team']];
    const port = (h.app.server.address() as AddressInfo).port;
    const res = await fetch(`http://127.0.0.1:${port}${link}`, { method: 'POST', body: new URLSearchParams(fields).toString(), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect([res.status, await res.text()]).toEqual([200, expect.stringContaining('Thank you')]);

    expect((await h.storage.transitions.get(collaborativeId, check!.id)).value).toMatchObject({ status: 'closed', closeReason: 'all_answered' });
    expect(textOf(updatesOf(check!.channelActivityId!).at(-1))).toContain('These figures are final');
  });

  it('lets only its starter or a facilitator close it: anyone else gets the card as it is, with a note', async () => {
    const { team, place, facilitator, people, form, roles, collaborativeId } = await startedCheck();
    await press(h, facilitator, form, 'Start the check', { reference: 'Discharge 3', role_0: roles[0], role_1: roles[1], role_2: roles[2], familyLinks: '0' });
    const [check] = await h.storage.transitions.list(collaborativeId);
    const channelCard = postsIn(h, team.id).flatMap((p) => p.cards).at(-1)!;
    const refused = await press(h, people[0]!, channelCard, 'Close the check now', {}, place);
    expect(textOf(refused)).toContain('Only the person who started this transition check, or a facilitator, can close it.');
    expect((await h.storage.transitions.get(collaborativeId, check!.id)).value.status).toBe('open');
  });

  it('closes by command with the id on its card', async () => {
    const { team, place, facilitator, form, roles, collaborativeId } = await startedCheck();
    await press(h, facilitator, form, 'Start the check', { reference: 'Transfer 7', role_0: roles[0], role_1: roles[1], role_2: roles[2], familyLinks: '0' });
    const [check] = await h.storage.transitions.list(collaborativeId);
    await h.client.message(facilitator, `transition close ${check!.id}`, place);
    expect(postsIn(h, team.id).at(-1)?.text).toContain('has closed. Its figures are on its card.');
    expect((await h.storage.transitions.get(collaborativeId, check!.id)).value.status).toBe('closed');
    expect(textOf(updatesOf(check!.channelActivityId!).at(-1))).toContain('These figures are final');
  });
});

describe('staff who cannot be reached yet', () => {
  it('are named to the starter; when one adds RC Pulse, they get their card and the check\'s card shows them reachable', async () => {
    const { team, facilitator, people, form, roles, collaborativeId } = await startedCheck();
    // The third person has no chat with RC Pulse yet (as if they were never in the team's roster sync).
    const late = people[2]!;
    const row = (await h.storage.members.findByAadObjectId(collaborativeId, late.aadObjectId))!;
    await h.storage.members.modify(collaborativeId, row.value.id, ({ conversationReference: _r, teamsUserId: _t, ...m }) => ({ ...m, installState: 'not_installed' }));
    const started = await press(h, facilitator, form, 'Start the check', { reference: 'MBU admission 21', role_0: roles[0], role_1: roles[1], role_2: roles[2], familyLinks: '0' });
    expect(textOf(started)).toContain('Not reachable yet');
    expect(textOf(started)).toContain(late.name);
    const [check] = await h.storage.transitions.list(collaborativeId);
    const channelCard = postsIn(h, team.id).flatMap((p) => p.cards).at(-1)!;
    expect(textOf(channelCard)).toContain('"title":"Can be reached","value":"2 of 3 staff"');
    expect(postsIn(h, personalChatId(late))).toEqual([]);

    await h.client.installPersonal(late);
    expect(textOf(lastCardIn(h, personalChatId(late)))).toContain("transition check 'MBU admission 21'");
    expect(textOf(updatesOf(check!.channelActivityId!).at(-1))).toContain('"title":"Can be reached","value":"3 of 3 staff"');
  });
});

describe('transition commands that cannot go ahead', () => {
  it('asks for mentions when there are none, and lists both commands in help', async () => {
    const { team, facilitator, place } = await aSetUpTeam(h, 1);
    await h.client.message(facilitator, 'transition start', place);
    expect(postsIn(h, team.id).at(-1)?.text).toContain('Please @mention the staff around the family');
    await h.client.message(facilitator, 'help', place);
    const help = textOf(lastCardIn(h, team.id));
    expect(help).toContain('transition start, mentioning the staff around a family');
    expect(help).toContain('transition close ID');
  });
});
