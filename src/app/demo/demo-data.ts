import { DIMENSIONS, type Dimension } from '../../domain/instrument';
import {
  DEMO_COLLABORATIVE,
  DEMO_ORGANISATIONS,
  DEMO_WORKGROUPS,
  PLAN_MILESTONES,
} from './yorkshire-humber';

/** A small, seeded pseudo-random generator (mulberry32), so the demo is the same every time. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

export interface DemoMember {
  id: string;
  displayName: string;
  upn: string;
  organisationId: string;
  workgroup: string;
}

export type DemoRatings = Record<string, Record<Dimension, number | null>>;

export interface DemoResponse {
  workgroup: string;
  ratings: DemoRatings;
  /** Day only (YYYY-MM-DD): responses never carry a time of day. */
  day: string;
}

export interface DemoPulse {
  id: string;
  name: string;
  focalProcess: string;
  opensAt: string;
  closesAt: string;
  invited: number;
  responses: DemoResponse[];
}

const FIRST = ['Aisha', 'Ben', 'Chloe', 'Daniel', 'Ellie', 'Farah', 'George', 'Hannah', 'Imran', 'Jess', 'Kiran', 'Laura',
  'Mohammed', 'Niamh', 'Owen', 'Priya', 'Rachel', 'Sam', 'Tom', 'Uzma', 'Vicky', 'Will', 'Yasmin', 'Zara'];
const LAST = ['Ahmed', 'Barker', 'Clarke', 'Dawson', 'Evans', 'Fletcher', 'Greenwood', 'Hussain', 'Iqbal', 'Jackson',
  'Khan', 'Lister', 'Moorhouse', 'Naylor', 'Oldroyd', 'Patel', 'Richardson', 'Sutcliffe', 'Thornton', 'Walker'];

/** How many invented people each workgroup has, and which Trusts they come from. */
const TEAM_SIZES: Record<string, { size: number; organisations: string[] }> = {
  'Collaborative leadership team': { size: 8, organisations: ['lypft', 'bdct', 'swyp', 'humber', 'rdash', 'shsc', 'tewv'] },
  'Mother and baby unit clinical team': { size: 14, organisations: ['lypft'] },
  'Community perinatal mental health teams': { size: 16, organisations: ['bdct', 'swyp', 'humber', 'rdash', 'shsc', 'tewv'] },
  'Maternity services': { size: 10, organisations: ['lypft', 'bdct', 'humber', 'shsc'] },
  Commissioners: { size: 6, organisations: ['lypft', 'swyp'] },
  'Lived experience partners': { size: 7, organisations: ['lypft', 'humber', 'shsc'] },
};

/** The invented members of the demo collaborative (same list on every run). */
export function demoMembers(): DemoMember[] {
  const random = seededRandom(2024);
  const members: DemoMember[] = [];
  let i = 0;
  for (const workgroup of DEMO_WORKGROUPS) {
    const team = TEAM_SIZES[workgroup]!;
    for (let j = 0; j < team.size; j++, i++) {
      const first = FIRST[Math.floor(random() * FIRST.length)]!;
      const last = LAST[Math.floor(random() * LAST.length)]!;
      const organisationId = team.organisations[j % team.organisations.length]!;
      members.push({
        id: `demo-user-${String(i + 1).padStart(3, '0')}`,
        displayName: `${first} ${last}`,
        upn: `${first}.${last}${i + 1}@${organisationId}.nhs.example`.toLowerCase(),
        organisationId,
        workgroup,
      });
    }
  }
  return members;
}

/**
 * The demo's Microsoft 365 tenant, invented: the local Teams client (the Agents Playground)
 * signs its people in with it.
 */
export const DEMO_TENANT_ID = 'd0000000-0000-4000-8000-00000000000a';

/** A demo member who also signs in to the local Teams client, with a fixed Entra object id. */
export interface DemoTeamsPerson extends DemoMember {
  /** Invented, fixed: the facilitator's must be known before the app is installed anywhere. */
  aadObjectId: string;
}

/** The Entra object id the local Teams client gives a demo member: d0000000-...-<their number>. */
function demoEntraId(memberId: string): string {
  const number = memberId.replace(/\D/g, '');
  return `d0000000-0000-4000-8000-${number.padStart(12, '0')}`;
}

/**
 * The six demo members the local Teams client has: the first person of each workgroup. The
 * first of them (in the leadership team) is the demo's facilitator, so they can run pulses
 * and, being on the list too, answer them. The client matches them to the roster by e-mail,
 * as Teams would; only the facilitator's Entra id has to be known in advance.
 */
