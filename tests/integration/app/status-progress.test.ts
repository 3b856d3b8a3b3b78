import { issueFamilyLinks } from '../../../src/app/family/issue-family-links';
import { pulseStatus } from '../../../src/app/pulse';
import { FAMILIES_WORKGROUP_ID } from '../../../src/domain/model/family';
import { pulseStatusCard } from '../../../src/cards/pulse-status-card';
import type { Storage } from '../../../src/storage/storage';
import { checked } from '../../support/adaptive-card-validator';
import { testStorage } from '../../support/test-storage';
import { FakeClock, testLinkDeps } from '../family/family-kit';
import { answerAndSubmit, aWorld, start, WORKGROUPS, type World } from './app-test-kit';

jest.setTimeout(30_000);

/**
 * The status card while a pulse is open must not tell a watching facilitator which group
 * someone chose (measurement contract, section 4, "Progress without linking"): its counts by
 * group come from released responses only, which arrive k or more at a time, shuffled.
 */

let storage: Storage;
beforeAll(async () => {
  storage = await testStorage();
});

/** The card's line for each group ("MBU nursing: 3 of 4 (75%)"), as a facilitator reads it. */
async function groupLines(world: World): Promise<string[]> {
  const card = checked(pulseStatusCard(await pulseStatus(world.deps, world.facilitator, world.collaborative.id)));
  const names = WORKGROUPS.map((w) => w.name);
  return JSON.stringify(card).match(/"text":"[^"]*: [^"]* of \d+[^"]*"/g)!.filter((line) => names.some((n) => line.includes(`"text":"${n}:`)));
}

describe('progress by group while a pulse is open', () => {
  it('does not move when one person submits: their group shows only once a batch of at least k is released', async () => {
    const world = await aWorld(storage, { people: 9, k: 3 });
    const { pulse } = await start(world);
    const scope = { collaborativeId: world.collaborative.id, pulseId: pulse.id };
    // Three choose MBU nursing and are released together (k = 3): that group's count is shown.
    for (const person of world.people.slice(0, 3)) await answerAndSubmit(world, person, { workgroupId: 'mbu-nursing' });
    expect(await storage.responses.count(scope)).toBe(3);
    const before = await groupLines(world);
    expect(before).toContain('"text":"MBU nursing: 3 of 4 (75%)"');

    // One more submit, to the group whose count is on show: it waits, unreleased.
    await answerAndSubmit(world, world.people[3]!, { workgroupId: 'mbu-nursing' });
    expect(await storage.submissions.countPending(scope)).toBe(1);
    expect(await groupLines(world)).toEqual(before);
    // And one to a hidden group: the complementary rule must not start hiding (or showing) anything either.
    await answerAndSubmit(world, world.people[4]!, { workgroupId: 'health-visiting' });
    expect(await groupLines(world)).toEqual(before);
    const view = await pulseStatus(world.deps, world.facilitator, world.collaborative.id);
    expect(view.answered).toBe(5);

    // A third waiting answer makes a batch of k: released together, the groups move at once.
    await answerAndSubmit(world, world.people[5]!, { workgroupId: 'community-perinatal' });
    expect(await storage.responses.count(scope)).toBe(6);
    expect(await groupLines(world)).not.toEqual(before);
  });

  it('counts families by the links handed out, and shows their row only once there are some', async () => {
    const world = await aWorld(storage, { people: 6, k: 3 });
    await storage.workgroups.upsertMany([{ collaborativeId: world.collaborative.id, id: FAMILIES_WORKGROUP_ID, name: 'Families' }]);
    const { pulse } = await start(world);
    expect(pulse.targetWorkgroupIds).toContain(FAMILIES_WORKGROUP_ID);
    const status = () => pulseStatus(world.deps, world.facilitator, world.collaborative.id);
    const familiesRow = async () => JSON.stringify(checked(pulseStatusCard(await status()))).match(/"text":"Families: [^"]*"/g) ?? [];
    const before = await status();
    // No links yet: families are not "0 invited", they are not asked yet.
    expect(await familiesRow()).toEqual([]);

    await issueFamilyLinks(testLinkDeps(storage, new FakeClock()), { collaborativeId: world.collaborative.id, pulseId: pulse.id }, 2);
    expect(await familiesRow()).toEqual(['"text":"Families: fewer than 3 of 2"']);
    expect((await status()).invited).toBe(before.invited + 2);
  });
});
