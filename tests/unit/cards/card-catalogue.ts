import { COMMANDS } from '../../../bot/commands/command-list';
import type { AdaptiveCard } from '../../../src/cards/card-types';
import { helpCard } from '../../../src/cards/help-card';
import { identityConflictCard } from '../../../src/cards/identity-conflict-card';
import { alreadyAnsweredCard, errorCard, pulseClosedCard, savedForLaterCard, thankYouCard } from '../../../src/cards/message-cards';
import { interventionReminderCard, interventionsCard } from '../../../src/cards/interventions-card';
import { myDataCard } from '../../../src/cards/my-data-card';
import { cancelPulseConfirmCard, pulseCancelledCard } from '../../../src/cards/pulse-lifecycle-cards';
import { closePulseConfirmCard, pulseStatusCard } from '../../../src/cards/pulse-status-card';
import { resultsCard } from '../../../src/cards/results-card';
import { pulseScheduledCard, scheduleConfirmCard, scheduleDroppedCard } from '../../../src/cards/pulse-schedule-card';
import { setupCard } from '../../../src/cards/setup-card';
import { chooseWorkgroupCard, surveyGroupCard } from '../../../src/cards/survey-card';
import { surveyReviewCard } from '../../../src/cards/survey-review-card';
import { pulseNoLongerOpenCard, whichPulseCard } from '../../../src/cards/which-pulse-card';
import { surveyTargets } from '../../../src/app/survey/survey-flow';
import { DEFAULT_INSTRUMENT, DIMENSIONS } from '../../../src/domain/instrument';
import {
  chooseView,
  COLLABORATIVE_ID,
  groupView,
  interventionLine,
  interventionsView,
  LONG_FOCAL,
  longName,
  manyTargets,
  PULSE_ID,
  progressView,
  resultsView,
  reviewView,
  setupView,
  shown,
  statusView,
} from './card-fixtures';
import { largestSchedule, scheduleRequest, scheduleView } from './schedule-fixtures';

/** One of each card RC Pulse sends, built from realistic view models. */
export function representativeCards(): Record<string, AdaptiveCard> {
  return {
    'choose workgroup': chooseWorkgroupCard(chooseView({ selectedWorkgroupId: 'community-perinatal' })),
    'survey step': surveyGroupCard(groupView()),
    'survey step with missing answers': surveyGroupCard(groupView({ missing: ['accurate', 'problem_solving'] })),
    review: surveyReviewCard(reviewView()),
    'thank you': thankYouCard({ k: 5 }),
    'pulse closed': pulseClosedCard({ focalProcess: 'discharge planning', closedAt: '2026-03-20T17:00:00Z' }),
    'saved for later': savedForLaterCard({ collaborativeId: COLLABORATIVE_ID, pulseId: PULSE_ID, groupsDone: 2, total: 5, closesAt: '2026-03-20T17:00:00Z' }),
    'already answered': alreadyAnsweredCard(),
    error: errorCard({ referenceCode: 'RCP-7F3A2' }),
    'help (facilitator)': helpCard({ isFacilitator: true, commands: COMMANDS, botName: 'RC Pulse' }),
    setup: setupCard(setupView()),
    'pulse status': pulseStatusCard(statusView({ delivery: { sent: 58, pending: 0, failed: 1, blocked: 1 } })),
    'close confirmation': closePulseConfirmCard({ collaborativeId: COLLABORATIVE_ID, pulseId: PULSE_ID, focalProcess: 'discharge planning', answered: 31, k: 5 }),
    'cancel confirmation': cancelPulseConfirmCard({ collaborativeId: COLLABORATIVE_ID, pulseId: PULSE_ID, focalProcess: 'discharge planning', status: 'open', answered: 2, k: 5 }),
    'cancel confirmation, scheduled': cancelPulseConfirmCard({ collaborativeId: COLLABORATIVE_ID, pulseId: PULSE_ID, focalProcess: 'discharge planning', status: 'draft', answered: 0, k: 5 }),
    'pulse cancelled': pulseCancelledCard({ focalProcess: 'discharge planning' }),
    'which pulse': whichPulseCard({
      collaborativeId: COLLABORATIVE_ID,
      command: 'pulse extend',
      extend: { days: 3 },
      pulses: [
        { pulseId: PULSE_ID, name: 'Asking MBU nursing; rating MBU nursing, Health visiting', asks: ['MBU nursing'] },
        { pulseId: 'p4-1a2b3c4d', name: 'discharge planning' },
      ],
    }),
    'which pulse, no longer open': pulseNoLongerOpenCard({ name: 'discharge planning' }),
    'schedule confirmation': scheduleConfirmCard(scheduleView({ warnings: ['Monday 9 March is a bank holiday in England.'] }), scheduleRequest(), 'Europe/London'),
    'pulse scheduled': pulseScheduledCard({ ...scheduleView(), pulseId: 'p4-1a2b3c4d' }, 'Europe/London'),
    'not scheduled': scheduleDroppedCard(),
    results: resultsCard(resultsView()),
    'identity conflict': identityConflictCard({ listName: 'Asha Patel', accountName: 'Asha Patel (Other Trust)' }),
    'results, pulse still open': resultsCard(progressView()),
    'my data': myDataCard({ displayName: 'Asha Patel', email: 'asha.patel@nhs.net', workgroupName: 'MBU nursing', isFacilitator: false, k: 5 }),
    interventions: interventionsCard(interventionsView()),
    'intervention reminder': interventionReminderCard({ intervention: interventionLine(), daysLeft: 3, tabUrl: interventionsView().tabUrl, today: '2026-03-27' }),
  };
}

