import { DEFAULT_FAMILY_LANGUAGE, FAMILY_WORDINGS, familyWording, familyWordingSchema } from '../../../src/domain/family-wording';
import { answerFieldName, NOT_SURE, readFamilyForm } from '../../../src/domain/family-form';
import { DIMENSIONS } from '../../../src/domain/instrument';

describe('the family wording files', () => {
  it.each(Object.entries(FAMILY_WORDINGS))('%s is complete: every item, page and group question, each score 1-5 once', (tag, wording) => {
    expect(wording.language).toBe(tag);
    expect(() => familyWordingSchema.parse(wording)).not.toThrow();
    for (const d of DIMENSIONS) {
      expect(wording.items[d].options.map((o) => o.score).sort()).toEqual([1, 2, 3, 4, 5]);
      expect(wording.groups.questions[d].length).toBeGreaterThan(10);
    }
    expect(Object.keys(wording.pages).sort()).toEqual(['busy', 'closed', 'expired', 'tampered', 'thanks', 'unavailable', 'unreadable', 'used']);
    expect(wording.groups.heading).toContain('{group}');
  });

  it('refuses a wording file with an item missing or a score given twice', () => {
    const en = FAMILY_WORDINGS[DEFAULT_FAMILY_LANGUAGE]!;
    const { timely: _dropped, ...items } = en.items;
    expect(familyWordingSchema.safeParse({ ...en, items }).success).toBe(false);
    const twice = { ...en.items.timely, options: en.items.timely.options.map((o) => ({ ...o, score: o.score === 2 ? 1 : o.score })) };
    expect(familyWordingSchema.safeParse({ ...en, items: { ...en.items, timely: twice } }).success).toBe(false);
  });

  it('picks UK English for English or an unknown language', () => {
    expect(familyWording('en-US').language).toBe('en-GB');
    expect(familyWording('cy').language).toBe('en-GB');
    expect(familyWording(undefined).language).toBe('en-GB');
  });
});

describe('reading the family form', () => {
  const targets = ['mbu', 'community'];
  const fields = (pairs: [string, string][]) => Object.fromEntries(pairs.map(([k, v]) => [k, [v]]));
  const all = (value: string): [string, string][] => targets.flatMap((t) => DIMENSIONS.map((d): [string, string] => [answerFieldName(t, d), value]));

  it('reads scores, "not sure" as no answer (null), and the sharing choice', () => {
    const reading = readFamilyForm(fields([...all('5'), [answerFieldName('mbu', 'timely'), NOT_SURE], ['sharing', 'overall_only']]), targets);
    expect(reading.kind).toBe('complete');
    if (reading.kind !== 'complete') return;
    expect(reading.sharing).toBe('overall_only');
    expect(reading.ratings.mbu!.timely).toBeNull();
    expect(reading.ratings.mbu!.accurate).toBe(5);
    expect(reading.ratings.community).toEqual(Object.fromEntries(DIMENSIONS.map((d) => [d, 5])));
  });

  it('counts a question left out as not sure, and says when the sharing choice is missing', () => {
    const reading = readFamilyForm(fields([[answerFieldName('mbu', 'frequent'), '2']]), targets);
    expect(reading).toEqual({
      kind: 'no_sharing',
      ratings: {
        mbu: { ...Object.fromEntries(DIMENSIONS.map((d) => [d, null])), frequent: 2 },
        community: Object.fromEntries(DIMENSIONS.map((d) => [d, null])),
      },
    });
  });

  it.each([
    ['a score out of range', [[answerFieldName('mbu', 'frequent'), '6']]],
    ['a score that is not a whole number', [[answerFieldName('mbu', 'frequent'), '2.5']]],
    ['an empty value', [[answerFieldName('mbu', 'frequent'), '']]],
    ['a group the page did not ask about', [[answerFieldName('families', 'frequent'), '3']]],
    ['an unknown item', [['r.mbu.kindness', '3']]],
    ['an unknown field', [['respondentWorkgroupId', 'mbu']]],
    ['a made-up sharing choice', [['sharing', 'everyone']]],
    ['a prototype key', [['__proto__', '1']]],
  ] as [string, [string, string][]][])('refuses %s', (_what, extra) => {
    expect(readFamilyForm(fields([...all('3'), ['sharing', 'shared_with_team'], ...extra]), targets).kind).toBe('unreadable');
  });

  it('refuses a field sent twice', () => {
    const twice = { ...fields([...all('3'), ['sharing', 'shared_with_team']]), [answerFieldName('mbu', 'timely')]: ['3', '4'] };
    expect(readFamilyForm(twice, targets).kind).toBe('unreadable');
  });
});
