import { pickTies, resultsCard, type ScoredTie } from '../../../src/cards/results-card';
import { checked } from '../../support/adaptive-card-validator';
import { progressView, resultsView, shown, SUPPRESSED } from './card-fixtures';

const json = (card: unknown) => JSON.stringify(card);

describe('the results summary card', () => {
  it('shows overall RC rounded to 2 decimals, with its band and 95% interval', () => {
    const card = json(checked(resultsCard(resultsView())));
    expect(card).toContain('3.91 (moderate)');
    expect(card).toContain('95% interval 3.80 to 4.02');
  });

  it('shows a suppressed figure as "fewer than k responses" with no numbers', () => {
    const card = checked(resultsCard(resultsView({ k: 7 })));
    const between = JSON.stringify((card.body[3] as { columns: unknown[] }).columns[1]);
    expect(between).toContain('fewer than 7 responses');
    expect(between).not.toMatch(/\d\.\d/);
  });

  it('shows the response rate, the strongest and weakest ties, and explains the arrow', () => {
    const card = json(checked(resultsCard(resultsView())));
    expect(card).toContain('42 of 120 people answered (35%).');
    expect(card).toContain('"text":"MBU nursing"},{"type":"TextRun","text":" → "},{"type":"TextRun","text":"MBU psychiatry"}');
    expect(card).toContain('4.31 (strong)');
    expect(card).toContain('2.99 (weak)');
    expect(card).toContain('A → B is how people in A experience working with B.');
  });

  it('frames the figures for shared sense-making, about groups and never individuals', () => {
    expect(json(checked(resultsCard(resultsView())))).toContain('never individuals');
  });

  it('links to the results tab with an https deep link, and drops any other link', () => {
    const card = checked(resultsCard(resultsView()));
    expect(card.actions).toEqual([{ type: 'Action.OpenUrl', title: 'Open the full results', url: resultsView().tabUrl }]);
    expect(checked(resultsCard(resultsView({ tabUrl: 'javascript:alert(1)' }))).actions).toBeUndefined();
  });

  it('shows no figure at all while the pulse is open: when figures appear, and how many have answered under the k rule', () => {
    const few = json(checked(resultsCard(progressView())));
    expect(few).toContain('Figures appear when the pulse closes on Monday 21 December. So far fewer than 5 of 120 people have answered.');
    expect(few).not.toMatch(/\d\.\d\d/);
    expect(few).not.toContain('Strongest ties');
    const more = json(checked(resultsCard(progressView({ respondents: 12 }))));
    expect(more).toContain('So far 12 of 120 people have answered (10%).');
    expect(more).toContain('published once, when the pulse closes');
  });

  it("says a closed pulse's figures are being prepared until the close has stored them", () => {
    const card = json(checked(resultsCard(progressView({ status: 'preparing', respondents: 40 }))));
    expect(card).toContain('The pulse has closed. Its figures are being prepared and will appear here shortly. 40 of 120 people answered (33%).');
    expect(card).not.toMatch(/\d\.\d\d/);
  });

  it('says plainly when too few answered for any figure, hiding the count and the rate', () => {
    const closed = json(checked(resultsCard(resultsView({ respondents: 4, overall: SUPPRESSED, strongest: [], weakest: [] }))));
    expect(closed).toContain('The pulse has closed. Too few people answered for figures to be shown.');
    expect(closed).toContain('Fewer than 5 of 120 people answered.');
    expect(closed).not.toMatch(/\(\d+%\)/);
  });

  it('explains the missing ties when none can be shown yet', () => {
    const card = json(checked(resultsCard(resultsView({ strongest: [], weakest: [] }))));
    expect(card).toContain('Ties appear once at least 5 people in a group have answered about another group.');
    expect(card).not.toContain('Strongest ties');
  });
});

describe('picking the ties to headline', () => {
  const tie = (from: string, to: string, mean: number | null): ScoredTie =>
    mean === null ? { from, to, ...SUPPRESSED } : { from, to, ...shown(mean, 6, [mean - 0.2, mean + 0.2], 'moderate') };
  const ties = [
    tie('a', 'b', 3.2),
    tie('a', 'a', 4.9),
    tie('b', 'a', 4.4),
    tie('c', 'a', null),
    tie('c', 'b', 2.1),
    tie('b', 'c', 3.9),
    tie('a', 'c', 3.5),
  ];

  it('takes the strongest and weakest shown between-group ties, never a suppressed one, never twice', () => {
    const { strongest, weakest } = pickTies(ties, 2, { nameOf: (id) => id.toUpperCase() });
    expect(strongest.map((t) => `${t.from}>${t.to}`)).toEqual(['B>A', 'B>C']);
    expect(weakest.map((t) => `${t.from}>${t.to}`)).toEqual(['C>B', 'A>B']);
  });

  it('never repeats a tie when there are few', () => {
    const { strongest, weakest } = pickTies(ties.slice(0, 3), 3);
    expect(strongest.map((t) => t.to)).toEqual(['a', 'b']);
    expect(weakest).toEqual([]);
  });

  it('includes within-group ties when asked', () => {
    expect(pickTies(ties, 1, { includeWithinGroup: true }).strongest[0]).toMatchObject({ from: 'a', to: 'a' });
  });
});
