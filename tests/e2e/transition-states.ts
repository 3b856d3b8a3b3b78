import { DEMO_FACILITATOR_AAD_ID, DEMO_TENANT_ID } from '../../src/app/demo/demo-data';
import { parseConfig } from '../../src/config/config';
import type { TransitionCheck, TransitionType } from '../../src/domain/model/transition';
import type { ShownFigure } from '../../src/domain/shown-figure';
import { createStorage } from '../../src/storage/storage';

/**
 * A collaborative with transition checks, for the browser tests of the Transitions page: six
 * closed checks with their published figures (two weak admissions of three, one strong
 * discharge, one with too few staff answers for a team RC, one transfer) and one still open.
 * Each is written as the close leaves it (a Transitions row with its publication), so the page
 * reads them through the real summary route. Every reference is a distinctive word, so the
 * test can show that none of them reaches the page. Four people are on its list, for the
 * start form to choose staff from.
 */

export const TRANSITIONS_COLLABORATIVE = 'e2e-transitions';
export const SEEDED_REFERENCES = ['Kestrel 1', 'Kestrel 2', 'Kestrel 3', 'Kestrel 4', 'Kestrel 5', 'Kestrel 6', 'Kestrel 7'];

const ROLES = [
  { id: 'mbu', name: 'Mother and baby unit' },
  { id: 'community', name: 'Community perinatal team' },
  { id: 'health-visitors', name: 'Health visitors' },
];
/** People on the collaborative's list, for the start form's staff picker; their e-mail addresses must never reach the tab. */
export const LISTED_PEOPLE = [
  { name: 'Amira Khan', workgroupId: 'mbu' },
  { name: 'Ben Hughes', workgroupId: 'community' },
  { name: 'Cerys Morgan', workgroupId: 'health-visitors' },
  { name: 'Dev Shah', workgroupId: 'mbu' },
].map((p, i) => ({ ...p, aadObjectId: `00000000-0000-4000-8000-${String(900 + i).padStart(12, '0')}`, email: `${p.name.toLowerCase().replace(' ', '.')}@nhs.net` }));

const staff = (i: number) => ROLES.map((r, j) => ({ aadObjectId: `00000000-0000-4000-8000-${String(i * 10 + j).padStart(12, '0')}`, workgroupId: r.id }));
const figure = (mean: number, n: number): ShownFigure => ({ mean, n, ci95: [mean - 0.3, mean + 0.3], band: mean < 3.5 ? 'weak' : mean < 4 ? 'moderate' : 'strong' });

/** [type, days ago it closed (null: still open), team RC or null when fewer than k answered] */
const CHECKS: [TransitionType, number | null, ShownFigure | null][] = [
  ['admission', 90, figure(3.1, 3)],
  ['discharge', 75, figure(4.3, 4)],
  ['admission', 60, figure(3.8, 3)],
  ['transfer', 45, figure(3.6, 3)],
  ['discharge', 30, null],
  ['admission', 15, figure(3.3, 4)],
  ['discharge', null, null],
];

/** Writes the collaborative and its checks into the stack's storage (env as the server has it). */
export async function addTransitionStates(env: Record<string, string>): Promise<void> {
  const storage = createStorage(parseConfig(env));
  await storage.ensureTables();
  await storage.collaboratives.create({
    id: TRANSITIONS_COLLABORATIVE, name: 'Northfield Perinatal Network', focalProcess: 'discharge from the mother and baby unit',
    facilitatorIds: [DEMO_FACILITATOR_AAD_ID], allowedTenantIds: [DEMO_TENANT_ID], createdAt: '2024-09-01T09:00:00.000Z',
  });
  await storage.workgroups.upsertMany(ROLES.map((r) => ({ collaborativeId: TRANSITIONS_COLLABORATIVE, ...r })));
  await storage.members.upsertMany(LISTED_PEOPLE.map((p, i) => ({
    collaborativeId: TRANSITIONS_COLLABORATIVE, id: `listed-${i}`, aadObjectId: p.aadObjectId, email: p.email, displayName: p.name, organisationId: 'northfield', workgroupId: p.workgroupId,
  })));
  const now = Date.now();
  const day = 86_400_000;
  for (const [i, [type, closedDaysAgo, teamRc]] of CHECKS.entries()) {
    const openedAt = new Date(now - ((closedDaysAgo ?? 0) + 7) * day).toISOString();
    const closesAt = new Date(Date.parse(openedAt) + 7 * day).toISOString();
    const base = {
      collaborativeId: TRANSITIONS_COLLABORATIVE, id: `t-e2e${String(i).padStart(4, '0')}`, type, reference: SEEDED_REFERENCES[i]!, staff: staff(i),
      familyLinks: 1, windowDays: 7, startedBy: DEMO_FACILITATOR_AAD_ID, openedAt, closesAt,
    };
    const check: TransitionCheck = closedDaysAgo === null
      ? { ...base, status: 'open', closesAt: new Date(now + 3 * day).toISOString() }
      : {
          ...base, status: 'closed', closedAt: closesAt, closeReason: 'window_ended',
          publication: {
            publishedAt: closesAt, k: 3, staffAnswered: teamRc?.n ?? 2, familyAnswered: 1, teamRc, familyView: figure(2.9, 1),
            weakestTies: [], weakestDimensions: [], alert: { weak: teamRc?.band === 'weak', because: teamRc?.band === 'weak' ? ['team_rc', 'family_view'] : ['family_view'], interventionIds: [] },
          },
        };
    await storage.transitions.create(check);
  }
}
