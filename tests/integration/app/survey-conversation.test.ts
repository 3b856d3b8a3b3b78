import { closePulse } from '../../../src/app/pulse';
import { collaborativeOfOldCard } from '../../../src/app/survey';
import { DIMENSIONS } from '../../../src/domain/instrument';
import type { Member } from '../../../src/domain/model/member';
import type { Storage } from '../../../src/storage/storage';
import { executeActions, inputValues } from '../../support/adaptive-card-validator';
import { testStorage } from '../../support/test-storage';
import type { PulseScope } from '../../../src/domain/model/pulse';
import {
  answerAndSubmit,
  answerEverything,
  answers,
  aWorld,
  buttonData,
  invitationOf,
  press,
  rawAnswerTables,
  send,
  start,
  TAB_URL,
  WORKGROUPS,
  type World,
} from './app-test-kit';

jest.setTimeout(30_000);

let storage: Storage;
beforeAll(async () => {
  storage = await testStorage();
});

/** A world with an open pulse; k = 5 so nothing is released during these tests unless forced. */
async function openWorld(): Promise<{ world: World; scope: PulseScope; person: Member }> {
  const world = await aWorld(storage, { people: 3, k: 5 });
  const { pulse } = await start(world);
  return { world, scope: { collaborativeId: world.collaborative.id, pulseId: pulse.id }, person: world.people[0]! };
}

async function storedResponses(scope: PulseScope) {
  return [...(await storage.submissions.listPending(scope)).map((r) => r.value), ...(await storage.responses.list(scope))];
}

function refOf(world: World, scope: PulseScope, person: Member) {
  return { ...scope, respondentKey: storage.respondentKey(scope, person.aadObjectId!) };
}

