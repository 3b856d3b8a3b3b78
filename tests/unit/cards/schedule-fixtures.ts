import type { ScheduleCardView } from '../../../src/cards/pulse-schedule-card';
import type { ScheduleRequest } from '../../../src/cards/pulse-schedule-schema';
import { COLLABORATIVE_ID, FOCAL, LONG_FOCAL } from './card-fixtures';

/** A pulse scheduled for Monday 9 March 2026 at 09:30 UK time (GMT), every 4 weeks, 3 times. */
export function scheduleView(over: Partial<ScheduleCardView> = {}): ScheduleCardView {
  return {
    focalProcess: FOCAL,
    opensAt: '2026-03-09T09:30:00.000Z',
    closesAt: '2026-03-23T09:30:00.000Z',
    asking: ['MBU nursing', 'Community perinatal team'],
    rating: ['MBU nursing', 'Community perinatal team', 'Health visiting'],
    recurrence: { every: 4, unit: 'week', count: 3 },
    // 6 April is in British Summer Time: 08:30 UTC is 09:30 in the UK.
    openings: ['2026-03-09T09:30:00.000Z', '2026-04-06T08:30:00.000Z', '2026-05-04T08:30:00.000Z'],
    warnings: [],
    ...over,
  };
}

/** What the card's "Schedule it" button carries for that view. */
export function scheduleRequest(over: Partial<ScheduleRequest> = {}): ScheduleRequest {
  return {
    collaborativeId: COLLABORATIVE_ID,
    opensAt: '2026-03-09T09:30:00.000Z',
    focalProcess: FOCAL,
    closesInDays: 14,
    asking: ['MBU nursing', 'Community perinatal team'],
    rating: ['MBU nursing', 'Community perinatal team', 'Health visiting'],
    recurrence: { every: 4, unit: 'week', count: 3 },
    issuedAt: '2026-03-02T09:00:00.000Z',
    key: '7d0f5b8e-3c1a-4e2b-9f6d-2a4c8e1b5d3f',
    ...over,
  };
}

/** The largest schedule a person can type: 15 groups of 100 characters asked and rated, 24 openings (6 listed, as the use-case does). */
export function largestSchedule(): { view: ScheduleCardView; request: ScheduleRequest } {
  const names = Array.from({ length: 15 }, (_, i) => `${i + 1} `.padEnd(100, 'w'));
  const openings = Array.from({ length: 6 }, (_, i) => new Date(Date.UTC(2026, 2 + i, 9, 8, 30)).toISOString());
  return {
    view: scheduleView({ focalProcess: LONG_FOCAL, title: 'x'.repeat(200), asking: names, rating: names, openings, recurrence: { every: 1, unit: 'month', count: 24 }, warnings: ['w'.repeat(300), 'v'.repeat(300)] }),
    request: scheduleRequest({ focalProcess: LONG_FOCAL, asking: names, rating: names, recurrence: { every: 1, unit: 'month', count: 24 } }),
  };
}
