import { firstSurveyCard } from '../../../src/app/survey/survey-step-cards';
import { surveyGroupCard } from '../../../src/cards/survey-card';
import { DEFAULT_INSTRUMENT, DIMENSIONS } from '../../../src/domain/instrument';
import { FAMILIES_WORKGROUP_ID } from '../../../src/domain/model/family';
import { pulseSchema } from '../../../src/domain/model/pulse';

/** In a pulse with the families' voice, staff rate Families like any group but can never answer as one. */
const pulse = pulseSchema.parse({
  collaborativeId: 'yh',
  id: 'p1',
  kind: 'survey',
  focalProcess: 'discharge from the mother and baby unit',
  targetWorkgroupIds: ['mbu', 'community', FAMILIES_WORKGROUP_ID],
  status: 'open',
  createdAt: '2026-03-02T09:00:00.000Z',
});
const targets = [
  { id: 'mbu', name: 'Mother and baby unit' },
  { id: 'community', name: 'Community perinatal team' },
  { id: FAMILIES_WORKGROUP_ID, name: 'Families' },
];
const json = (card: unknown) => JSON.stringify(card);

describe('staff survey cards in a pulse with the families\' voice', () => {
  it('do not offer Families as the group a member of staff works in, even when asked to preselect it', () => {
    const card = json(firstSurveyCard(pulse, 5, targets, { selectedWorkgroupId: FAMILIES_WORKGROUP_ID }));
    expect(card).toContain('"value":"mbu"');
    expect(card).not.toContain(`"value":"${FAMILIES_WORKGROUP_ID}"`);
    expect(card).toContain('You will rate 3 groups');
  });

  it('ask about Families in words that fit families', () => {
    const view = {
      collaborativeId: 'yh', pulseId: 'p1', focalProcess: pulse.focalProcess, instrument: DEFAULT_INSTRUMENT, position: 3, total: 3,
      answers: Object.fromEntries(DIMENSIONS.map((d) => [d, null])),
    };
    const families = json(surveyGroupCard({ ...view, target: { id: FAMILIES_WORKGROUP_ID, name: 'Families', isOwnGroup: false } }));
    expect(families).toContain('Families you care for');
    expect(families).not.toContain('People in Families');
    expect(families).toContain('the mothers, partners and families you care for');
    const staff = json(surveyGroupCard({ ...view, target: { id: 'mbu', name: 'Mother and baby unit', isOwnGroup: false } }));
    expect(staff).toContain('How do people in this group work with you?');
  });
});
