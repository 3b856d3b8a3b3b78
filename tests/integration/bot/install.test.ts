import { randomUUID } from 'node:crypto';
import { DEFAULT_FOCAL_PROCESS } from '../../../src/app/install/team-install';
import { accountOf, aTeam, aUser, personalChatId } from '../../support/bot-client';
import { aCollaborative } from '../../support/fixtures';
import { aTeamWithPeople, lastTextIn, OTHER_TENANT, startBot, TENANT, type BotHarness } from './bot-harness';

jest.setTimeout(20_000);

let h: BotHarness;
beforeAll(async () => {
  h = await startBot({ rosterPageSize: 50 });
});
afterAll(() => h.stop());

/** A roster row imported by e-mail, before Teams has told us anything about the person. */
function rosterRow(collaborativeId: string, email: string, name = 'Rosie Roster') {
  return { collaborativeId, id: `m-${randomUUID().slice(0, 8)}`, email, displayName: name, organisationId: 'lypft', installState: 'not_installed' as const };
}

describe('adding RC Pulse to a team', () => {
  it('links a new collaborative named after the team and records all 120 members, read 50 a page', async () => {
    const { team, facilitator, people } = aTeamWithPeople(h, 119);
    const response = await h.client.installInTeam(facilitator, team);
    expect(response.status).toBe(200);

    const linked = (await h.storage.collaboratives.findByTeamsTeam(team.id))!.value;
    expect(linked).toMatchObject({ name: team.name, focalProcess: DEFAULT_FOCAL_PROCESS, teamsChannelId: team.id, facilitatorIds: [facilitator.aadObjectId], allowedTenantIds: [TENANT] });
    const members = await h.storage.members.list(linked.id);
    expect(members).toHaveLength(120);
    expect(new Set(members.map((m) => m.aadObjectId))).toEqual(new Set([facilitator, ...people].map((p) => p.aadObjectId)));
    expect(members.every((m) => m.installState === 'installed' && m.teamsUserId && m.upn)).toBe(true);
    expect((members[0]!.conversationReference as { conversation: { id: string } }).conversation.id).toBe(team.id);

    const pages = h.connector.calls.filter((c) => c.kind === 'members' && c.conversationId === team.id);
    expect(pages).toHaveLength(3);
    expect(pages.every((c) => c.url.includes('pageSize=50'))).toBe(true);
    expect(lastTextIn(h, team.id)).toContain(`RC Pulse is set up for ${team.name}`);
    const audit = await h.storage.audit.list(linked.id);
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['collaborative.created', 'teams.members_synced']));
  });

  it('handles the second install event Teams sends (installationUpdate) without a second welcome or a second collaborative', async () => {
    const { team, facilitator } = aTeamWithPeople(h, 3);
    await h.client.installInTeam(facilitator, team);
    const before = h.connector.activitiesIn(team.id).length;
    await Promise.all([h.client.installationUpdate(facilitator, 'add', { team }), h.client.installationUpdate(facilitator, 'add', { team })]);
    expect(h.connector.activitiesIn(team.id)).toHaveLength(before);
    const all = (await h.storage.collaboratives.list()).filter((c) => c.teamsTeamId === team.id);
    expect(all).toHaveLength(1);
    expect(await h.storage.members.list(all[0]!.id)).toHaveLength(4);
  });

  it("links the installer's own collaborative and matches roster rows by e-mail, adding nobody twice", async () => {
    const { team, facilitator, people } = aTeamWithPeople(h, 4);
    const own = (await h.storage.collaboratives.create(aCollaborative({ facilitatorIds: [facilitator.aadObjectId], allowedTenantIds: [TENANT] }))).value;
    const row = rosterRow(own.id, people[0]!.upn.toUpperCase());
    await h.storage.members.upsertMany([row]);

    await h.client.installInTeam(facilitator, team);
    const linked = (await h.storage.collaboratives.get(own.id)).value;
    expect(linked.teamsTeamId).toBe(team.id);
    const members = await h.storage.members.list(own.id);
    expect(members).toHaveLength(5);
    const matched = (await h.storage.members.find(own.id, row.id))!.value;
    expect(matched).toMatchObject({ aadObjectId: people[0]!.aadObjectId, installState: 'installed', displayName: 'Rosie Roster', organisationId: 'lypft' });
    expect(lastTextIn(h, team.id)).toContain(`now linked to ${own.name}`);
  });

  it("links the installer's own collaborative once, with one welcome, when Teams sends both install events at the same moment", async () => {
    // Several installs at once, so the two events of one install really do interleave.
    const installs = await Promise.all(
      Array.from({ length: 6 }, async () => {
        const { team, facilitator } = aTeamWithPeople(h, 2);
        const own = (await h.storage.collaboratives.create(aCollaborative({ facilitatorIds: [facilitator.aadObjectId] }))).value;
        await Promise.all([h.client.installInTeam(facilitator, team), h.client.installationUpdate(facilitator, 'add', { team })]);
        return { team, own };
      }),
    );
    const all = await h.storage.collaboratives.list();
    for (const { team, own } of installs) {
      expect(all.filter((c) => c.teamsTeamId === team.id).map((c) => c.id)).toEqual([own.id]);
      expect(h.connector.activitiesIn(team.id).map((a) => a.text)).toEqual([expect.stringContaining(`now linked to ${own.name}`)]);
      expect(await h.storage.members.list(own.id)).toHaveLength(3);
    }
  });

  it('politely refuses an installer from a tenant the collaborative does not allow, and stores nothing', async () => {
    const { team, facilitator } = aTeamWithPeople(h, 2, OTHER_TENANT);
    const own = (await h.storage.collaboratives.create(aCollaborative({ facilitatorIds: [facilitator.aadObjectId], allowedTenantIds: [TENANT] }))).value;
    const collaborativesBefore = (await h.storage.collaboratives.list()).length;

    await h.client.installInTeam(facilitator, team);
    expect(lastTextIn(h, team.id)).toMatch(/^Sorry, RC Pulse is not set up for your organisation in this collaborative, so nothing has been saved/);
    expect((await h.storage.collaboratives.get(own.id)).value.teamsTeamId).toBeUndefined();
    expect(await h.storage.members.list(own.id)).toEqual([]);
    expect(await h.storage.collaboratives.list()).toHaveLength(collaborativesBefore);
    expect(await h.storage.audit.list(own.id)).toEqual([]);
  });

  it('leaves out guests from tenants the collaborative does not allow', async () => {
    const { team, facilitator, people } = aTeamWithPeople(h, 2);
    const guest = aUser(OTHER_TENANT, 'Gus Guest');
    h.connector.setMembers(team.id, [facilitator, ...people, guest].map(accountOf));
    await h.client.installInTeam(facilitator, team);
    const linked = (await h.storage.collaboratives.findByTeamsTeam(team.id))!.value;
    const ids = (await h.storage.members.list(linked.id)).map((m) => m.aadObjectId);
    expect(ids).toHaveLength(3);
    expect(ids).not.toContain(guest.aadObjectId);
  });
});

