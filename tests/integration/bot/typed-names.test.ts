import { DIMENSIONS } from '../../../src/domain/instrument';
import { accountOf, aTeam, aUser, personalChatId } from '../../support/bot-client';
import { cardsOf, lastCardIn, press, startBot, TENANT, textOf, type BotHarness } from './bot-harness';

jest.setTimeout(30_000);

/**
 * Names people typed (a team's name, the focal process, a workgroup) must never be read as
 * markdown or links wherever RC Pulse repeats them: in its text replies (which Teams reads as
 * markdown) and in the parts of its cards Teams reads as markdown (TextBlocks and facts).
 */

const EVIL = '[click](https://evil.example) **x** <b>y</b>';
const answers = Object.fromEntries(DIMENSIONS.map((d) => [d, '3']));

/** What Teams would still read as formatting or a link once the escapes are taken away. */
function formatting(text: string): string[] {
  const bare = text.replace(/\\./g, '');
  return ['](', '**', '<b>', '</b>', '://'].filter((s) => bare.includes(s));
}

/** Every piece of an activity or card that Teams reads as markdown. */
function markdownSurfaces(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(markdownSurfaces);
  if (typeof value !== 'object' || value === null) return [];
  const node = value as Record<string, unknown>;
  const own: string[] = [];
  if (node.type === 'TextBlock' && typeof node.text === 'string') own.push(node.text);
  if (node.type === 'FactSet') for (const f of node.facts as { title: string; value: string }[]) own.push(f.title, f.value);
  // A message's own text (an activity has a type like "message" and a text beside its attachments).
  if (node.type === 'message' && typeof node.text === 'string') own.push(node.text);
  return [...own, ...Object.entries(node).filter(([k]) => k !== 'text').flatMap(([, v]) => markdownSurfaces(v))];
}

let h: BotHarness;
beforeAll(async () => {
  h = await startBot();
});
afterAll(() => h.stop());

describe('a team, a focal process and a workgroup named with markdown, HTML and a link', () => {
  it('are shown as typed everywhere RC Pulse repeats them, never as formatting or a link', async () => {
    const facilitator = aUser(TENANT, 'Fran Facilitator');
    const member = aUser(TENANT, 'Mo Member');
    const team = aTeam(TENANT, EVIL);
    const place = { team };
    h.connector.setMembers(team.id, [facilitator, member].map(accountOf));
    h.connector.setMembers(personalChatId(member), [accountOf(member)]);
    const answered: Record<string, unknown>[] = [];

    await h.client.installInTeam(facilitator, team);
    await h.client.message(facilitator, 'setup', place);
    const twice = await press(h, facilitator, lastCardIn(h, team.id), 'Save', { focalProcess: EVIL, workgroups: `${EVIL}\n${EVIL}`, k: '3' }, place);
    answered.push(twice);
    const saved = await press(h, facilitator, twice, 'Save', { focalProcess: EVIL, workgroups: `${EVIL}\nMBU nursing`, k: '3' }, place);
    answered.push(saved);
    expect(textOf(saved)).toContain('Saved.');
    for (const command of ['help', 'pulse start', 'pulse status']) await h.client.message(facilitator, command, place);
    await h.client.installPersonal(member);
    await h.client.message(member, 'my data');
    const groups = (await h.storage.workgroups.list((await h.storage.collaboratives.findByTeamsTeam(team.id))!.value.id)).map((w) => w.id);
    const invitation = h.connector.activitiesIn(personalChatId(member)).flatMap(cardsOf).find((c) => textOf(c).includes('How do our groups work together?'))!;
    const step = await press(h, member, invitation, 'Start', { workgroupId: groups.find((g) => g !== 'mbu-nursing')! });
    answered.push(step, await press(h, member, step, 'Next', answers));

    const everything = [...h.connector.activities.map((c) => c.body), ...answered];
    const surfaces = everything.flatMap(markdownSurfaces).filter((s) => s.includes('click'));
    // The names reached the team's welcome, the start summary and the personal welcome, escaped.
    expect(surfaces.filter((s) => s.startsWith('Hello! RC Pulse is set up for'))).toHaveLength(1);
    expect(surfaces.filter((s) => s.startsWith('The pulse about'))).toHaveLength(1);
    expect(surfaces.filter((s) => s.startsWith('Hello! You are taking part in'))).toHaveLength(1);
    for (const surface of surfaces) expect({ surface, formatting: formatting(surface) }).toEqual({ surface, formatting: [] });
    // In cards the names are plain runs, exactly as typed: the set-up's note, the status, the survey.
    for (const card of [twice, lastCardIn(h, team.id), step]) expect(textOf(card)).toContain(JSON.stringify(EVIL).slice(1, -1));
    expect(textOf(twice)).toContain(`The workgroup \\"${EVIL}\\" is listed twice`);
  });
});
