import { IllegalStateError, ValidationError } from '../../../src/domain/errors';
import {
  closeTransitionCheck,
  startTransitionCheck,
  transitionCheckSchema,
  transitionClosesAt,
  transitionCreateSchema,
  transitionDueToClose,
  type TransitionCheck,
} from '../../../src/domain/model/transition';

const guid = (n: number) => `${String(n).repeat(8)}-${String(n).repeat(4)}-4${String(n).repeat(3)}-8${String(n).repeat(3)}-${String(n).repeat(12)}`;
const staff = [
  { aadObjectId: guid(1), workgroupId: 'mbu' },
  { aadObjectId: guid(2), workgroupId: 'community' },
  { aadObjectId: guid(3), workgroupId: 'health-visiting' },
];
const ids = { id: 't-1', collaborativeId: 'yh', startedBy: guid(9) };
const T0 = '2026-05-04T09:00:00.000Z';
const WORKGROUPS = ['mbu', 'community', 'health-visiting'];

const start = (extra: Record<string, unknown> = {}) =>
  startTransitionCheck({ type: 'discharge', reference: ' Discharge B-7 ', staff, ...extra }, ids, T0, WORKGROUPS);

function thrown(fn: () => unknown): Error & { userMessage?: string } {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}

describe('starting a transition check', () => {
  it('opens with a trimmed reference, one family link and a seven-day window by default', () => {
    const check = start();
    expect(check).toEqual({
      ...ids,
      type: 'discharge',
      reference: 'Discharge B-7',
      staff,
      familyLinks: 1,
      windowDays: 7,
      status: 'open',
      openedAt: T0,
      closesAt: '2026-05-11T09:00:00.000Z',
    });
    expect(transitionCheckSchema.parse(check)).toEqual(check);
  });

  it.each([
    ['an NHS number as the reference', { reference: '943 476 5919' }, /This looks like an NHS number/],
    ['a date of birth as the reference', { reference: '01/02/1990' }, /This looks like a date/],
    ['an e-mail address as the reference', { reference: 'jo@example.com' }, /e-mail address/],
    ['a phone number as the reference', { reference: '07700 900123' }, /phone number/],
    ['fewer than three staff', { staff: staff.slice(0, 2) }, /at least 3 members of staff/],
    ['staff from one role only', { staff: staff.map((s) => ({ ...s, workgroupId: 'mbu' })) }, /at least two roles or teams/],
    ['the same person twice', { staff: [...staff, staff[0]] }, /listed once/],
    ['an unknown type', { type: 'visit' }, /type/],
    ['a window of 0 days', { windowDays: 0 }, /at least 1 day/],
    ['a window of 29 days', { windowDays: 29 }, /at most 28 days/],
    ['a fractional window', { windowDays: 2.5 }, /whole number/],
    ['seven family links', { familyLinks: 7 }, /at most 6 family links/],
    ['a status chosen by the caller', { status: 'closed' }, /a field we do not expect/],
    ['a family name field', { familyName: 'Smith' }, /a field we do not expect/],
    ['a __proto__ key', JSON.parse('{"__proto__":{"polluted":true}}'), /__proto__/],
    ['a staff entry with a name', { staff: [...staff.slice(1), { ...staff[0], name: 'Jo' }] }, /a field we do not expect/],
  ])('refuses %s', (_what, extra, problem) => {
    const e = thrown(() => start(extra));
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.userMessage).toMatch(problem);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("refuses staff answering for a group that is not the collaborative's", () => {
    const e = thrown(() => startTransitionCheck({ type: 'admission', reference: 'MBU admission 14', staff }, ids, T0, ['mbu', 'community']));
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).problems).toEqual(["staff: 'health-visiting' is not one of the collaborative's workgroups"]);
  });

  it('keeps the create body strict at the schema level', () => {
    expect(transitionCreateSchema.safeParse({ type: 'transfer', reference: 'Transfer 2', staff, openedAt: T0 }).success).toBe(false);
  });
});

describe('closing a transition check', () => {
  const open: TransitionCheck = start({ windowDays: 2 });

  it('closes when everyone invited has answered, or when its window ends, and not before', () => {
    expect(transitionDueToClose(open, { invited: 4, answered: 3 }, '2026-05-05T09:00:00.000Z')).toBeNull();
    expect(transitionDueToClose(open, { invited: 4, answered: 4 }, '2026-05-05T09:00:00.000Z')).toBe('all_answered');
    expect(transitionDueToClose(open, { invited: 4, answered: 3 }, '2026-05-06T08:59:59.999Z')).toBeNull();
    expect(transitionDueToClose(open, { invited: 4, answered: 3 }, '2026-05-06T09:00:00.000Z')).toBe('window_ended');
    expect(transitionDueToClose(open, { invited: 0, answered: 0 }, T0)).toBeNull();
  });

  it('closes once: a second close is refused, and a closed check is never due again', () => {
    const closed = closeTransitionCheck(open, 'closed_by_command', '2026-05-05T10:00:00.000Z');
    expect(closed).toMatchObject({ status: 'closed', closedAt: '2026-05-05T10:00:00.000Z', closeReason: 'closed_by_command' });
    expect(thrown(() => closeTransitionCheck(closed, 'window_ended', '2026-05-07T00:00:00.000Z'))).toBeInstanceOf(IllegalStateError);
    expect(transitionDueToClose(closed, { invited: 4, answered: 4 }, '2026-06-01T00:00:00.000Z')).toBeNull();
  });

  it('refuses a stored row that says closed without saying when and why', () => {
    expect(transitionCheckSchema.safeParse({ ...open, status: 'closed' }).success).toBe(false);
    expect(transitionCheckSchema.safeParse({ ...open, closedAt: T0, closeReason: 'window_ended' }).success).toBe(false);
  });

  it('works out the closing time in whole days', () => {
    expect(transitionClosesAt('2026-03-28T23:30:00.000Z', 1)).toBe('2026-03-29T23:30:00.000Z');
  });
});
