import { DEFAULT_INSTRUMENT, DIMENSIONS, itemText } from '../../../src/domain/instrument';
import { anonymityPromise, chooseWorkgroupCard, surveyGroupCard } from '../../../src/cards/survey-card';
import type { ChoiceSetInput } from '../../../src/cards/card-types';
import { checked, executeActions } from '../../support/adaptive-card-validator';
import { chooseView, COLLABORATIVE_ID, FOCAL, groupView, PULSE_ID, TARGETS, WORKGROUPS } from './card-fixtures';

/** All inputs of a card, found anywhere in its body. */
function inputs(card: unknown): ChoiceSetInput[] {
  const found: ChoiceSetInput[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (typeof n !== 'object' || n === null) return;
    if (String((n as { type?: unknown }).type).startsWith('Input.')) found.push(n as ChoiceSetInput);
    Object.values(n).forEach(walk);
  };
  walk(card);
  return found;
}

const json = (card: unknown) => JSON.stringify(card);

describe('the first survey card (choose your workgroup)', () => {
  it('names the focal process and promises anonymity in two plain sentences, with k', () => {
    const card = checked(chooseWorkgroupCard(chooseView({ k: 7 })));
    expect(json(card)).toContain(FOCAL);
    expect(anonymityPromise(7)).toBe(
      'Your answers are stored without your name. They are only ever shown as figures for a group, and only once at least 7 people have answered.',
    );
    expect(json(card)).toContain(anonymityPromise(7));
  });

  it('lists every workgroup and pre-selects the one already known', () => {
    const card = checked(chooseWorkgroupCard(chooseView({ selectedWorkgroupId: 'maternity' })));
    const [choice] = inputs(card);
    expect(choice!.choices.map((c) => c.value)).toEqual(WORKGROUPS.map((w) => w.id));
    expect(choice!.value).toBe('maternity');
    expect(choice!.isRequired).toBe(true);
    expect(choice!.errorMessage).toBeTruthy();
  });

  it('uses radio buttons for a few groups and a drop-down for many, so the card stays short on a phone', () => {
    expect(inputs(checked(chooseWorkgroupCard(chooseView())))[0]!.style).toBe('expanded');
    const many = Array.from({ length: 12 }, (_, i) => ({ id: `g${i}`, name: `Group ${i}` }));
    expect(inputs(checked(chooseWorkgroupCard(chooseView({ workgroups: many }))))[0]!.style).toBe('compact');
  });

  it('starts with a Start button that carries the collaborative, the pulse and step 0', () => {
    const actions = executeActions(checked(chooseWorkgroupCard(chooseView())));
    expect(actions).toEqual([{ verb: 'survey.chooseWorkgroup', title: 'Start', data: { collaborativeId: COLLABORATIVE_ID, pulseId: PULSE_ID, step: 0 } }]);
  });

  it('shows a note when the person pressed Start without choosing, and a gentle heading for reminders', () => {
    const card = checked(chooseWorkgroupCard(chooseView({ showMissingError: true, isReminder: true })));
    expect(json(card)).toContain('Please choose the group you work in.');
    expect(json(card)).toContain('A gentle reminder');
  });

  it('says when the pulse closes, in UK time', () => {
    expect(json(checked(chooseWorkgroupCard(chooseView({ closesAt: '2026-03-20T23:30:00Z' }))))).toContain('Please answer by Friday 20 March.');
  });
});

