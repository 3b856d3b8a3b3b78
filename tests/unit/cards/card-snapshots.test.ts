import { checked } from '../../support/adaptive-card-validator';
import { representativeCards } from './card-catalogue';

/**
 * The exact JSON of one card of each kind. A change here is a change to what people see in
 * Teams: read the diff as wording and layout, then update with `npx jest -u` if it is meant.
 */
describe('the cards people see', () => {
  it.each(Object.entries(representativeCards()))('%s', (_name, card) => {
    expect(checked(card)).toMatchSnapshot();
  });
});
