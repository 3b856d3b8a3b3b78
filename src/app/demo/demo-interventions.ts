import {
  appendUpdate,
  applyInterventionChange,
  createIntervention,
  type Intervention,
  type InterventionContext,
  type InterventionStatus,
} from '../../domain/model/intervention';
import { DEMO_WORKGROUPS, demoTeamsPeople, TARGETED_TIES, type DemoTeamsPerson } from './demo-data';
import { PLAN_MILESTONES } from './yorkshire-humber';

/**
 * The interventions the demo collaborative agreed at its workshop of 3 June 2024, on the ties
 * its baseline showed weakest (demo-data.ts TARGETED_TIES: the ties the repeat pulse was built
 * to improve), started on 1 July 2024, with how each went. Built through the domain's own
 * rules (create, legal status moves, log entries), at fixed times, so every run gives the same
 * rows; the impact view then has true figures to show: baseline before, repeat after.
 */

/** What happens to a demo intervention after it is agreed: who does what, when. */
type Step = { at: string; by: DemoTeamsPerson; text: string; status?: InterventionStatus };

interface DemoIntervention {
  id: string;
  body: Record<string, unknown>;
  steps: Step[];
}

const WORKSHOP = 'the intervention workshop in Leeds';
const AGREED_AT = `${PLAN_MILESTONES.interventionWorkshop}T15:30:00.000Z`;
const STARTED_AT = `${PLAN_MILESTONES.interventionWork}T09:00:00.000Z`;
const MONITORED_AT = `${PLAN_MILESTONES.monitoring}T11:00:00.000Z`;

/** The demo interventions, for workgroup ids made by `groupId` from names. */
function plan(groupId: (name: string) => string): DemoIntervention[] {
  const people = demoTeamsPeople();
  const of = (group: (typeof DEMO_WORKGROUPS)[number]) => people.find((p) => p.workgroup === group)!;
  const facilitator = of('Collaborative leadership team');
  const mbu = of('Mother and baby unit clinical team');
  const community = of('Community perinatal mental health teams');
  const maternity = of('Maternity services');
  const livedExperience = of('Lived experience partners');
  /** The targeted ties (both ways) between community teams and `group`. */
  const withCommunity = (group: string) =>
    TARGETED_TIES.filter((pair) => pair.includes(group)).map(([from, to]) => ({ from: groupId(from), to: groupId(to) }));
  const agreed = { status: 'agreed', agreedIn: { meeting: WORKSHOP, on: PLAN_MILESTONES.interventionWorkshop }, startOn: PLAN_MILESTONES.interventionWork };
  return [
    {
      id: 'demo-iv-joint-discharge',
      body: {
        ...agreed,
        title: 'Community nurses join discharge planning on the unit',
        description: "Protected time for community perinatal nurses to join the mother and baby unit's weekly discharge meeting, so each family's follow-up is planned together before they leave.",
        kind: 'structural',
        catalogueId: 'relational-job-design',
        ties: withCommunity('Mother and baby unit clinical team'),
        dimensions: ['frequent', 'timely', 'shared_knowledge'],
        ownerIds: [mbu.aadObjectId, community.aadObjectId],
        dueOn: '2024-09-30',
      },
      steps: [
        { at: STARTED_AT, by: mbu, status: 'in_progress', text: "Community nurses now have protected time for the unit's Tuesday discharge meeting." },
        { at: MONITORED_AT, by: community, text: 'Six discharges planned together so far; each family had a home visit booked before leaving the unit.' },
        { at: '2024-09-27T16:00:00.000Z', by: mbu, status: 'done', text: "Joint discharge planning is now part of the unit's usual week." },
      ],
    },
    {
      id: 'demo-iv-perinatal-liaison',
      body: {
        ...agreed,
        title: 'A perinatal liaison link between maternity and community teams',
        description: 'A named liaison worker in each area links maternity services and the community perinatal team around each referral, and joins the monthly maternity safety huddle.',
        kind: 'structural',
        catalogueId: 'boundary-spanners',
        ties: withCommunity('Maternity services'),
        dimensions: ['frequent', 'timely', 'accurate'],
        ownerIds: [maternity.aadObjectId, community.aadObjectId],
        dueOn: '2025-03-31',
      },
      steps: [
        { at: STARTED_AT, by: maternity, status: 'in_progress', text: 'Liaison workers named in all six community areas.' },
        { at: MONITORED_AT, by: community, text: 'Referrals from maternity now come with the midwife’s name and number; fewer calls go unanswered.' },
        { at: '2024-09-16T10:00:00.000Z', by: maternity, text: 'Two areas are still covering the role between them; a permanent post is being agreed.' },
      ],
    },
    {
      id: 'demo-iv-good-admission',
      body: {
        ...agreed,
        title: 'What a good admission looks like, agreed together',
        description: "The unit, community teams, maternity services and lived experience partners write down what a good admission looks like for a mother, her baby and her family, in words every Trust signs up to.",
        kind: 'relational',
        catalogueId: 'shared-goals',
        ties: TARGETED_TIES.map(([from, to]) => ({ from: groupId(from), to: groupId(to) })),
        dimensions: ['shared_goals', 'mutual_respect'],
        ownerIds: [facilitator.aadObjectId, livedExperience.aadObjectId],
        dueOn: '2024-09-30',
      },
      steps: [
        { at: STARTED_AT, by: facilitator, status: 'in_progress', text: 'First writing session held, with two mothers from the lived experience group.' },
        { at: MONITORED_AT, by: livedExperience, text: 'The draft now says what families are told, and when, at each step of an admission.' },
        { at: '2024-09-06T14:00:00.000Z', by: facilitator, status: 'done', text: 'Signed off by all seven Trusts at the September leadership meeting.' },
      ],
    },
  ];
}

/** The demo's interventions, each with its log, as stored (workgroup ids made by `groupId`). */
export function demoInterventions(collaborativeId: string, groupId: (name: string) => string): Intervention[] {
  const people = demoTeamsPeople();
  const facilitator = people[0]!;
  const context = (by: DemoTeamsPerson): InterventionContext => ({
    workgroupIds: DEMO_WORKGROUPS.map(groupId),
    memberIds: people.map((p) => p.aadObjectId),
    author: { id: by.aadObjectId, name: by.displayName },
  });
  return plan(groupId).map(({ id, body, steps }) =>
    steps.reduce(
      (iv, step) =>
        step.status === undefined
          ? appendUpdate(iv, { text: step.text }, step.at, context(step.by).author)
          : applyInterventionChange(iv, { status: step.status, note: step.text }, step.at, context(step.by)),
      createIntervention(body, { id, collaborativeId }, AGREED_AT, context(facilitator)),
    ),
  );
}
