import { adaptiveCardProblems } from '../../support/adaptive-card-validator';

/** The checker every card test relies on must itself catch what Teams would reject. */
describe('the Adaptive Card checker used by the card tests', () => {
  const card = (over: Record<string, unknown>) => ({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Hi' }], ...over });
  const execute = { type: 'Action.Execute', title: 'Go', verb: 'status.refresh', data: { pulseId: 'p' } };

  it('accepts a plain 1.5 card with an Action.Execute and its fallback', () => {
    const fallback = { type: 'Action.Submit', title: 'Go', data: { pulseId: 'p', verb: 'status.refresh' } };
    expect(adaptiveCardProblems(card({ actions: [{ ...execute, fallback }] }))).toEqual([]);
  });

  it('rejects a version other than 1.5 and features newer than 1.5', () => {
    expect(adaptiveCardProblems(card({ version: '1.6' }))).toContainEqual(expect.stringMatching(/version must be "1.5"/));
    expect(adaptiveCardProblems(card({ body: [{ type: 'Carousel', pages: [] }] }))).toContainEqual(expect.stringMatching(/UnknownElementType/));
  });

  it('rejects unknown elements, required inputs without a label or error message, and empty choice sets', () => {
    const problems = adaptiveCardProblems(card({ body: [{ type: 'Bogus' }, { type: 'Input.ChoiceSet', id: 'a', isRequired: true, choices: [] }] }));
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/UnknownElementType/),
        expect.stringMatching(/RequiredInputsShouldHaveLabel/),
        expect.stringMatching(/RequiredInputsShouldHaveErrorMessage/),
        expect.stringMatching(/CollectionCantBeEmpty/),
        expect.stringMatching(/every input needs a label/),
      ]),
    );
  });

  it('rejects duplicate ids and invalid property values', () => {
    const body = [
      { type: 'TextBlock', id: 'x', text: 'a' },
      { type: 'TextBlock', id: 'x', text: 'b', color: 'purple' },
    ];
    expect(adaptiveCardProblems(card({ body }))).toEqual(
      expect.arrayContaining([expect.stringMatching(/DuplicateId/), expect.stringMatching(/InvalidPropertyValue/)]),
    );
  });

  it('rejects an Action.Execute without a fallback, a fallback with other data, and a bare Action.Submit', () => {
    expect(adaptiveCardProblems(card({ actions: [execute] }))).toContainEqual(expect.stringMatching(/needs an Action.Submit fallback/));
    const wrong = { ...execute, fallback: { type: 'Action.Submit', title: 'Go', data: { pulseId: 'p' } } };
    expect(adaptiveCardProblems(card({ actions: [wrong] }))).toContainEqual(expect.stringMatching(/same data plus the verb/));
    expect(adaptiveCardProblems(card({ actions: [{ type: 'Action.Submit', title: 'Go', data: {} }] }))).toContainEqual(
      expect.stringMatching(/only allowed as the fallback/),
    );
  });
});
