import { parseCardAction, parseInvokeAction, parseSubmitAction } from '../../../src/cards/card-action-parser';
import { checked, executeActions, inputValues } from '../../support/adaptive-card-validator';
import { largestCards, representativeCards } from './card-catalogue';

/**
 * What each button sends, as Teams would send it: the action's data, plus the card's inputs
 * with their current values unless the button sends no inputs.
 */
function sentData(card: unknown, action: ReturnType<typeof executeActions>[number]) {
  return { ...action.data, ...(action.associatedInputs === 'none' ? {} : inputValues(card)) };
}

describe('every button on every card sends data its verb accepts', () => {
  const cards = { ...representativeCards(), ...largestCards() };

  it.each(Object.entries(cards))('%s', (_name, card) => {
    checked(card);
    for (const action of executeActions(card)) {
      const data = sentData(card, action);
      const direct = parseCardAction(action.verb, data);
      expect(direct).toMatchObject({ ok: true, action: { verb: action.verb } });
      // The two ways Teams delivers a press: Universal Actions invoke, and the Action.Submit fallback.
      expect(parseInvokeAction({ action: { type: 'Action.Execute', verb: action.verb, data } })).toEqual(direct);
      expect(parseSubmitAction({ ...data, verb: action.verb })).toEqual(direct);
    }
  });

  it('a survey step filled in by the person comes back as its answers', () => {
    const card = representativeCards()['survey step']!;
    const [next] = executeActions(card);
    const result = parseCardAction(next!.verb, sentData(card, next!));
    expect(result).toMatchObject({ ok: true, action: { data: { answers: { frequent: 5, timely: 4, shared_goals: null } } } });
  });
});
