import type { ApiFigure, PublishedResults, TieFigures } from '../../../src/contract/api-contract';
import { mapModel } from '../../../tab/src/map/map-model';
import { differenceText, figureSentence, meanText, peopleText } from '../../../tab/src/ui/figure-format';
import { labelPlace, placeNodes, tieCurve, wrapName } from '../../../tab/src/map/map-geometry';

const HIDDEN: ApiFigure = { mean: null, n: null, ci95: null, band: null, suppressed: true };
const shown = (mean: number, n = 12): ApiFigure => ({ mean, n, ci95: [mean - 0.2, mean + 0.2] as [number, number], band: mean < 3.5 ? 'weak' : mean < 4 ? 'moderate' : 'strong', suppressed: false });

describe('how the tab words figures', () => {
  it('says only "fewer than k responses" for a suppressed figure: no number, no n', () => {
    expect(meanText(HIDDEN, 5)).toBe('fewer than 5 responses');
    expect(figureSentence(HIDDEN, 7)).toBe('fewer than 7 responses');
    expect(peopleText(null)).toBeUndefined();
  });

  it('gives a shown figure as mean, band, interval and people, rounded only here', () => {
    expect(figureSentence(shown(3.6249999999999996, 1), 5)).toBe('3.63, moderate, 95% interval 3.43 to 3.83, 1 person');
  });

  it('signs a change with a true minus sign, and no sign for no change', () => {
    expect([0.421, -0.1, 0.001].map(differenceText)).toEqual(['+0.42', '\u22120.10', '0.00']);
  });
});

describe('the RC map', () => {
  const tie = (from: string, to: string, figure: ApiFigure = shown(3.8)): TieFigures => ({
    from, to, fromName: from.toUpperCase(), toName: to.toUpperCase(), ...figure,
    dimensions: {} as TieFigures['dimensions'],
  });
  const results = {
    method: { k: 5, minItems: 4, bands: { moderate: 3.5, strong: 4 }, instrument: { id: 'rc7', name: 'RC' } },
    figures: {
      workgroups: ['a', 'b', 'c'].map((id) => ({ id, name: id.toUpperCase(), respondents: 6, outgoing: HIDDEN, incoming: HIDDEN })),
      ties: [tie('b', 'a'), tie('a', 'b'), tie('a', 'a'), tie('c', 'a', HIDDEN), tie('b', 'b')],
    },
  } as unknown as PublishedResults;

  it("reads group by group: each group's own tie, then its ties to the others", () => {
    expect(mapModel(results).items.map((i) => i.key)).toEqual(['a>a', 'a>b', 'b>b', 'b>a', 'c>a']);
  });

  it('names each tie in plain words with its figure, and a suppressed one without any number', () => {
    const labels = mapModel(results).items.map((i) => i.label);
    expect(labels[1]).toBe('How people in A experience working with B: 3.80, moderate, 95% interval 3.60 to 4.00, 12 people');
    expect(labels[0]).toMatch(/^How people in A experience working with each other: /);
    expect(labels[4]).toBe('How people in C experience working with A: fewer than 5 responses');
  });

  it('can show only the ties of one group, keeping every group on the map', () => {
    const { groups, items } = mapModel(results, 'c');
    expect(groups).toHaveLength(3);
    expect(items.map((i) => i.key)).toEqual(['c>a']);
  });

  it('places groups evenly from the top, and draws A to B and B to A as two separate curves', () => {
    const [top, right] = placeNodes(4, 1000, 600);
    expect(top!.x).toBeCloseTo(500);
    expect(top!.y).toBeLessThan(300);
    expect(right!.x).toBeGreaterThan(500);
    const there = tieCurve(top!, right!);
    const back = tieCurve(right!, top!);
    expect(Math.hypot(there.middle.x - back.middle.x, there.middle.y - back.middle.y)).toBeGreaterThan(20);
    expect(labelPlace(right!).anchor).toBe('start');
  });

  it('wraps long workgroup names at spaces', () => {
    expect(wrapName('Community perinatal mental health teams')).toEqual(['Community perinatal', 'mental health teams']);
  });
});