/**
 * The biggest cards the product can build. The scenarios of the issue: 15 target groups with
 * 200-character names (the model's limit) and a 300-character focal process, and 20 workgroups
 * on the status card. Then the model's own limits: 50 target groups, and the set-up card with
 * 50 workgroups and 100 facilitators.
 */
export function largestCards(): Record<string, AdaptiveCard> {
  const targets15 = surveyTargets(manyTargets(15), 'workgroup-01');
  const targets50 = surveyTargets(manyTargets(50), 'workgroup-01');
  const full = Object.fromEntries(DIMENSIONS.map((d) => [d, 3]));
  const ties = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ from: longName(i + 1), to: longName(i + 2), figure: shown(3.5 + i / 10, 9, [3.1, 4.2], 'moderate') }));
  const status = (groups: number) =>
    pulseStatusCard(
      statusView({
        focalProcess: LONG_FOCAL,
        invited: groups * 20,
        answered: groups * 12,
        workgroups: manyTargets(groups).map((w, i) => ({ name: w.name, invited: 20, answered: i % 4 === 0 ? 2 : 14 })),
        delivery: { sent: groups * 20 - 4, pending: 1, failed: 2, blocked: 1 },
      }),
    );
  const review = (targets: typeof targets15) =>
    surveyReviewCard({ collaborativeId: COLLABORATIVE_ID, pulseId: PULSE_ID, step: targets.length + 1, instrument: DEFAULT_INSTRUMENT, groups: targets.map((target) => ({ target, answers: full })) });
  return {
    'choose workgroup, 15 long names': chooseWorkgroupCard(
      chooseView({ focalProcess: LONG_FOCAL, workgroups: targets15, targetCount: 15, selectedWorkgroupId: 'workgroup-01' }),
    ),
    'survey step 15 of 15, every item marked missing': surveyGroupCard(
      groupView({ focalProcess: LONG_FOCAL, target: targets15[14]!, position: 15, total: 15, answers: {}, missing: [...DIMENSIONS] }),
    ),
    'review of 15 long-named groups': review(targets15),
    'pulse status, 20 long-named groups with delivery': status(20),
    'results, 3 + 3 long ties': resultsCard(resultsView({ focalProcess: LONG_FOCAL, strongest: ties(3), weakest: ties(3) })),
    'choose workgroup, 50 long names': chooseWorkgroupCard(
      chooseView({ focalProcess: LONG_FOCAL, workgroups: targets50, targetCount: 50, selectedWorkgroupId: 'workgroup-01' }),
    ),
    'review of 50 long-named groups (counts only)': review(targets50),
    'pulse status, 50 long-named groups with delivery': status(50),
    'schedule confirmation at its limits': scheduleConfirmCard(largestSchedule().view, largestSchedule().request, 'Europe/London'),
    'setup at its limits': setupCard(
      setupView({
        focalProcess: LONG_FOCAL,
        workgroups: Array.from({ length: 50 }, (_, i) => longName(i + 1)),
        facilitators: Array.from({ length: 100 }, (_, i) => `facilitator.number${i}@leedsandyorkpartnership.nhs.uk`),
      }),
    ),
  };
}