describe('keeping the member list in step with the team', () => {
  it('records people who join, marks people who leave as removed, and on uninstall marks the team removed without deleting anything', async () => {
    const { team, facilitator, people } = aTeamWithPeople(h, 3);
    await h.client.installInTeam(facilitator, team);
    const id = (await h.storage.collaboratives.findByTeamsTeam(team.id))!.value.id;

    const newcomer = aUser(TENANT, 'Nia Newcomer');
    h.connector.setMembers(team.id, [facilitator, ...people, newcomer].map(accountOf));
    await h.client.membersAdded(team, [newcomer], facilitator);
    const added = (await h.storage.members.findByAadObjectId(id, newcomer.aadObjectId))!.value;
    expect(added).toMatchObject({ installState: 'installed', upn: newcomer.upn, displayName: 'Nia Newcomer' });

    await h.client.membersRemoved(team, [people[0]!], facilitator);
    expect((await h.storage.members.findByAadObjectId(id, people[0]!.aadObjectId))!.value.installState).toBe('removed');

    // people[1] also has RC Pulse in their own chat: that outlives the team.
    await h.client.installPersonal(people[1]!);
    await h.client.uninstallFromTeam(team, facilitator);
    const after = await h.storage.members.list(id);
    expect(after).toHaveLength(5);
    const state = (u: { aadObjectId: string }) => after.find((m) => m.aadObjectId === u.aadObjectId)!.installState;
    expect([facilitator, people[2]!, newcomer].map(state)).toEqual(['removed', 'removed', 'removed']);
    expect(state(people[1]!)).toBe('installed');
    const collaborative = (await h.storage.collaboratives.get(id)).value;
    expect(collaborative.teamsTeamId).toBe(team.id);
    expect(collaborative.teamsChannelId).toBeUndefined();
    expect((await h.storage.audit.list(id)).map((a) => a.action)).toContain('teams.removed');
  });

  it('links the same collaborative again, with everyone reachable, when the app is added back', async () => {
    const { team, facilitator } = aTeamWithPeople(h, 2);
    await h.client.installInTeam(facilitator, team);
    const id = (await h.storage.collaboratives.findByTeamsTeam(team.id))!.value.id;
    await h.client.uninstallFromTeam(team, facilitator);
    await h.client.installInTeam(facilitator, team);
    expect((await h.storage.collaboratives.get(id)).value.teamsChannelId).toBe(team.id);
    expect((await h.storage.members.list(id)).map((m) => m.installState)).toEqual(['installed', 'installed', 'installed']);
    expect(h.connector.activitiesIn(team.id).filter((a) => String(a.text).startsWith('Hello!'))).toHaveLength(2);
  });

  it('treats a deleted team like an uninstall', async () => {
    const { team, facilitator } = aTeamWithPeople(h, 1);
    await h.client.installInTeam(facilitator, team);
    await h.client.teamEvent(team, 'teamDeleted', facilitator);
    const id = (await h.storage.collaboratives.findByTeamsTeam(team.id))!.value.id;
    expect((await h.storage.members.list(id)).every((m) => m.installState === 'removed')).toBe(true);
  });
});

