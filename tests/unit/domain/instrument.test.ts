import {
  COMMUNICATION_DIMENSIONS,
  DEFAULT_INSTRUMENT,
  DIMENSIONS,
  InstrumentError,
  itemText,
  parseInstrument,
  RELATIONSHIP_DIMENSIONS,
} from '../../../src/domain/instrument';

describe('the RC instrument', () => {
  it('has the seven dimensions in the order of the contract', () => {
    expect(DIMENSIONS).toEqual([
      'frequent', 'timely', 'accurate', 'problem_solving', 'shared_goals', 'shared_knowledge', 'mutual_respect',
    ]);
    expect(COMMUNICATION_DIMENSIONS).toEqual(['frequent', 'timely', 'accurate', 'problem_solving']);
    expect(RELATIONSHIP_DIMENSIONS).toEqual(['shared_goals', 'shared_knowledge', 'mutual_respect']);
  });

  it('scores frequency for adequacy: options shown in order with scores 1, 3, 5, 4, 2', () => {
    expect(DEFAULT_INSTRUMENT.items.frequent.options).toEqual([
      { label: 'Not nearly enough', score: 1 },
      { label: 'Not enough', score: 3 },
      { label: 'Just the right amount', score: 5 },
      { label: 'Too often', score: 4 },
      { label: 'Much too often', score: 2 },
    ]);
  });

  it('scores the other items 1 to 5 in the order shown', () => {
    for (const d of DIMENSIONS.filter((x) => x !== 'frequent')) {
      expect(DEFAULT_INSTRUMENT.items[d].options.map((o) => o.score)).toEqual([1, 2, 3, 4, 5]);
    }
    expect(DEFAULT_INSTRUMENT.items.problem_solving.options[0]!.label).toBe('They always blame others');
  });

  it('fills the focal process into the published stem', () => {
    expect(itemText(DEFAULT_INSTRUMENT, 'timely', 'discharge from the mother and baby unit')).toBe(
      'Do people in these groups communicate with you in a timely way about discharge from the mother and baby unit?',
    );
  });

  it('is valid by its own schema', () => {
    expect(parseInstrument(JSON.parse(JSON.stringify(DEFAULT_INSTRUMENT)))).toEqual(DEFAULT_INSTRUMENT);
  });

  it("accepts a collaborative's licensed wording with any labels", () => {
    const licensed = structuredClone(DEFAULT_INSTRUMENT) as typeof DEFAULT_INSTRUMENT;
    licensed.id = 'licensed-2026';
    licensed.items.timely.stem = 'Licensed wording about {process}';
    licensed.items.timely.options[0]!.label = 'Hardly ever';
    expect(parseInstrument(licensed).items.timely.stem).toBe('Licensed wording about {process}');
  });

  it('refuses a file that drops a dimension, adds one, or breaks the 1-5 scores', () => {
    const missing = structuredClone(DEFAULT_INSTRUMENT) as Record<string, unknown> & typeof DEFAULT_INSTRUMENT;
    delete (missing.items as Record<string, unknown>).mutual_respect;
    expect(() => parseInstrument(missing)).toThrow(InstrumentError);

    const extra = structuredClone(DEFAULT_INSTRUMENT);
    (extra.items as Record<string, unknown>).trust = extra.items.timely;
    expect(() => parseInstrument(extra)).toThrow(/trust|unrecognized/i);

    const badScore = structuredClone(DEFAULT_INSTRUMENT);
    badScore.items.accurate.options[4]!.score = 6;
    expect(() => parseInstrument(badScore)).toThrow(/items\.accurate/);

    const repeated = structuredClone(DEFAULT_INSTRUMENT);
    repeated.items.accurate.options[4]!.score = 4;
    expect(() => parseInstrument(repeated)).toThrow(/exactly once/);

    const noProcess = structuredClone(DEFAULT_INSTRUMENT);
    noProcess.items.accurate.stem = 'Do people communicate accurately?';
    expect(() => parseInstrument(noProcess)).toThrow(/\{process\}/);
  });
});
