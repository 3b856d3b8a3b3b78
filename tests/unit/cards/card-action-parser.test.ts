import { DIMENSIONS } from '../../../src/domain/instrument';
import { parseCardAction, parseInvokeAction, parseSubmitAction, MAX_ACTION_DATA_CHARS } from '../../../src/cards/card-action-parser';
import { VERBS } from '../../../src/cards/card-verbs';
import { PULSE_ID } from './card-fixtures';

const allAnswers = Object.fromEntries(DIMENSIONS.map((d) => [d, '3']));
const answerData = (over: Record<string, unknown> = {}) => ({ pulseId: PULSE_ID, step: 2, targetId: 'maternity', ...allAnswers, ...over });

function expectBadData(verb: string, data: unknown) {
  const result = parseCardAction(verb, data);
  expect(result).toMatchObject({ ok: false, reason: 'bad_data' });
  if (!result.ok) expect(result.userMessage).toMatch(/nothing was saved/);
}

describe('parsing what a card button sends back', () => {
  it('knows exactly these verbs', () => {
    expect(VERBS).toEqual([
      'survey.chooseWorkgroup',
      'survey.answerGroup',
      'survey.back',
      'survey.saveForLater',
      'survey.resume',
      'survey.submit',
      'setup.save',
      'status.refresh',
      'pulse.remind',
      'pulse.close',
      'transition.start',
      'transition.close',
      'pulse.cancel',
      'pulse.choose',
      'pulse.schedule',
    ]);
  });

  it('turns a group step into scores 1-5, null for "not applicable", and leaves out unanswered items', () => {
    const result = parseCardAction('survey.answerGroup', answerData({ frequent: '5', timely: 'na', accurate: '' }));
    expect(result).toEqual({
      ok: true,
      action: {
        verb: 'survey.answerGroup',
        data: {
          pulseId: PULSE_ID,
          step: 2,
          targetId: 'maternity',
          answers: { frequent: 5, timely: null, problem_solving: 3, shared_goals: 3, shared_knowledge: 3, mutual_respect: 3 },
        },
      },
    });
  });

  it('treats a missing workgroup choice as incomplete (the bot asks again), not as tampering', () => {
    expect(parseCardAction('survey.chooseWorkgroup', { pulseId: PULSE_ID, step: 0, workgroupId: '' })).toEqual({
      ok: true,
      action: { verb: 'survey.chooseWorkgroup', data: { pulseId: PULSE_ID, step: 0 } },
    });
  });

  it('ignores fields it does not know, such as the verb an Action.Submit fallback carries', () => {
    const result = parseCardAction('survey.back', { pulseId: PULSE_ID, step: 3, verb: 'survey.back', extra: 'x' });
    expect(result).toEqual({ ok: true, action: { verb: 'survey.back', data: { pulseId: PULSE_ID, step: 3 } } });
  });

  it('keeps the collaborative a card names, accepts a card sent before cards named it, and refuses a malformed one', () => {
    const named = parseCardAction('survey.answerGroup', answerData({ collaborativeId: 'yh-perinatal' }));
    expect(named).toMatchObject({ ok: true, action: { data: { collaborativeId: 'yh-perinatal', pulseId: PULSE_ID } } });
    // Transition cards always name their collaborative (they came after it was named): tested with their own data.
    for (const verb of VERBS.filter((v) => v !== 'setup.save' && v !== 'survey.answerGroup' && !v.startsWith('transition.'))) {
      const data = { pulseId: PULSE_ID, step: 1, confirmed: false, command: 'pulse status' };
      expect(parseCardAction(verb, { ...data, collaborativeId: 'yh-perinatal' })).toMatchObject({ ok: true, action: { data: { collaborativeId: 'yh-perinatal' } } });
      const old = parseCardAction(verb, data);
      expect(old.ok && 'collaborativeId' in old.action.data).toBe(false);
      expectBadData(verb, { ...data, collaborativeId: '../other' });
    }
  });

  it('reads an Action.Execute invoke and an Action.Submit fallback message the same way', () => {
    const data = { pulseId: PULSE_ID, step: 6 };
    const viaInvoke = parseInvokeAction({ action: { type: 'Action.Execute', verb: 'survey.submit', data } });
    const viaSubmit = parseSubmitAction({ ...data, verb: 'survey.submit' });
    expect(viaInvoke).toEqual({ ok: true, action: { verb: 'survey.submit', data } });
    expect(viaSubmit).toEqual(viaInvoke);
  });

  it('refuses an unknown verb with a friendly message and no data', () => {
    for (const verb of ['survey.delete', '', undefined, 42, '__proto__', 'toString', 'constructor']) {
      const result = parseCardAction(verb, { pulseId: PULSE_ID });
      expect(result).toMatchObject({ ok: false, reason: 'unknown_verb' });
      if (!result.ok) expect(result.userMessage).toMatch(/Type help/);
    }
    expect(parseInvokeAction({ action: 'nope' })).toMatchObject({ ok: false, reason: 'unknown_verb' });
    expect(parseSubmitAction(null)).toMatchObject({ ok: false, reason: 'unknown_verb' });
  });

  describe('refuses tampered data, saving nothing', () => {
    it.each([
      ['a score of "6"', answerData({ frequent: '6' })],
      ['a score of "0"', answerData({ timely: '0' })],
      ['a number instead of the text of a score', answerData({ timely: 3 })],
      ['a score with spaces', answerData({ timely: ' 3' })],
      ['an array as an answer', answerData({ accurate: ['3'] })],
      ['no pulse id', answerData({ pulseId: undefined })],
      ['a pulse id with odd characters', answerData({ pulseId: '../other-collaborative' })],
      ['a target that is not an id', answerData({ targetId: '<script>' })],
      ['a huge target id', answerData({ targetId: 'a'.repeat(65) })],
      ['a negative step', answerData({ step: -1 })],
      ['a step as text', answerData({ step: '2' })],
      ['a fractional step', answerData({ step: 1.5 })],
      ['an absurd step', answerData({ step: 1e9 })],
    ])('%s', (_label, data) => expectBadData('survey.answerGroup', data));

    it('data that is not an object', () => {
      for (const data of [null, 'pulse', 7, [answerData()]]) expectBadData('survey.answerGroup', data);
    });

    it('data larger than any real card sends', () => {
      expectBadData('survey.answerGroup', answerData({ padding: 'x'.repeat(MAX_ACTION_DATA_CHARS) }));
    });

    it('a huge string in a field with a limit', () => {
      expectBadData('setup.save', {
        collaborativeId: 'yh',
        revision: 'r'.repeat(201),
        focalProcess: 'x',
        workgroups: 'A',
        k: '5',
        minItems: '4',
        facilitators: 'a@nhs.net',
      });
    });

    it('a close without saying whether it is confirmed', () => {
      expectBadData('pulse.close', { pulseId: PULSE_ID });
      expectBadData('pulse.close', { pulseId: PULSE_ID, confirmed: 'true' });
      // A cancel deletes answers: its card always names its collaborative, and "confirmed" must be a real boolean.
      expectBadData('pulse.cancel', { pulseId: PULSE_ID, confirmed: true });
      expectBadData('pulse.cancel', { collaborativeId: 'yh', pulseId: PULSE_ID, confirmed: 'true' });
    });
  });

  describe('refuses data with keys that reach a prototype, for every verb, at any depth', () => {
    /** Data each verb accepts as it is. */
    const valid: Record<string, Record<string, unknown>> = {
      'survey.chooseWorkgroup': { collaborativeId: 'yh', pulseId: PULSE_ID, step: 0, workgroupId: 'maternity' },
      'survey.answerGroup': answerData({ collaborativeId: 'yh' }),
      'survey.back': { collaborativeId: 'yh', pulseId: PULSE_ID, step: 2 },
      'survey.saveForLater': { collaborativeId: 'yh', pulseId: PULSE_ID, step: 2 },
      'survey.resume': { collaborativeId: 'yh', pulseId: PULSE_ID },
      'survey.submit': { collaborativeId: 'yh', pulseId: PULSE_ID, step: 6 },
      'setup.save': { collaborativeId: 'yh', focalProcess: 'x', workgroups: 'A', k: '5', minItems: '4', facilitators: 'a@nhs.net' },
      'status.refresh': { collaborativeId: 'yh', pulseId: PULSE_ID },
      'pulse.remind': { collaborativeId: 'yh', pulseId: PULSE_ID },
      'pulse.close': { collaborativeId: 'yh', pulseId: PULSE_ID, confirmed: true },
      'transition.start': { collaborativeId: 'yh', postTo: 'channel', staff: ['11111111-1111-4111-8111-111111111111'], reference: 'MBU 14', role_0: 'mbu' },
      'transition.close': { collaborativeId: 'yh', checkId: 't-0123456789abcdef' },
      'pulse.cancel': { collaborativeId: 'yh', pulseId: PULSE_ID, confirmed: true },
      'pulse.choose': { collaborativeId: 'yh', pulseId: PULSE_ID, command: 'pulse extend', extend: { days: 3 } },
      'pulse.schedule': { collaborativeId: 'yh', opensAt: '2026-03-09T09:30:00.000Z', asking: ['Maternity'], issuedAt: '2026-03-02T09:00:00.000Z', key: '7d0f5b8e-3c1a-4e2b-9f6d-2a4c8e1b5d3f', confirmed: true },
    };
    /** As JSON.parse makes them: "__proto__" an ordinary own key. */
    const attacks = [
      '{"__proto__":{"polluted":"yes"}}',
      '{"constructor":{"prototype":{"polluted":"yes"}}}',
      '{"prototype":"x"}',
      '{"extra":{"deeper":[{"__proto__":{"polluted":"yes"}}]}}',
      '{"extra":[{"constructor":1}]}',
    ];

    it.each(VERBS)('%s', (verb) => {
      expect(parseCardAction(verb, valid[verb])).toMatchObject({ ok: true });
      for (const attack of attacks) {
        const data = { ...valid[verb], ...(JSON.parse(attack) as Record<string, unknown>) };
        for (const result of [parseCardAction(verb, data), parseSubmitAction({ ...data, verb }), parseInvokeAction({ action: { verb, data } })]) {
          expect(result).toEqual({ ok: false, reason: 'bad_data', verb, userMessage: expect.stringMatching(/^This card can't be used, so nothing was saved/), fieldErrors: {} });
        }
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  });

  describe('set-up', () => {
    const form = {
      collaborativeId: 'yh-perinatal',
      focalProcess: '  admission to the MBU ',
      workgroups: 'MBU nursing\r\n\r\n  Health   visiting \nMaternity',
      k: '5',
      minItems: 4,
      facilitators: 'asha.patel@nhs.net; tom.reed@nhs.net\nsam@trust.nhs.uk',
    };

    it('turns the text areas into lists and the numbers into numbers', () => {
      expect(parseCardAction('setup.save', form)).toEqual({
        ok: true,
        action: {
          verb: 'setup.save',
          data: {
            collaborativeId: 'yh-perinatal',
            focalProcess: 'admission to the MBU',
            workgroups: ['MBU nursing', 'Health visiting', 'Maternity'],
            k: 5,
            minItems: 4,
            facilitators: ['asha.patel@nhs.net', 'tom.reed@nhs.net', 'sam@trust.nhs.uk'],
          },
        },
      });
    });

    it('says what to fix beside each field: k out of range, a repeated group, a bad address', () => {
      const result = parseCardAction('setup.save', { ...form, k: '30', workgroups: 'A\na', facilitators: 'not-an-address', focalProcess: ' ' });
      expect(result).toMatchObject({ ok: false, reason: 'bad_data', verb: 'setup.save' });
      if (result.ok) return;
      expect(result.userMessage).toMatch(/Nothing has been saved/);
      expect(result.fieldErrors).toEqual({
        focalProcess: expect.stringMatching(/focal work process/),
        k: 'The minimum group size must be a whole number from 3 to 25.',
        workgroups: 'The workgroup "a" is listed twice. Please list each one once.',
        facilitators: expect.stringMatching(/e-mail addresses/),
      });
    });

    it('keeps at least one facilitator and refuses more than 50 workgroups', () => {
      const many = Array.from({ length: 51 }, (_, i) => `Group ${i}`).join('\n');
      const result = parseCardAction('setup.save', { ...form, facilitators: ' ', workgroups: many });
      expect(result).toMatchObject({
        ok: false,
        fieldErrors: { facilitators: expect.stringMatching(/at least one facilitator/), workgroups: 'Please list at most 50 workgroups.' },
      });
    });

    it('treats a bad collaborative id as tampering, not as a typing slip', () => {
      const result = parseCardAction('setup.save', { ...form, collaborativeId: '../x' });
      expect(result).toMatchObject({ ok: false, reason: 'bad_data', fieldErrors: {} });
    });
  });
});