describe('installing RC Pulse for oneself', () => {
  it("saves the person's 1:1 chat on their roster row (found by e-mail), marks them installed and welcomes them once", async () => {
    const c = (await h.storage.collaboratives.create(aCollaborative({ allowedTenantIds: [TENANT] }))).value;
    const user = aUser(TENANT, 'Pat Personal');
    h.connector.setMembers(personalChatId(user), [accountOf(user)]);
    const row = rosterRow(c.id, user.upn);
    await h.storage.members.upsertMany([row]);

    await h.client.installPersonal(user);
    await h.client.installationUpdate(user, 'add');
    const saved = (await h.storage.members.find(c.id, row.id))!.value;
    expect(saved).toMatchObject({ aadObjectId: user.aadObjectId, teamsUserId: user.id, installState: 'installed' });
    expect(saved.conversationReference).toMatchObject({ conversation: { id: personalChatId(user), conversationType: 'personal' }, serviceUrl: h.connector.url });
    const posts = h.connector.activitiesIn(personalChatId(user));
    expect(posts).toHaveLength(1);
    expect(posts[0]!.text).toContain(`You are taking part in ${c.name}`);

    await h.client.installationUpdate(user, 'remove');
    expect((await h.storage.members.find(c.id, row.id))!.value.installState).toBe('removed');
  });

  it('tells someone on no list that nothing was saved', async () => {
    const stranger = aUser(TENANT, 'Sam Stranger');
    await h.client.installPersonal(stranger);
    expect(lastTextIn(h, personalChatId(stranger))).toContain('not on the list of any collaborative');
  });

  it('politely refuses someone from a tenant the collaborative does not allow, and stores nothing', async () => {
    const c = (await h.storage.collaboratives.create(aCollaborative({ allowedTenantIds: [TENANT] }))).value;
    const guest = aUser(OTHER_TENANT, 'Gail Guest');
    const row = rosterRow(c.id, guest.upn);
    await h.storage.members.upsertMany([row]);
    h.connector.setMembers(personalChatId(guest), [accountOf(guest)]);

    await h.client.installPersonal(guest);
    expect(lastTextIn(h, personalChatId(guest))).toContain('RC Pulse is not set up for your organisation');
    const unchanged = (await h.storage.members.find(c.id, row.id))!.value;
    expect(unchanged).toEqual({ ...row, email: row.email.toLowerCase() });
  });

  it('ignores a team that was never linked when it is deleted', async () => {
    const res = await h.client.teamEvent(aTeam(TENANT), 'teamDeleted');
    expect(res.status).toBe(200);
  });
});
