import type { PulseAdminItem } from '../../../src/contract/pulse-admin-contract';
import { hashOf, routeFromHash } from '../../../tab/src/interventions/iv-route';
import { editBody, fieldOf, formFromPulse, localProblem, NEW_PULSE_FORM, startBody, ukDateTime } from '../../../tab/src/pulses/pulse-form-model';
import { askingText, dateLines, repeatText } from '../../../tab/src/pulses/pulse-words';

const GROUPS = [
  { id: 'mbu', name: 'Mother and baby unit' },
  { id: 'community', name: 'Community team' },
];

const scheduled: PulseAdminItem = {
  id: 'p4-abc',
  name: 'Spring',
  title: 'Spring',
  focalProcess: 'discharge',
  status: 'draft',
  asking: ['Community team'],
  rating: ['Mother and baby unit', 'Community team'],
  opensAt: '2027-04-05T08:30:00.000Z',
  openedAt: null,
  closesAt: '2027-04-19T08:30:00.000Z',
  closedAt: null,
  cancelledAt: null,
  extensions: 0,
  k: 5,
  progress: null,
  can: { edit: true, extend: false, resend: false, cancel: true },
};

describe('the Pulses page, as data', () => {
  it('is at #pulses, #pulses/new and #pulses/ID/edit, and back', () => {
    expect(routeFromHash('#pulses')).toEqual({ page: 'pulses' });
    expect(routeFromHash('#pulses/new')).toEqual({ page: 'pulse-new' });
    expect(routeFromHash('#pulses/p4-abc/edit')).toEqual({ page: 'pulse-edit', id: 'p4-abc' });
    expect(routeFromHash('#pulses/<script>/edit')).toEqual({ page: 'pulses' });
    for (const route of [{ page: 'pulses' }, { page: 'pulse-new' }, { page: 'pulse-edit', id: 'p4-abc' }] as const) expect(routeFromHash(hashOf(route))).toEqual(route);
  });

  it('sends a new pulse now, or a schedule read in UK time (British Summer Time included)', () => {
    expect(startBody({ ...NEW_PULSE_FORM, title: ' Spring ' })).toEqual({ title: 'Spring', closesInDays: 14 });
    const later = { ...NEW_PULSE_FORM, when: 'later' as const, date: '2027-04-05', time: '09:30', askEveryone: false, asking: ['community'], repeat: '2-week' as const, count: 3 };
    expect(startBody(later)).toEqual({ asking: ['community'], closesInDays: 14, opensAt: '2027-04-05T08:30:00.000Z', recurrence: { every: 2, unit: 'week', count: 3 } });
    expect(startBody(later, true)).toMatchObject({ confirm: true });
    expect(ukDateTime('2027-04-05T08:30:00.000Z')).toEqual({ date: '2027-04-05', time: '09:30' });
  });

  it('fills the edit form from a scheduled pulse and sends its whole scope back', () => {
    const form = formFromPulse(scheduled, GROUPS);
    expect(form).toMatchObject({ title: 'Spring', askEveryone: false, asking: ['community'], rateEvery: true, closesInDays: 14, date: '2027-04-05', time: '09:30' });
    expect(editBody(form, GROUPS)).toEqual({ title: 'Spring', focalProcess: 'discharge', asking: ['community'], rating: ['mbu', 'community'], closesInDays: 14, opensAt: '2027-04-05T08:30:00.000Z', recurrence: null });
  });

  it('puts a refusal next to the field it is about', () => {
    expect(fieldOf('The new pulse is not right: closesInDays: at least 1 day. Nothing was changed.')).toBe('closesInDays');
    expect(fieldOf('I could not find "X" among the workgroups (asking). The workgroups are: A.')).toBe('asking');
    expect(fieldOf('Every group asked is also rated, so its own teamwork is measured. Please add A after "rating" too.')).toBe('rating');
    expect(fieldOf('That time is in quiet hours, when RC Pulse does not send people messages.')).toBe('opensAt');
    expect(fieldOf('The pulse "A" is open and already asks B, so these people would be asked twice.')).toBe('form');
    expect(localProblem({ ...NEW_PULSE_FORM, askEveryone: false })).toEqual({ asking: expect.any(String) });
    expect(localProblem({ ...NEW_PULSE_FORM, when: 'later', date: '2027-02-30' })?.opensAt).toContain('not a day in the calendar');
  });

  it('words scope, dates and repeats plainly', () => {
    expect(askingText(null)).toBe('Everyone on the list');
    expect(dateLines(scheduled).map(([label]) => label)).toEqual(['Opens', 'Would close']);
    expect(repeatText({ every: 1, unit: 'month', count: 6 })).toBe('Every month, 6 times in all');
    expect(repeatText(null)).toBe('Does not repeat');
  });
});
