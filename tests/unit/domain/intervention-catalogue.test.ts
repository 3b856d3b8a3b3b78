import { DIMENSIONS, type Dimension } from '../../../src/domain/instrument';
import {
  catalogueEntry,
  catalogueEntrySchema,
  INTERVENTION_CATALOGUE,
  suggestInterventions,
} from '../../../src/domain/intervention-catalogue';

describe('the intervention catalogue', () => {
  it('holds every intervention the Relational Model of Organizational Change names, each well formed', () => {
    for (const e of INTERVENTION_CATALOGUE) expect(catalogueEntrySchema.parse(e)).toEqual(e);
    expect(new Set(INTERVENTION_CATALOGUE.map((e) => e.id)).size).toBe(INTERVENTION_CATALOGUE.length);
    const titles = (kind: string) => INTERVENTION_CATALOGUE.filter((e) => e.kind === kind).map((e) => e.title);
    expect(titles('relational')).toEqual(['Build shared goals', 'Build shared knowledge', 'Build mutual respect']);
    expect(titles('work_process')).toHaveLength(1);
    expect(titles('structural')).toEqual([
      'Selection and training for teamwork',
      'Relational job design',
      'Relational leadership',
      'Boundary spanners',
      'Shared accountability and rewards',
      'Conflict resolution',
      'Shared meetings and huddles',
      'Shared space',
      'Shared protocols and routines',
      'Shared information systems',
      'Psychological safety',
    ]);
  });

  it('addresses every dimension with at least two entries', () => {
    for (const d of DIMENSIONS) expect(INTERVENTION_CATALOGUE.filter((e) => e.dimensions.includes(d)).length).toBeGreaterThanOrEqual(2);
  });

  it('describes each entry in one or two plain UK English sentences', () => {
    for (const e of INTERVENTION_CATALOGUE) {
      const sentences = e.description.split(/(?<=[.!?])\s+/).filter(Boolean);
      expect(sentences.length).toBeGreaterThanOrEqual(1);
      expect(sentences.length).toBeLessThanOrEqual(2);
      expect(e.description).not.toMatch(/\b(organiz|behavior|color|center|program)\w*/i);
    }
  });

  it('finds an entry by id', () => {
    expect(catalogueEntry('shared-huddles')?.kind).toBe('structural');
    expect(catalogueEntry('nope')).toBeUndefined();
  });
});

describe('suggesting interventions for weak dimensions', () => {
  it('offers only entries that address one of the dimensions, at most `limit`', () => {
    const weak: Dimension[] = ['timely', 'accurate'];
    const s = suggestInterventions(weak, 4);
    expect(s).toHaveLength(4);
    for (const e of s) expect(e.dimensions.some((d) => weak.includes(d))).toBe(true);
  });

  it('puts first what most directly answers the weakest dimension', () => {
    expect(suggestInterventions(['mutual_respect'], 1)[0]!.id).toBe('mutual-respect');
    // Both address these three most directly, in this order: equal relevance keeps the catalogue's order.
    expect(suggestInterventions(['frequent', 'timely', 'accurate'], 2).map((e) => e.id)).toEqual(['boundary-spanners', 'shared-huddles']);
    // The same dimensions, weakest first the other way round, change the order.
    expect(suggestInterventions(['shared_goals', 'problem_solving'], 1)[0]!.id).toBe('shared-goals');
    expect(suggestInterventions(['problem_solving', 'shared_goals'], 1)[0]!.id).toBe('improvement-cycles');
  });

  it('ranks entries by how many of the weak dimensions they address', () => {
    const s = suggestInterventions(['accurate', 'timely', 'shared_knowledge'], 3).map((e) => e.id);
    expect(s).toContain('shared-protocols');
    expect(s).toContain('shared-knowledge');
  });

  it('ignores repeats, gives nothing for a limit of 0, and offers broad entries when no dimension is given', () => {
    expect(suggestInterventions(['timely', 'timely'], 3)).toEqual(suggestInterventions(['timely'], 3));
    expect(suggestInterventions(['timely'], 0)).toEqual([]);
    const broad = suggestInterventions([], 2);
    expect(broad.map((e) => e.id)).toEqual(['improvement-cycles', 'shared-huddles']);
  });
});
