import { parseCardAction } from '../../../src/cards/card-action-parser';
import { setupCard, setupValuesFromData } from '../../../src/cards/setup-card';
import { checked, executeActions, inputValues } from '../../support/adaptive-card-validator';
import { FOCAL, setupView, WORKGROUPS } from './card-fixtures';

describe('the set-up card', () => {
  it('shows the focal process, workgroups one per line, k, minItems and facilitators', () => {
    const card = checked(setupCard(setupView()));
    expect(inputValues(card)).toEqual({
      focalProcess: FOCAL,
      workgroups: WORKGROUPS.map((w) => w.name).join('\n'),
      k: '5',
      minItems: '4',
      facilitators: 'asha.patel@nhs.net\ntom.reed@nhs.net',
    });
  });

  it('limits k to 3-25 and minItems to 1-7 on the card itself', () => {
    const card = checked(setupCard(setupView()));
    expect(card.body.find((e) => 'id' in e && e.id === 'k')).toMatchObject({ type: 'Input.Number', min: 3, max: 25, isRequired: true });
    expect(card.body.find((e) => 'id' in e && e.id === 'minItems')).toMatchObject({ type: 'Input.Number', min: 1, max: 7 });
  });

  it('saves with the collaborative id and revision, and what it sends back is accepted as it stands', () => {
    const card = checked(setupCard(setupView()));
    const [save] = executeActions(card);
    expect(save).toMatchObject({ verb: 'setup.save', title: 'Save', data: { collaborativeId: 'yh-perinatal', revision: setupView().revision } });
    const result = parseCardAction(save!.verb, { ...save!.data, ...inputValues(card) });
    expect(result).toMatchObject({ ok: true, action: { data: { k: 5, minItems: 4, workgroups: WORKGROUPS.map((w) => w.name) } } });
  });

  it('shown again after a failed save, keeps what was typed and puts each note beside its field', () => {
    const submitted = { collaborativeId: 'yh-perinatal', focalProcess: 'discharge', workgroups: 'A\nB', k: '40', minItems: '4', facilitators: 'nobody' };
    const result = parseCardAction('setup.save', submitted);
    if (result.ok) throw new Error('expected a failure');
    const card = checked(setupCard({ ...setupView(), ...setupValuesFromData(submitted), errors: result.fieldErrors }));
    expect(inputValues(card)).toMatchObject({ focalProcess: 'discharge', workgroups: 'A\nB', k: '40', facilitators: 'nobody' });
    const afterK = card.body[card.body.findIndex((e) => 'id' in e && e.id === 'k') + 2];
    // A note may quote what was typed (a workgroup listed twice), so it is a plain run, never markdown.
    expect(afterK).toMatchObject({
      type: 'RichTextBlock',
      inlines: [{ type: 'TextRun', color: 'attention', text: 'The minimum group size must be a whole number from 3 to 25.' }],
    });
    expect(JSON.stringify(card)).toContain('Nothing has been saved yet');
  });

  it('recovers typed values safely from any data, cutting each to its limit', () => {
    expect(setupValuesFromData(null)).toEqual({ focalProcess: '', workgroups: [], facilitators: [] });
    const values = setupValuesFromData({ focalProcess: 'x'.repeat(5000), k: 'five', minItems: 3, workgroups: { evil: true } });
    expect(values.focalProcess).toHaveLength(300);
    expect(values).toMatchObject({ minItems: 3, workgroups: [] });
    expect(values.k).toBeUndefined();
  });

  it('confirms a save in plain words', () => {
    expect(JSON.stringify(checked(setupCard(setupView({ saved: true }))))).toContain('Saved. New pulses will use these settings.');
  });
});