describe('the survey conversation', () => {
  it('takes a person from choosing their group through every group to submit, and stores exactly one response with no identity', async () => {
    const { world, scope, person } = await openWorld();
    let reply = await press(world, person, invitationOf(world, person), 'Start', { workgroupId: 'health-visiting' });
    expect(reply.outcome).toBe('step');
    // Their own group first, then the others.
    expect(JSON.stringify(reply.card)).toContain('People in your own group: Health visiting');
    reply = await press(world, person, reply.card, 'Next', answers('5'));
    expect(JSON.stringify(reply.card)).toContain('Group 2 of 3');
    reply = await press(world, person, reply.card, 'Next', { ...answers('3'), timely: 'na' });
    reply = await press(world, person, reply.card, 'Review', answers('2'));
    expect(JSON.stringify(reply.card)).toContain('Check your answers');

    const submitted = await press(world, person, reply.card, 'Submit');
    expect(submitted.outcome).toBe('submitted');
    expect(JSON.stringify(submitted.card)).toContain('Thank you, your answers are in');

    const responses = await storedResponses(scope);
    expect(responses).toHaveLength(1);
    const [response] = responses;
    expect(response).toMatchObject({ respondentWorkgroupId: 'health-visiting', day: '2026-03-02' });
    expect(response!.ratings['health-visiting']).toEqual(Object.fromEntries(DIMENSIONS.map((d) => [d, 5])));
    const second = WORKGROUPS.map((w) => w.id).sort().find((id) => id !== 'health-visiting')!;
    expect(response!.ratings[second]).toMatchObject({ frequent: 3, timely: null });

    const ref = refOf(world, scope, person);
    expect((await storage.submissions.findLedgerEntry(ref))?.value.status).toBe('finished');
    expect(await storage.submissions.findDraft(ref)).toBeUndefined();
    const raw = await rawAnswerTables(storage);
    for (const identity of [person.aadObjectId!, person.upn!, person.displayName, person.id]) expect(raw).not.toContain(identity);
  });

  it('shows the same step with the unanswered items marked when any are missing, and stores nothing', async () => {
    const { world, scope, person } = await openWorld();
    const first = await press(world, person, invitationOf(world, person), 'Start');
    const ref = refOf(world, scope, person);
    const before = await storage.submissions.findDraft(ref);

    const partial = { ...answers(''), frequent: '4', timely: 'na' };
    const reply = await press(world, person, first.card, 'Next', partial);
    expect(reply.outcome).toBe('missing');
    const text = JSON.stringify(reply.card);
    expect(text).toContain('5 questions still need an answer');
    expect(text).toContain('Group 1 of 3');
    // What they did answer stays on the card.
    expect(inputValues(reply.card)).toMatchObject({ frequent: '4', timely: 'na', accurate: '' });
    const after = await storage.submissions.findDraft(ref);
    expect(after?.etag).toBe(before?.etag);
    expect(after?.value).toMatchObject({ step: 1, ratings: {} });
  });

  it('stores one response when Submit is pressed twice at once, and tells the second press it is already answered', async () => {
    const { world, scope, person } = await openWorld();
    const review = await answerEverything(world, person);
    const replies = await Promise.all([press(world, person, review, 'Submit'), press(world, person, review, 'Submit')]);
    expect(replies.map((r) => r.outcome).sort()).toEqual(['already_answered', 'submitted']);
    expect(JSON.stringify(replies.find((r) => r.outcome === 'already_answered')!.card)).toContain('You have already answered this pulse');
    expect(await storedResponses(scope)).toHaveLength(1);

    // And any later press, from any card of this pulse, is told the same.
    expect((await press(world, person, review, 'Submit')).outcome).toBe('already_answered');
    expect((await press(world, person, invitationOf(world, person), 'Start')).outcome).toBe('already_answered');
    expect(await storedResponses(scope)).toHaveLength(1);
  });

  it('keeps the answers when a person saves for later, and brings them back when they carry on', async () => {
    const { world, person } = await openWorld();
    const first = await press(world, person, invitationOf(world, person), 'Start');
    const second = await press(world, person, first.card, 'Next', answers('2'));
    const saved = await press(world, person, second.card, 'Save and finish later');
    expect(saved.outcome).toBe('saved_for_later');
    expect(JSON.stringify(saved.card)).toContain('You have finished 1 of 3 groups');

    const resumed = await press(world, person, saved.card, 'Carry on now');
    expect(resumed.outcome).toBe('step');
    expect(JSON.stringify(resumed.card)).toContain('Group 2 of 3');
    const back = await press(world, person, resumed.card, 'Back');
    expect(JSON.stringify(back.card)).toContain('Group 1 of 3');
    expect(inputValues(back.card)).toEqual(answers('2'));
  });

  it('answers a button on a closed pulse with the "closed" card and stores nothing', async () => {
    const { world, scope, person } = await openWorld();
    const first = await press(world, person, invitationOf(world, person), 'Start');
    expect(await storage.submissions.findDraft(refOf(world, scope, person))).toBeDefined();
    await closePulse(world.deps, world.facilitator, world.collaborative.id, { confirmed: true, tabUrl: TAB_URL });
    // Closing deleted the draft: answers that were never sent are not kept next to a respondent key.
    expect(await storage.submissions.findDraft(refOf(world, scope, person))).toBeUndefined();
    const reply = await press(world, person, first.card, 'Next', answers('4'));
    expect(reply.outcome).toBe('closed');
    expect(JSON.stringify(reply.card)).toContain('This pulse has closed');
    expect(await storage.submissions.findDraft(refOf(world, scope, person))).toBeUndefined();
  });

  it('gives an out-of-date card the current step, and a tampered one a friendly error, storing nothing', async () => {
    const { world, scope, person } = await openWorld();
    const invitation = invitationOf(world, person);
    const first = await press(world, person, invitation, 'Start');
    await press(world, person, first.card, 'Next', answers('4'));
    const ref = refOf(world, scope, person);
    const before = await storage.submissions.findDraft(ref);

    // The invitation again, after moving on: the current step comes back.
    const stale = await press(world, person, invitation, 'Start', { workgroupId: 'mbu-nursing' });
    expect(stale.outcome).toBe('stale');
    expect(JSON.stringify(stale.card)).toContain('Group 2 of 3');
    // The first group's card again (an old message): the same.
    expect((await press(world, person, first.card, 'Next', answers('1'))).outcome).toBe('stale');

    // A group the pulse does not ask about, and a workgroup that is not one of the pulse's.
    const current = buttonData(stale.card, 'Next', answers('4'));
    const tampered = await send(world, person, current.verb, { ...current.data, targetId: 'someone-else' });
    expect(tampered.outcome).toBe('rejected');
    expect(JSON.stringify(tampered.card)).toContain('Sorry, that did not work');
    const fresh = await aWorld(storage, { people: 1, k: 5 });
    await start(fresh);
    const wrongGroup = buttonData(invitationOf(fresh, fresh.people[0]!), 'Start', { workgroupId: 'old-liaison' });
    expect((await send(fresh, fresh.people[0]!, wrongGroup.verb, wrongGroup.data)).outcome).toBe('rejected');

    expect((await storage.submissions.findDraft(ref))?.etag).toBe(before?.etag);
    expect(await storedResponses(scope)).toEqual([]);
  });

  it('refuses someone who is not on the collaborative’s list, kindly', async () => {
    const { world, person } = await openWorld();
    const outsider = { ...person, aadObjectId: '0b5a9a44-6f1d-4b55-9a0e-3f1b3c0e7a11', id: 'm-outsider' };
    const reply = await press(world, outsider, invitationOf(world, person), 'Start');
    expect(reply.outcome).toBe('rejected');
    expect(JSON.stringify(reply.card)).toContain('You are not on the list of people taking part');
  });

  it('finds the collaborative of a card sent before cards named it, from its pulse id, only for someone on its list', async () => {
    const { world, scope, person } = await openWorld();
    expect(await collaborativeOfOldCard(world.deps, { aadObjectId: person.aadObjectId! }, scope.pulseId)).toBe(world.collaborative.id);
    expect(await collaborativeOfOldCard(world.deps, world.facilitator, scope.pulseId)).toBe(world.collaborative.id);
    expect(await collaborativeOfOldCard(world.deps, { aadObjectId: '0b5a9a44-6f1d-4b55-9a0e-3f1b3c0e7a11' }, scope.pulseId)).toBeUndefined();
    expect(await collaborativeOfOldCard(world.deps, { aadObjectId: person.aadObjectId! }, 'p999-00000000')).toBeUndefined();
  });

  it('names the collaborative on every button of every survey card, beside the pulse', async () => {
    const { world, scope, person } = await openWorld();
    const cards = [invitationOf(world, person)];
    let reply = await press(world, person, cards[0]!, 'Start');
    cards.push(reply.card);
    reply = await press(world, person, reply.card, 'Save and finish later');
    cards.push(reply.card);
    for (const card of cards) {
      for (const title of executeActions(card).map((a) => a.title)) {
        expect(buttonData(card, title).data).toMatchObject({ collaborativeId: scope.collaborativeId, pulseId: scope.pulseId });
      }
    }
  });

  it('refuses a submission whose checks passed just before the pulse closed: the close sealed it first, so nothing is stored', async () => {
    const { world, scope, person } = await openWorld();
    const review = await answerEverything(world, person);
    // Every check before storing sees the pulse open; the whole close lands just before the commit.
    const submit = world.deps.submissions.submit.bind(world.deps.submissions);
    const racing = {
      ...world.deps,
      submissions: Object.assign(Object.create(world.deps.submissions) as typeof world.deps.submissions, {
        submit: async (...args: Parameters<typeof submit>) => {
          await closePulse(world.deps, world.facilitator, world.collaborative.id, { confirmed: true, tabUrl: TAB_URL });
          return submit(...args);
        },
      }),
    };
    const { verb, data } = buttonData(review, 'Submit');
    const before = world.deps;
    world.deps = racing as unknown as typeof before;
    const reply = await send(world, person, verb, data);
    world.deps = before;
    // The figures were computed at the close: an answer after that is refused, kindly.
    expect(reply.outcome).toBe('closed');
    expect(JSON.stringify(reply.card)).toContain("This pulse has closed, so your answers can't be added.");
    expect(await storage.submissions.countPending(scope)).toBe(0);
    expect(await storage.responses.count(scope)).toBe(0);
    expect((await storage.submissions.findLedgerEntry(refOf(world, scope, person)))?.value.status).not.toBe('finished');
  });

  it('refuses a submission once the pulse has closed, with the "closed" card', async () => {
    const { world, scope, person } = await openWorld();
    const review = await answerEverything(world, person);
    // The handler's first read still sees the pulse open; the submit's own check sees it closed.
    const openPulse = (await storage.pulses.get(scope.collaborativeId, scope.pulseId)).value;
    const draft = (await storage.submissions.findDraft(refOf(world, scope, person)))!;
    await storage.pulses.advance(await storage.pulses.get(scope.collaborativeId, scope.pulseId), 'closed', '2026-03-03T09:00:00.000Z');
    let reads = 0;
    const racing = {
      ...world.deps,
      pulses: { find: async (c: string, p: string) => (reads++ === 0 ? { value: openPulse, etag: 'before-close' } : storage.pulses.find(c, p)) },
    };
    const { verb, data } = buttonData(review, 'Submit');
    const before = world.deps;
    world.deps = racing as unknown as typeof before;
    const reply = await send(world, person, verb, data);
    world.deps = before;
    expect(reply.outcome).toBe('closed');
    expect(await storedResponses(scope)).toEqual([]);
    expect((await storage.submissions.findDraft(refOf(world, scope, person)))?.value).toEqual(draft.value);
  });

  it('counts a submission that committed after the pulse moved to closed but before the close sealed its answers', async () => {
    const { world, scope, person } = await openWorld();
    const review = await answerEverything(world, person);
    const openPulse = (await storage.pulses.get(scope.collaborativeId, scope.pulseId)).value;
    // The submit read the pulse while it was open; it commits just as the close seals the intake.
    const advanceIntake = world.deps.submissions.advanceIntake.bind(world.deps.submissions);
    const submitting = {
      ...world.deps,
      pulses: Object.assign(Object.create(world.deps.pulses) as typeof world.deps.pulses, { find: async () => ({ value: openPulse, etag: 'before-close' }) }),
    };
    const racing = {
      ...world.deps,
      submissions: Object.assign(Object.create(world.deps.submissions) as typeof world.deps.submissions, {
        advanceIntake: async (...args: Parameters<typeof advanceIntake>) => {
          if (args[1] === 'sealed') {
            const before = world.deps;
            world.deps = submitting as unknown as typeof before;
            expect((await send(world, person, buttonData(review, 'Submit').verb, buttonData(review, 'Submit').data)).outcome).toBe('submitted');
            world.deps = before;
          }
          return advanceIntake(...args);
        },
      }),
    };
    await closePulse(racing as unknown as typeof world.deps, world.facilitator, world.collaborative.id, { confirmed: true, tabUrl: TAB_URL });
    expect(await storage.submissions.countPending(scope)).toBe(0);
    expect(await storage.responses.count(scope)).toBe(1);
    expect(await storage.snapshots.latest(scope)).toMatchObject({ respondents: 1 });
  });

  it('releases waiting responses once k have submitted', async () => {
    const world = await aWorld(storage, { people: 3, k: 3 });
    const { pulse } = await start(world);
    const scope = { collaborativeId: world.collaborative.id, pulseId: pulse.id };
    await answerAndSubmit(world, world.people[0]!);
    await answerAndSubmit(world, world.people[1]!);
    expect(await storage.responses.count(scope)).toBe(0);
    await answerAndSubmit(world, world.people[2]!);
    expect(await storage.responses.count(scope)).toBe(3);
    expect(await storage.submissions.countPending(scope)).toBe(0);
  });
});
