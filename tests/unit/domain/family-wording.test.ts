import { DEFAULT_INSTRUMENT, DIMENSIONS } from '../../../src/domain/instrument';
import { EN_GB } from '../../../src/domain/family-wording/en-GB';
import { FAMILY_WORDINGS, familyWording, familyWordingSchema } from '../../../src/domain/family-wording';

/** Syllables in a word, by the usual vowel-group rule (a silent final 'e' does not count). */
function syllables(word: string): number {
  const w = word.toLowerCase().replace(/[^a-z]/g, '');
  if (w.length === 0) return 0;
  if (w.length <= 3) return 1;
  const trimmed = w.replace(/(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$/, '').replace(/^y/, '');
  return Math.max(1, (trimmed.match(/[aeiouy]{1,2}/g) ?? []).length);
}

/** Flesch reading ease: 206.835 - 1.015 (words / sentences) - 84.6 (syllables / words). */
function fleschReadingEase(sentences: string[]): number {
  const words = sentences.flatMap((s) => s.split(/\s+/).filter((w) => /[a-z]/i.test(w)));
  const syllableCount = words.reduce((sum, w) => sum + syllables(w), 0);
  return 206.835 - 1.015 * (words.length / sentences.length) - 84.6 * (syllableCount / words.length);
}

/** Every sentence a family reads on the form and its pages. */
function sentencesOf(w: typeof EN_GB): string[] {
  const texts = [
    w.title,
    ...w.intro,
    ...DIMENSIONS.map((d) => w.items[d].question),
    w.sharing.question,
    w.sharing.hint,
    ...Object.values(w.sharing.options),
    w.chooseSharing,
    ...Object.values(w.pages).flatMap((p) => [p.title, ...p.body]),
  ];
  return texts.flatMap((t) => t.split(/(?<=[.?!])\s+/)).filter((s) => s.trim().length > 0);
}

describe('the family wording', () => {
  it('is well formed in every language we have', () => {
    for (const wording of Object.values(FAMILY_WORDINGS)) expect(familyWordingSchema.parse(wording)).toEqual(wording);
  });

  it.each(DIMENSIONS)('scores %s exactly as the staff instrument does, option by option', (d) => {
    const family = EN_GB.items[d].options;
    expect(family).toHaveLength(5);
    expect(new Set(family.map((o) => o.score))).toEqual(new Set([1, 2, 3, 4, 5]));
    expect(family.map((o) => o.score)).toEqual(DEFAULT_INSTRUMENT.items[d].options.map((o) => o.score));
  });

  it('scores frequency for adequacy: "About right" is 5, "Much too often" is 2', () => {
    const score = (label: string) => EN_GB.items.frequent.options.find((o) => o.label === label)?.score;
    expect(score('About right')).toBe(5);
    expect(score('Much too often')).toBe(2);
    expect(score('Not nearly enough')).toBe(1);
  });

  it('asks about the people caring for the family, and offers "I\'m not sure" as no answer', () => {
    expect(EN_GB.items.frequent.question).toBe('Do the people caring for you and your baby talk to each other often enough about your care?');
    expect(EN_GB.items.problem_solving.question).toBe('When something goes wrong, do they work together to sort it out, or blame each other?');
    expect(EN_GB.notSure).toBe("I'm not sure");
    expect(EN_GB.intro.join(' ')).toMatch(/Your answers are anonymous\./);
    expect(EN_GB.sharing.options).toEqual({
      shared_with_team: 'My answers may be shown to the care team as ours',
      overall_only: 'Only count my answers inside the overall figure',
    });
  });

  it('reads easily: Flesch reading ease of at least 70 overall, and short sentences', () => {
    const sentences = sentencesOf(EN_GB);
    expect(fleschReadingEase(sentences)).toBeGreaterThanOrEqual(70);
    for (const s of sentences) expect(s.split(/\s+/).length).toBeLessThanOrEqual(20);
  });

  it('has a readability check that can tell hard text from easy text', () => {
    expect(fleschReadingEase(['The cat sat on the mat.'])).toBeGreaterThan(100);
    expect(
      fleschReadingEase(['Interprofessional communication effectiveness necessitates organisational prioritisation of collaborative infrastructure.']),
    ).toBeLessThan(0);
    expect(syllables('anonymous')).toBe(4);
    expect(syllables('care')).toBe(1);
  });

  it('picks the wording by language, falling back to UK English', () => {
    expect(familyWording('en-GB')).toBe(EN_GB);
    expect(familyWording('en-us')).toBe(EN_GB);
    expect(familyWording('cy')).toBe(EN_GB);
    expect(familyWording()).toBe(EN_GB);
  });
});
