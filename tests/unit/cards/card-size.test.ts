import { cardBytes, checked } from '../../support/adaptive-card-validator';
import { largestCards } from './card-catalogue';

/** Teams refuses an Adaptive Card in a message above about 28 KB. */
const TEAMS_CARD_LIMIT_BYTES = 28 * 1024;
/** "Well under": leave room for the activity envelope and for longer licensed wording. */
const BUDGET_BYTES = 20 * 1024;

describe('card size at the limits of the model', () => {
  const sizes = Object.entries(largestCards()).map(([name, card]) => [name, cardBytes(checked(card))] as const);

  it.each(sizes)('%s stays well under the Teams card limit (%i bytes)', (_name, bytes) => {
    expect(bytes).toBeLessThan(BUDGET_BYTES);
    expect(bytes).toBeLessThan(TEAMS_CARD_LIMIT_BYTES);
  });

  it('the largest of them is still under 20 KB', () => {
    expect(Math.max(...sizes.map(([, bytes]) => bytes))).toBeLessThan(BUDGET_BYTES);
  });
});
