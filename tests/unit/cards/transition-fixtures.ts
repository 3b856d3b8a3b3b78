import type { TransitionAlertView } from '../../../src/cards/transition-alert-card';
import type { TransitionCheckView } from '../../../src/cards/transition-check-card';
import type { TransitionFormView, TransitionStartedView } from '../../../src/cards/transition-start-card';
import type { ShownFigure } from '../../../src/domain/shown-figure';
import { COLLABORATIVE_ID, longName } from './card-fixtures';

/** Realistic view models of the transition cards, each overridable. */

export const CHECK_ID = 'tc-7f3a2c';
export const TAB = 'https://teams.microsoft.com/l/entity/test-app/results';

export const figure = (mean: number, n: number, band: ShownFigure['band']): ShownFigure => ({ mean, n, ci95: n >= 2 ? [mean - 0.4, mean + 0.4] : null, band });

export const STAFF = [
  { aadObjectId: '11111111-1111-4111-8111-111111111111', name: 'Asha Patel' },
  { aadObjectId: '22222222-2222-4222-8222-222222222222', name: 'Ben Okafor' },
  { aadObjectId: '33333333-3333-4333-8333-333333333333', name: 'Carla Reyes' },
];

export const ROLES = [
  { id: 'mbu-nursing', name: 'MBU nursing' },
  { id: 'community-perinatal', name: 'Community perinatal team' },
  { id: 'health-visiting', name: 'Health visiting' },
];

export function formView(over: Partial<TransitionFormView> = {}): TransitionFormView {
  return {
    collaborativeId: COLLABORATIVE_ID,
    postTo: 'channel',
    staff: STAFF,
    workgroups: ROLES,
    values: { reference: '', roles: ['mbu-nursing', '', 'health-visiting'] },
    ...over,
  };
}

export function startedView(over: Partial<TransitionStartedView> = {}): TransitionStartedView {
  return {
    type: 'admission',
    reference: 'MBU admission 14',
    links: [{ url: 'https://rcpulse.example.nhs.uk/f/0123456789abcdef0123456789abcdef.sig', expiresAt: '2026-03-09T09:00:00.000Z' }],
    unreachable: ['Carla Reyes'],
    postedIn: 'channel',
    closesAt: '2026-03-09T09:00:00.000Z',
    ...over,
  };
}

export function checkView(over: Partial<TransitionCheckView> = {}): TransitionCheckView {
  return {
    collaborativeId: COLLABORATIVE_ID,
    checkId: CHECK_ID,
    type: 'admission',
    reference: 'MBU admission 14',
    k: 3,
    staffInvited: 3,
    staffReached: 2,
    familyLinks: 1,
    answered: 2,
    status: 'open',
    closesAt: '2026-03-09T09:00:00.000Z',
    ...over,
  };
}

export function closedView(over: Partial<TransitionCheckView> = {}): TransitionCheckView {
  return checkView({
    status: 'closed',
    answered: 4,
    closedAt: '2026-03-05T16:00:00.000Z',
    closeReason: 'all_answered',
    figures: {
      teamRc: figure(3.21, 3, 'weak'),
      familyView: figure(4.3, 1, 'strong'),
      weakestTies: [{ from: 'Community perinatal team', to: 'MBU nursing', figure: figure(2.9, 3, 'weak') }],
      weakestDimensions: [
        { dimension: 'timely', from: 'team', figure: figure(2.7, 3, 'weak') },
        { dimension: 'shared_knowledge', from: 'team', figure: figure(3.0, 3, 'weak') },
        { dimension: 'accurate', from: 'family', figure: figure(4.0, 1, 'strong') },
      ],
    },
    ...over,
  });
}

export function alertView(over: Partial<TransitionAlertView> = {}): TransitionAlertView {
  return {
    checkId: CHECK_ID,
    type: 'discharge',
    reference: 'Discharge 3',
    k: 3,
    teamRc: figure(3.21, 3, 'weak'),
    familyView: null,
    weakestTies: [{ fromId: 'community-perinatal', toId: 'mbu-nursing', from: 'Community perinatal team', to: 'MBU nursing', figure: figure(2.9, 3, 'weak') }],
    weakestDimensions: [
      { dimension: 'timely', from: 'team', figure: figure(2.7, 3, 'weak') },
      { dimension: 'shared_knowledge', from: 'team', figure: figure(3.0, 3, 'weak') },
    ],
    interventionIds: ['shared-knowledge', 'shared-goals'],
    tabUrl: TAB,
    ...over,
  };
}

/** A form naming `people` people with `roles` roles to choose from, every name at the model's limit (200 characters). */
export function bigFormView(people: number, roles: number): TransitionFormView {
  const staff = Array.from({ length: people }, (_, i) => ({ aadObjectId: `${String(i).padStart(8, '0')}-1111-4111-8111-111111111111`, name: longName(i + 1) }));
  const workgroups = Array.from({ length: roles }, (_, i) => ({ id: `workgroup-${String(i).padStart(2, '0')}`, name: longName(i + 40) }));
  return formView({
    staff,
    workgroups,
    values: { reference: 'R'.repeat(400), roles: staff.map((_, i) => `workgroup-${String(i % roles).padStart(2, '0')}`) },
    notFound: Array.from({ length: 5 }, (_, i) => longName(i + 100)),
    errors: Object.fromEntries(staff.map((_, i) => [`role_${i}`, 'Please choose the role or team this person answers for.'])),
  });
}
