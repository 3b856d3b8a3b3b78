import type { Member } from '../../../src/domain/model/member';
import { accountOf, aTeam, aUser, personalChatId, type TeamsTeam, type TeamsUser } from '../../support/bot-client';
import { aCollaborative } from '../../support/fixtures';
import { cardsOf, lastTextIn, OTHER_TENANT, startBot, TENANT, textOf, type BotHarness } from './bot-harness';

jest.setTimeout(30_000);

/**
 * Someone whose UPN or e-mail matches a row on the list that is already linked to another
 * Entra object id (another tenant's account with the same address, a second account) must
 * never take that row over, however RC Pulse meets them: a team install, joining the team,
 * or installing it for themselves. The facilitators are told in the channel instead.
 */

let h: BotHarness;
beforeAll(async () => {
  h = await startBot();
});
afterAll(() => h.stop());

const CONFLICT_HEADING = 'For the facilitators: a Teams account was not linked to the list';

/**
 * A collaborative that allows two tenants (NHSmail and a partner's own), facilitated by
 * `facilitator`, with `victim` on its list, installed in their own chat; and an impostor from
 * the other tenant whose sign-in name is the victim's.
 */
async function aListedVictim(): Promise<{ collaborativeId: string; facilitator: TeamsUser; victim: TeamsUser; impostor: TeamsUser; row: Member }> {
  const facilitator = aUser(TENANT, 'Fran Facilitator');
  const victim = aUser(TENANT, 'Vic Victim');
  const impostor = aUser(OTHER_TENANT, 'Vic Victim', victim.upn.toUpperCase());
  const collaborative = (
    await h.storage.collaboratives.create(aCollaborative({ facilitatorIds: [facilitator.aadObjectId], allowedTenantIds: [TENANT, OTHER_TENANT] }))
  ).value;
  const reference = { conversation: { id: personalChatId(victim), conversationType: 'personal', tenantId: TENANT }, serviceUrl: h.connector.url };
  const input = {
    collaborativeId: collaborative.id,
    id: `m-victim-${victim.aadObjectId.slice(0, 8)}`,
    aadObjectId: victim.aadObjectId,
    teamsUserId: victim.id,
    email: victim.upn,
    displayName: 'Vic Victim',
    organisationId: 'lypft',
    tenantId: TENANT,
    installState: 'installed' as const,
    conversationReference: reference,
  };
  await h.storage.members.upsertMany([input]);
  const row = (await h.storage.members.find(collaborative.id, input.id))!.value;
  return { collaborativeId: collaborative.id, facilitator, victim, impostor, row };
}

/** The row as stored now must be exactly as it was, and the impostor on no row at all. */
async function expectUntouched(collaborativeId: string, row: Member, impostor: TeamsUser): Promise<void> {
  expect((await h.storage.members.find(collaborativeId, row.id))!.value).toEqual(row);
  expect(await h.storage.members.findByAadObjectId(collaborativeId, impostor.aadObjectId)).toBeUndefined();
}

/** The facilitators were told once, in the channel, with both names as plain text; and the audit trail has it. */
async function expectReported(collaborativeId: string, team: TeamsTeam, row: Member, impostor: TeamsUser): Promise<void> {
  const cards = h.connector.activitiesIn(team.id).flatMap(cardsOf).filter((c) => textOf(c).includes(CONFLICT_HEADING));
  expect(cards).toHaveLength(1);
  expect(textOf(cards[0])).toContain(`"text":"${row.displayName}"`);
  const entries = (await h.storage.audit.list(collaborativeId)).filter((a) => a.action === 'teams.identity_conflict');
  expect(entries).toEqual([expect.objectContaining({ subject: row.id, details: { memberId: row.id, aadObjectId: impostor.aadObjectId, tenantId: OTHER_TENANT } })]);
}

describe('an account whose e-mail matches a row linked to someone else', () => {
  it('does not take the row over when the app is added to a team it is in; the channel is told once', async () => {
    const { collaborativeId, facilitator, impostor, row } = await aListedVictim();
    const team = aTeam(TENANT, 'Perinatal pathway team');
    h.connector.setMembers(team.id, [facilitator, impostor].map(accountOf));
    await h.client.installInTeam(facilitator, team);
    await h.client.installationUpdate(facilitator, 'add', { team });
    expect((await h.storage.collaboratives.get(collaborativeId)).value.teamsTeamId).toBe(team.id);
    await expectUntouched(collaborativeId, row, impostor);
    await expectReported(collaborativeId, team, row, impostor);
  });

  it('does not take the row over when it joins the linked team', async () => {
    const { collaborativeId, facilitator, impostor, row } = await aListedVictim();
    const team = aTeam(TENANT, 'Perinatal pathway team');
    h.connector.setMembers(team.id, [accountOf(facilitator)]);
    await h.client.installInTeam(facilitator, team);
    h.connector.setMembers(team.id, [facilitator, impostor].map(accountOf));
    await h.client.membersAdded(team, [impostor], facilitator);
    await expectUntouched(collaborativeId, row, impostor);
    await expectReported(collaborativeId, team, row, impostor);
  });

  it('does not take the row over when it installs RC Pulse for itself, and is told it is on no list', async () => {
    const { collaborativeId, facilitator, impostor, row } = await aListedVictim();
    const team = aTeam(TENANT, 'Perinatal pathway team');
    h.connector.setMembers(team.id, [accountOf(facilitator)]);
    await h.client.installInTeam(facilitator, team);
    h.connector.setMembers(personalChatId(impostor), [accountOf(impostor)]);
    await h.client.installPersonal(impostor);
    await h.client.installationUpdate(impostor, 'add');
    expect(lastTextIn(h, personalChatId(impostor))).toContain('You are not on the list of any collaborative');
    await expectUntouched(collaborativeId, row, impostor);
    await expectReported(collaborativeId, team, row, impostor);
  });

  it('still links a roster row nobody has claimed yet, matched by e-mail', async () => {
    const { collaborativeId, facilitator } = await aListedVictim();
    const newcomer = aUser(TENANT, 'Nell Newcomer');
    await h.storage.members.upsertMany([{ collaborativeId, id: 'm-unclaimed', email: newcomer.upn, displayName: 'Nell Newcomer', organisationId: 'lypft' }]);
    const team = aTeam(TENANT, 'Perinatal pathway team');
    h.connector.setMembers(team.id, [facilitator, newcomer].map(accountOf));
    await h.client.installInTeam(facilitator, team);
    expect((await h.storage.members.find(collaborativeId, 'm-unclaimed'))!.value).toMatchObject({ aadObjectId: newcomer.aadObjectId, installState: 'installed' });
    expect((await h.storage.audit.list(collaborativeId)).map((a) => a.action)).not.toContain('teams.identity_conflict');
  });
});
