import { interventionReminderCard, interventionsCard, type InterventionLine } from '../../../src/cards/interventions-card';
import { cardBytes, checked } from '../../support/adaptive-card-validator';
import { interventionLine, interventionsView, longName } from './card-fixtures';

const json = (card: unknown) => JSON.stringify(card);

describe('the interventions card', () => {
  it('lists each open intervention with its ties by name, status, due date and owners', () => {
    const card = json(checked(interventionsCard(interventionsView())));
    expect(card).toContain('What we are trying');
    expect(card).toContain('"text":"Joint discharge huddle"');
    expect(card).toContain('In progress, due Monday 30 March 2026.');
    expect(card).toContain('"text":"MBU nursing → Community perinatal team"');
    expect(card).toContain('Owned by Asha Patel and Ben Barker');
  });

  it('marks the person\'s own and says they come first, in the order given', () => {
    const card = checked(interventionsCard(interventionsView()));
    const text = json(card);
    expect(text).toContain('3 open interventions, 1 of them yours. Yours come first.');
    expect(text.indexOf('Joint discharge huddle')).toBeLessThan(text.indexOf('Shared referral tracker'));
    expect(text).toContain('"text":"  (yours)"');
  });

  it('says when a due date has passed, and names the dimensions when no tie is named', () => {
    const card = json(checked(interventionsCard(interventionsView())));
    expect(card).toContain('Agreed, was due Friday 27 February 2026.');
    expect(card).toContain('For shared goals and mutual respect');
    expect(card).toContain('Proposed, no due date.');
  });

  it('shows names people typed as typed, never as markdown or a link', () => {
    const tricky = '[click](https://evil.example) **bold**';
    const card = checked(interventionsCard(interventionsView({ interventions: [interventionLine({ title: tricky, owners: [tricky], ties: [`${tricky} → MBU`] })] })));
    const runs = json(card);
    expect(runs).toContain(`{"type":"TextRun","text":"${tricky.replace(/"/g, '\\"')}","weight":"bolder"}`);
    // Typed names are only ever in TextRuns: no TextBlock or fact carries them.
    const blocks = (card.body as { type: string; text?: string }[]).filter((e) => e.type === 'TextBlock');
    for (const b of blocks) expect(b.text).not.toContain('evil.example');
  });

  it('links to the tab with an https deep link only', () => {
    expect(checked(interventionsCard(interventionsView())).actions).toEqual([{ type: 'Action.OpenUrl', title: 'Open the interventions', url: interventionsView().tabUrl }]);
    expect(checked(interventionsCard(interventionsView({ tabUrl: 'javascript:alert(1)' }))).actions).toBeUndefined();
  });

  it('says plainly when there are none', () => {
    expect(json(checked(interventionsCard(interventionsView({ interventions: [] }))))).toContain('There are no open interventions at the moment.');
  });

  it('stays well under Teams\' card limit with 40 interventions at the model\'s limits, saying how many more are in the tab', () => {
    const huge: InterventionLine = interventionLine({
      title: 'T'.repeat(120),
      ties: Array.from({ length: 20 }, (_, i) => `${longName(i)} → ${longName(i + 1)}`),
      owners: Array.from({ length: 10 }, (_, i) => longName(i + 30)),
    });
    const card = checked(interventionsCard(interventionsView({ interventions: Array.from({ length: 40 }, () => huge) })));
    expect(cardBytes(card)).toBeLessThan(20 * 1024);
    expect(json(card)).toMatch(/And \d+ more in the tab\./);
    expect(json(card)).toContain(' and 17 more ties');
    expect(json(card)).toContain('and 6 others');
  });
});

describe('the owner\'s reminder card', () => {
  it('says how soon it is due, shows the intervention and links to the tab', () => {
    const card = checked(interventionReminderCard({ intervention: interventionLine(), daysLeft: 3, tabUrl: 'https://teams.microsoft.com/l/entity/x', today: '2026-03-27' }));
    const text = json(card);
    expect(text).toContain('An intervention you own is due in 3 days');
    expect(text).toContain('"text":"Joint discharge huddle"');
    expect(text).toContain('You will not be reminded about this date again.');
    expect(card.actions).toEqual([{ type: 'Action.OpenUrl', title: 'Open it in the tab', url: 'https://teams.microsoft.com/l/entity/x' }]);
  });

  it('reads "today" and "tomorrow" for the last days', () => {
    const at = (daysLeft: number) => json(checked(interventionReminderCard({ intervention: interventionLine(), daysLeft, tabUrl: 'https://x.example', today: '2026-03-30' })));
    expect(at(0)).toContain('is due today');
    expect(at(1)).toContain('is due tomorrow');
  });
});