export function demoTeamsPeople(): DemoTeamsPerson[] {
  const members = demoMembers();
  return DEMO_WORKGROUPS.map((group) => {
    const first = members.find((m) => m.workgroup === group)!;
    return { ...first, aadObjectId: demoEntraId(first.id) };
  });
}

/** The demo facilitator's Entra object id: the first of demoTeamsPeople, in the leadership team. */
export const DEMO_FACILITATOR_AAD_ID = demoTeamsPeople()[0]!.aadObjectId;

/**
 * Underlying strength of each tie (how `from` experiences `to`) at baseline: warm within
 * groups, weaker across organisational boundaries, weakest between maternity, commissioners
 * and the clinical teams, as the collaborative's own plan describes.
 */
function baseStrength(from: string, to: string): number {
  if (from === to) return 4.1;
  const pair = new Set([from, to]);
  if (pair.has('Commissioners')) return 3.1;
  if (pair.has('Maternity services') && pair.has('Community perinatal mental health teams')) return 3.2;
  if (pair.has('Mother and baby unit clinical team') && pair.has('Community perinatal mental health teams')) return 3.3;
  if (pair.has('Lived experience partners')) return 3.7;
  return 3.6;
}

/** Ties the collaborative chose to work on after the baseline (workshop of 3 June 2024). */
export const TARGETED_TIES: [string, string][] = [
  ['Mother and baby unit clinical team', 'Community perinatal mental health teams'],
  ['Community perinatal mental health teams', 'Mother and baby unit clinical team'],
  ['Maternity services', 'Community perinatal mental health teams'],
  ['Community perinatal mental health teams', 'Maternity services'],
];

const DIMENSION_SHIFT: Record<Dimension, number> = {
  frequent: -0.1, timely: -0.15, accurate: 0.05, problem_solving: 0, shared_goals: 0.2, shared_knowledge: -0.3, mutual_respect: 0.2,
};

function addDays(day: string, days: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function simulate(id: string, name: string, opensAt: string, closesAt: string, seed: number, uplift: (f: string, t: string) => number, rate: Record<string, number>): DemoPulse {
  const random = seededRandom(seed);
  const members = demoMembers();
  const windowDays = Math.round((Date.parse(closesAt) - Date.parse(opensAt)) / 86_400_000);
  const responses: DemoResponse[] = [];
  for (const workgroup of DEMO_WORKGROUPS) {
    const team = members.filter((m) => m.workgroup === workgroup);
    const answering = Math.round(team.length * (rate[workgroup] ?? 0.75));
    for (let p = 0; p < answering; p++) {
      const person = normal(random) * 0.45;
      const ratings: DemoRatings = {};
      for (const target of DEMO_WORKGROUPS) {
        const scores = {} as Record<Dimension, number | null>;
        for (const d of DIMENSIONS) {
          const mean = baseStrength(workgroup, target) + uplift(workgroup, target) + DIMENSION_SHIFT[d] + person;
          const notApplicable = random() < (target === 'Commissioners' && workgroup !== 'Commissioners' ? 0.2 : 0.05);
          scores[d] = notApplicable ? null : Math.min(5, Math.max(1, Math.round(mean + normal(random) * 0.5)));
        }
        ratings[target] = scores;
      }
      responses.push({ workgroup, ratings, day: addDays(opensAt, Math.floor(random() * windowDays)) });
    }
  }
  return { id, name, focalProcess: DEMO_COLLABORATIVE.focalProcess, opensAt, closesAt, invited: members.length, responses };
}

/**
 * The demo's two closed pulses: the baseline of spring 2024 and the repeat of autumn 2024,
 * after the interventions on the MBU, community and maternity ties.
 */
export function demoPulses(): DemoPulse[] {
  const targeted = new Set(TARGETED_TIES.map(([f, t]) => `${f}>${t}`));
  const baseline = simulate('demo-baseline-2024', 'Baseline, spring 2024', PLAN_MILESTONES.baselineOpens,
    PLAN_MILESTONES.baselineCloses, 11, () => 0,
    { Commissioners: 0.67, 'Lived experience partners': 0.72 });
  const repeat = simulate('demo-repeat-2024', 'Repeat, autumn 2024', PLAN_MILESTONES.repeatOpens,
    PLAN_MILESTONES.repeatCloses, 29, (f, t) => (targeted.has(`${f}>${t}`) ? 0.6 : 0.05),
    { Commissioners: 0.84, 'Lived experience partners': 0.86 });
  return [baseline, repeat];
}

export { DEMO_ORGANISATIONS, DEMO_WORKGROUPS, DEMO_COLLABORATIVE };
export { DEMO_FAMILIES_WORKGROUP } from './yorkshire-humber';
