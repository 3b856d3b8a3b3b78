import { DEMO_FACILITATOR_AAD_ID, demoMembers } from '../../../src/app/demo/demo-data';
import { guidSchema } from '../../../src/domain/model/primitives';
import { DEMO_CHANNEL, DEMO_PERSONAL_CHAT_ID, DEMO_TEAM_ID, demoPlaygroundConfig, playgroundYaml } from '../../../src/local/playground-config';

describe('the Agents Playground configuration for the demo', () => {
  const config = demoPlaygroundConfig();
  const people = [config.currentUser, ...config.users];

  it('signs in the demo facilitator, by the Entra id the seed makes them facilitator with', () => {
    expect(config.currentUser.aadObjectId).toBe(DEMO_FACILITATOR_AAD_ID);
  });

  it('has the five other people the playground requires, each a demo member with the same e-mail, so installing matches the roster', () => {
    expect(config.users).toHaveLength(5);
    const roster = new Map(demoMembers().map((m) => [m.upn, m]));
    for (const person of people) {
      const member = roster.get(person.email);
      expect(member).toBeDefined();
      expect(person).toMatchObject({ name: member!.displayName, userPrincipleName: member!.upn });
      expect(guidSchema.safeParse(person.aadObjectId).success).toBe(true);
    }
    // One person from each workgroup.
    expect(new Set(people.map((p) => roster.get(p.email)!.workgroup)).size).toBe(6);
  });

  it('keeps ids unique where the playground refuses duplicates', () => {
    const userIds = people.map((p) => p.id);
    expect(new Set(userIds).size).toBe(userIds.length);
    const chatIds = [config.personalChat.id, config.groupChat.id, config.team.id, ...config.team.channels.map((c) => c.id)];
    expect(new Set(chatIds).size).toBe(chatIds.length);
    expect(config.team.channels).toHaveLength(1);
  });

  it('writes YAML with every value quoted, so names with colons or quotes cannot break it', () => {
    const yaml = playgroundYaml({ ...config, groupChat: { ...config.groupChat, name: 'Leads: "north" # 1' } });
    expect(yaml).toContain('version: "0.1.1"');
    expect(yaml).toContain(`  id: ${JSON.stringify(DEMO_TEAM_ID)}`);
    expect(yaml).toContain(`    - id: ${JSON.stringify(DEMO_CHANNEL.id)}`);
    expect(yaml).toContain(`  id: ${JSON.stringify(DEMO_PERSONAL_CHAT_ID)}`);
    expect(yaml).toContain('  name: "Leads: \\"north\\" # 1"');
    expect(yaml.match(/^ {2}- id: /gm)).toHaveLength(5);
  });
});
