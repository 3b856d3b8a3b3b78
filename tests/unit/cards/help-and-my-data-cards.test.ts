import { COMMANDS } from '../../../bot/commands/command-list';
import { helpCard } from '../../../src/cards/help-card';
import { myDataCard } from '../../../src/cards/my-data-card';
import { checked } from '../../support/adaptive-card-validator';

const json = (card: unknown) => JSON.stringify(card);

describe('the help card', () => {
  it("lists everyone's commands for a member, and says facilitators can do more", () => {
    const card = json(checked(helpCard({ isFacilitator: false, commands: COMMANDS, botName: 'RC Pulse' })));
    expect(card).toContain('"title":"my data"');
    expect(card).toContain('"title":"results"');
    expect(card).not.toContain('"title":"pulse start"');
    expect(card).toContain('Facilitators can also');
  });

  it("adds a facilitator's commands for a facilitator", () => {
    const card = json(checked(helpCard({ isFacilitator: true, commands: COMMANDS, botName: 'RC Pulse' })));
    for (const c of COMMANDS) expect(card).toContain(`"title":"${c.name}"`);
    expect(card).toContain('As a facilitator you can also');
  });

  it('shows how to mention the bot in a channel', () => {
    expect(json(checked(helpCard({ isFacilitator: false, commands: COMMANDS, botName: 'RC Pulse' })))).toContain('@RC Pulse pulse status');
  });
});

describe('the my data card', () => {
  const view = { displayName: 'Asha Patel', email: 'asha.patel@nhs.net', workgroupName: 'MBU nursing', organisationName: 'LYPFT', isFacilitator: false, k: 5 };

  it('says what RC Pulse keeps about me, with my own details', () => {
    const card = json(checked(myDataCard(view)));
    for (const value of ['Asha Patel', 'asha.patel@nhs.net', 'MBU nursing', 'LYPFT']) expect(card).toContain(value);
    expect(card).toContain('kept apart from your answers');
  });

  it('says what RC Pulse never keeps: identity with answers, the time of answering, small-group figures', () => {
    const card = json(checked(myDataCard(view)));
    expect(card).toContain('What RC Pulse never keeps');
    expect(card).toContain('Your name, e-mail or Teams id next to your answers.');
    expect(card).toContain('only the day is kept');
    expect(card).toContain('fewer than 5 people');
  });

  it('mentions the set-up log only for facilitators, and copes with a sparse roster entry', () => {
    expect(json(checked(myDataCard({ ...view, isFacilitator: true })))).toContain('As a facilitator');
    const sparse = json(checked(myDataCard({ displayName: 'Sam', isFacilitator: false, k: 5 })));
    expect(sparse).not.toContain('As a facilitator');
    expect(sparse).toContain('if the facilitators add it');
  });
});
