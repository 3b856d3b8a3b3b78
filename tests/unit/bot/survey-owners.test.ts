import { SurveyOwners } from '../../../bot/survey-owners';

const ALEX = '6f1d3c2a-8b7e-4c5d-9a0b-1c2d3e4f5a6b';
const SAM = '0f0e0d0c-0b0a-4909-8807-060504030201';

describe("remembering which collaborative a person's pulse card belongs to", () => {
  it('remembers per person and pulse, whatever the case of the Entra id', () => {
    const owners = new SurveyOwners();
    owners.remember(ALEX, 'p1-abc', 'yorkshire');
    expect(owners.get(ALEX.toUpperCase(), 'p1-abc')).toBe('yorkshire');
    expect(owners.get(SAM, 'p1-abc')).toBeUndefined();
    expect(owners.get(ALEX, 'p2-abc')).toBeUndefined();
  });

  it('forgets the least recently used first when full', () => {
    const owners = new SurveyOwners(2);
    owners.remember(ALEX, 'p1', 'a');
    owners.remember(SAM, 'p1', 'a');
    expect(owners.get(ALEX, 'p1')).toBe('a'); // Alex used again: Sam is now the oldest
    owners.remember(ALEX, 'p2', 'b');
    expect(owners.get(SAM, 'p1')).toBeUndefined();
    expect(owners.get(ALEX, 'p1')).toBe('a');
    expect(owners.get(ALEX, 'p2')).toBe('b');
  });
});
