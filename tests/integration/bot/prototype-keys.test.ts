import { DIMENSIONS } from '../../../src/domain/instrument';
import { personalChatId, type TeamsUser } from '../../support/bot-client';
import { aSetUpTeam, buttonData, checkedInvokeCard, lastCardIn, press, startBot, textOf, type BotHarness } from './bot-harness';
import type { PulseScope } from '../../../src/domain/model/pulse';

jest.setTimeout(40_000);

/**
 * An outsider who edits a card's data to carry "__proto__", "constructor" or "prototype"
 * keys (prototype pollution) must change nothing, for every verb: the bot answers with the
 * friendly "this card can't be used" card, Object.prototype stays as it was, and nothing is
 * stored or sent.
 */

const UNUSABLE = "This card can't be used, so nothing was saved";
const answers = (score: string) => Object.fromEntries(DIMENSIONS.map((d) => [d, score]));

/** Keys as JSON.parse leaves them (own keys), top level and nested. */
const POISONS: Record<string, unknown>[] = [
  JSON.parse('{"__proto__":{"polluted":"yes","k":3}}') as Record<string, unknown>,
  JSON.parse('{"constructor":{"prototype":{"polluted":"yes"}}}') as Record<string, unknown>,
  JSON.parse('{"note":{"inner":[{"__proto__":{"polluted":"yes"}}]}}') as Record<string, unknown>,
];

let h: BotHarness;
beforeAll(async () => {
  h = await startBot();
});
afterAll(() => h.stop());
afterEach(() => {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
});

/** Presses a button with poisoned data, every way; each answer must be the friendly card. */
async function attack(user: TeamsUser, verb: string, data: Record<string, unknown>, place?: Parameters<BotHarness['client']['invoke']>[3]): Promise<void> {
  for (const poison of POISONS) {
    const card = checkedInvokeCard(await h.client.invoke(user, verb, { ...data, ...poison }, place));
    expect(textOf(card)).toContain(UNUSABLE);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }
}

async function openPulse(): Promise<{ team: Awaited<ReturnType<typeof aSetUpTeam>>; scope: PulseScope }> {
  const team = await aSetUpTeam(h, 3);
  await h.client.message(team.facilitator, 'pulse start', team.place);
  const pulse = (await h.storage.pulses.list(team.collaborativeId))[0]!;
  return { team, scope: { collaborativeId: team.collaborativeId, pulseId: pulse.id } };
}

function refOf(scope: PulseScope, user: TeamsUser) {
  return { ...scope, respondentKey: h.storage.respondentKey(scope, user.aadObjectId) };
}

describe('card data with prototype keys', () => {
  it('changes nothing for any survey verb: no draft, no step, no answer stored', async () => {
    const { team, scope } = await openPulse();
    const [fresh, midway, reviewing] = team.people as [TeamsUser, TeamsUser, TeamsUser];

    // survey.chooseWorkgroup: would start a draft.
    const start = buttonData(lastCardIn(h, personalChatId(fresh)), 'Start', { workgroupId: 'mbu-nursing' });
    await attack(fresh, start.verb, start.data);
    expect(await h.storage.submissions.findDraft(refOf(scope, fresh))).toBeUndefined();

    // survey.answerGroup, survey.back, survey.saveForLater, survey.resume: would move the draft.
    const step1 = await press(h, midway, lastCardIn(h, personalChatId(midway)), 'Start', { workgroupId: 'mbu-nursing' });
    const draft = await h.storage.submissions.findDraft(refOf(scope, midway));
    for (const title of ['Next', 'Back', 'Save and finish later']) {
      const button = buttonData(step1, title, answers('4'));
      await attack(midway, button.verb, button.data);
    }
    await attack(midway, 'survey.resume', { collaborativeId: scope.collaborativeId, pulseId: scope.pulseId });
    expect((await h.storage.submissions.findDraft(refOf(scope, midway)))?.etag).toBe(draft?.etag);

    // survey.submit: would store a response and finish the ledger.
    let card = await press(h, reviewing, lastCardIn(h, personalChatId(reviewing)), 'Start', { workgroupId: 'mbu-nursing' });
    for (const title of ['Next', 'Next', 'Review']) card = await press(h, reviewing, card, title, answers('4'));
    const submit = buttonData(card, 'Submit');
    await attack(reviewing, submit.verb, submit.data);
    expect(await h.storage.submissions.listPending(scope)).toEqual([]);
    expect(await h.storage.responses.count(scope)).toBe(0);
    expect((await h.storage.submissions.findLedgerEntry(refOf(scope, reviewing)))?.value.status).not.toBe('finished');
  });

  it('changes nothing for any facilitator verb: set-up, status, reminder and close', async () => {
    const { team, scope } = await openPulse();
    const { facilitator, place } = team;
    const before = await h.storage.collaboratives.get(scope.collaborativeId);

    // setup.save: would change k and the focal process.
    await h.client.message(facilitator, 'setup', place);
    const save = buttonData(lastCardIn(h, team.team.id), 'Save', { k: '7', focalProcess: 'changed by an attacker' });
    await attack(facilitator, save.verb, save.data, place);
    expect((await h.storage.collaboratives.get(scope.collaborativeId)).etag).toBe(before.etag);

    // status.refresh, pulse.remind, pulse.close: would show the status, send reminders, close the pulse.
    await h.client.message(facilitator, 'pulse status', place);
    const status = lastCardIn(h, team.team.id);
    const sentBefore = h.connector.activities.length;
    for (const title of ['Refresh', 'Send a reminder']) {
      const button = buttonData(status, title);
      await attack(facilitator, button.verb, button.data, place);
    }
    await attack(facilitator, 'pulse.close', { ...buttonData(status, 'Close the pulse').data, confirmed: true }, place);
    expect(h.connector.activities.length).toBe(sentBefore);
    expect((await h.storage.pulses.get(scope.collaborativeId, scope.pulseId)).value.status).toBe('open');
    expect((await h.storage.audit.list(scope.collaborativeId)).map((a) => a.action)).not.toContain('pulse.reminded');
  });

  it('refuses the same data sent by an older client as an Action.Submit message', async () => {
    const { team, scope } = await openPulse();
    const person = team.people[0]!;
    const start = buttonData(lastCardIn(h, personalChatId(person)), 'Start', { workgroupId: 'mbu-nursing' });
    for (const poison of POISONS) await h.client.submit(person, { ...start.data, ...poison, verb: start.verb });
    const replies = h.connector.activitiesIn(personalChatId(person)).slice(-POISONS.length);
    for (const reply of replies) expect(textOf(reply)).toContain(UNUSABLE);
    expect(await h.storage.submissions.findDraft(refOf(scope, person))).toBeUndefined();
  });
});