describe('a survey step for one target group', () => {
  it('asks the seven items in order, with the instrument wording and the focal process', () => {
    const card = checked(surveyGroupCard(groupView()));
    const items = inputs(card);
    expect(items.map((i) => i.id)).toEqual([...DIMENSIONS]);
    DIMENSIONS.forEach((d, i) => expect(items[i]!.label).toBe(`${i + 1}. ${itemText(DEFAULT_INSTRUMENT, d, FOCAL)}`));
  });

  it('offers the options in display order with their scores, then "Not applicable"', () => {
    const frequent = inputs(checked(surveyGroupCard(groupView())))[0]!;
    expect(frequent.choices).toEqual([
      { title: 'Not nearly enough', value: '1' },
      { title: 'Not enough', value: '3' },
      { title: 'Just the right amount', value: '5' },
      { title: 'Too often', value: '4' },
      { title: 'Much too often', value: '2' },
      { title: DEFAULT_INSTRUMENT.notApplicableLabel, value: 'na' },
    ]);
  });

  it('makes every item a required, labelled radio list with a kind error message', () => {
    for (const item of inputs(checked(surveyGroupCard(groupView())))) {
      expect(item).toMatchObject({ type: 'Input.ChoiceSet', style: 'expanded', wrap: true, isRequired: true });
      expect(item.errorMessage).toMatch(/Not applicable/);
    }
  });

  it('fills in the answers already in the draft, including "not applicable"', () => {
    const items = inputs(checked(surveyGroupCard(groupView({ answers: { frequent: 5, timely: 4, shared_goals: null } }))));
    const value = (id: string) => items.find((i) => i.id === id)!.value;
    expect([value('frequent'), value('timely'), value('shared_goals'), value('accurate')]).toEqual(['5', '4', 'na', undefined]);
  });

  it('shows progress and titles the first group as your own', () => {
    const own = checked(surveyGroupCard(groupView({ target: TARGETS[0]!, position: 1 })));
    expect(json(own)).toContain('Group 1 of 5');
    expect(json(own)).toContain('"text":"People in your own group: Community perinatal team"');
    const other = checked(surveyGroupCard(groupView({ target: TARGETS[2]!, position: 3 })));
    expect(json(other)).toContain('Group 3 of 5');
    expect(json(other)).not.toContain('your own group');
  });

  it('offers Next, Back and "Save and finish later"; only Next sends (and checks) the answers', () => {
    const actions = executeActions(checked(surveyGroupCard(groupView())));
    const step = { collaborativeId: COLLABORATIVE_ID, pulseId: PULSE_ID, step: 2 };
    expect(actions).toEqual([
      { verb: 'survey.answerGroup', title: 'Next', data: { ...step, targetId: TARGETS[1]!.id } },
      { verb: 'survey.back', title: 'Back', data: step, associatedInputs: 'none' },
      { verb: 'survey.saveForLater', title: 'Save and finish later', data: step, associatedInputs: 'none' },
    ]);
  });

  it('calls the last step Review', () => {
    const last = checked(surveyGroupCard(groupView({ target: TARGETS[4]!, position: 5 })));
    expect(executeActions(last)[0]!.title).toBe('Review');
  });

  it('shown again with missing answers, marks each missing item and says how many', () => {
    const card = checked(surveyGroupCard(groupView({ missing: ['accurate', 'mutual_respect'] })));
    const body = card.body;
    const afterInput = (id: string) => body[body.findIndex((e) => 'id' in e && e.id === id) + 1];
    expect(afterInput('accurate')).toMatchObject({ type: 'TextBlock', color: 'attention' });
    expect(afterInput('mutual_respect')).toMatchObject({ type: 'TextBlock', color: 'attention' });
    expect(afterInput('timely')).toMatchObject({ type: 'Input.ChoiceSet' });
    expect(json(card)).toContain('2 questions still need an answer');
  });

  it('shows a workgroup name exactly as typed, never as markdown', () => {
    const tricky = { ...TARGETS[1]!, name: '[click me](https://example.com) **MBU**' };
    const card = checked(surveyGroupCard(groupView({ target: tricky })));
    const textBlocks = JSON.stringify(card.body.filter((e) => e.type === 'TextBlock'));
    expect(textBlocks).not.toContain('click me');
    expect(json(card)).toContain('"type":"TextRun","text":"People in [click me](https://example.com) **MBU**"');
  });
});
