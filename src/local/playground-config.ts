import { DEMO_COLLABORATIVE, DEMO_TENANT_ID, demoTeamsPeople, type DemoTeamsPerson } from '../app/demo/demo-data';

/**
 * The Microsoft 365 Agents Playground's configuration (`.m365agentsplayground.yml`, format
 * 0.1.1) for the demo collaborative: its tenant, one team with a channel, and six demo
 * members as the people in it. The signed-in person is the demo's facilitator, who is also on
 * the collaborative's list, so they can start a pulse in the channel and answer it in their
 * own chat. The others share e-mail addresses with their roster rows, so installing the app
 * in the team matches them as Teams would, and records their Entra object ids.
 */

/** A person as the playground describes them ("userPrincipleName" is the playground's spelling). */
export interface PlaygroundUser {
  id: string;
  name: string;
  userPrincipleName: string;
  aadObjectId: string;
  givenName: string;
  surname: string;
  email: string;
}

/** Everything the playground's configuration file holds. */
export interface PlaygroundConfig {
  version: '0.1.1';
  tenantId: string;
  bot: { id: string; name: string };
  currentUser: PlaygroundUser;
  /** Exactly five: the playground's schema asks for five. */
  users: PlaygroundUser[];
  personalChat: { id: string };
  groupChat: { id: string; name: string };
  team: { id: string; name: string; aadGroupId: string; channels: { id: string; name: string }[] };
}

/** The demo team's id, which is also its General channel's conversation id (as in Teams). */
export const DEMO_TEAM_ID = '19:rc-pulse-demo-team@thread.tacv2';
/** The one extra channel the playground allows. */
export const DEMO_CHANNEL = { id: '19:rc-pulse-demo-pulses@thread.tacv2', name: 'Pulse surveys' } as const;
/** The signed-in person's 1:1 chat with the bot. */
export const DEMO_PERSONAL_CHAT_ID = 'a:rc-pulse-demo-personal-chat';
/** How the bot appears in the playground; without an app id, any fixed id will do. */
export const DEMO_BOT = { id: 'd0000000-0000-4000-8000-0000000000b0', name: 'RC Pulse' } as const;

/** The Teams user id the playground gives a demo member ("29:..." as in Teams). */
export function playgroundUserId(memberId: string): string {
  return `29:${memberId}`;
}

function playgroundUser(person: DemoTeamsPerson): PlaygroundUser {
  const [givenName = person.displayName, ...rest] = person.displayName.split(' ');
  return {
    id: playgroundUserId(person.id),
    name: person.displayName,
    userPrincipleName: person.upn,
    aadObjectId: person.aadObjectId,
    givenName,
    surname: rest.join(' ') || givenName,
    email: person.upn,
  };
}

/** The demo collaborative's playground: the facilitator signed in, five more members in the team. */
export function demoPlaygroundConfig(): PlaygroundConfig {
  const [facilitator, ...others] = demoTeamsPeople();
  return {
    version: '0.1.1',
    tenantId: DEMO_TENANT_ID,
    bot: { ...DEMO_BOT },
    currentUser: playgroundUser(facilitator!),
    users: others.slice(0, 5).map(playgroundUser),
    personalChat: { id: DEMO_PERSONAL_CHAT_ID },
    groupChat: { id: '19:rc-pulse-demo-group-chat@thread.v2', name: 'Perinatal leads' },
    team: {
      id: DEMO_TEAM_ID,
      name: 'Yorkshire and Humber PMH Provider Collaborative',
      aadGroupId: 'd0000000-0000-4000-8000-0000000000c0',
      channels: [{ ...DEMO_CHANNEL }],
    },
  };
}

/** A YAML scalar: JSON's double-quoted strings are valid YAML and need no escaping rules of our own. */
const q = (value: string) => JSON.stringify(value);

function userYaml(user: PlaygroundUser, indent: string, first: string): string[] {
  return (Object.keys(user) as (keyof PlaygroundUser)[]).map((key, i) => `${i === 0 ? first : indent}${key}: ${q(user[key])}`);
}

/** The configuration as the YAML file the playground reads, with a comment saying where it came from. */
export function playgroundYaml(config: PlaygroundConfig): string {
  const lines = [
    '# Written by `npm start` for the Microsoft 365 Agents Playground (the local Teams client).',
    `# The people are invented members of the demo collaborative (${DEMO_COLLABORATIVE.id}).`,
    '# Changes here are overwritten at the next start.',
    `version: ${q(config.version)}`,
    `tenantId: ${q(config.tenantId)}`,
    'bot:',
    `  id: ${q(config.bot.id)}`,
    `  name: ${q(config.bot.name)}`,
    'currentUser:',
    ...userYaml(config.currentUser, '  ', '  '),
    'users:',
    ...config.users.flatMap((u) => userYaml(u, '    ', '  - ')),
    'personalChat:',
    `  id: ${q(config.personalChat.id)}`,
    'groupChat:',
    `  id: ${q(config.groupChat.id)}`,
    `  name: ${q(config.groupChat.name)}`,
    'team:',
    `  id: ${q(config.team.id)}`,
    `  name: ${q(config.team.name)}`,
    `  aadGroupId: ${q(config.team.aadGroupId)}`,
    '  channels:',
    ...config.team.channels.flatMap((c) => [`    - id: ${q(c.id)}`, `      name: ${q(c.name)}`]),
  ];
  return `${lines.join('\n')}\n`;
}
