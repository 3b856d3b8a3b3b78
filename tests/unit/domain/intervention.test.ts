import { IllegalStateError, ValidationError } from '../../../src/domain/errors';
import {
  applyInterventionChange,
  assertInterventionMove,
  canMoveIntervention,
  createIntervention,
  interventionCreateSchema,
  interventionPatchSchema,
  interventionStatusSchema,
} from '../../../src/domain/model/intervention';
import { at, body, context, created, ids, OTHER, OWNER, STRANGER, T0, thrown } from './intervention-fixtures';

describe('intervention status moves', () => {
  const LEGAL = new Set(['proposed>agreed', 'proposed>dropped', 'agreed>in_progress', 'agreed>dropped', 'in_progress>done', 'in_progress>dropped', 'dropped>proposed']);
  const all = interventionStatusSchema.options.flatMap((from) => interventionStatusSchema.options.map((to) => [from, to] as const));

  it.each(all)('%s -> %s is allowed only when the rules list it', (from, to) => {
    const legal = LEGAL.has(`${from}>${to}`);
    expect(canMoveIntervention(from, to)).toBe(legal);
    if (legal || from === to) expect(() => assertInterventionMove(from, to)).not.toThrow();
    else {
      const e = thrown(() => assertInterventionMove(from, to));
      expect(e).toBeInstanceOf(IllegalStateError);
      expect((e as IllegalStateError).status).toBe(409);
      expect((e as IllegalStateError).userMessage).not.toMatch(/_/);
    }
  });

  it('says plainly that done is final and points to updates', () => {
    const e = thrown(() => assertInterventionMove('done', 'in_progress')) as IllegalStateError;
    expect(e.userMessage).toBe('This intervention is done, so its status cannot change. You can still add an update to it.');
    expect((thrown(() => assertInterventionMove('proposed', 'done')) as IllegalStateError).userMessage).toBe(
      "An intervention that is proposed can only be marked 'agreed' or 'dropped', not 'done'.",
    );
  });
});

describe('recording an intervention', () => {
  it('starts as proposed with a log entry saying who recorded it', () => {
    const iv = created();
    expect(iv).toMatchObject({ ...ids, status: 'proposed', createdAt: T0, updatedAt: T0, title: 'Discharge huddle' });
    expect(iv.updates).toEqual([{ at: T0, authorId: OWNER, authorName: 'Sam Patel', text: 'Recorded as proposed.' }]);
  });

  it('may be recorded as already agreed, naming the meeting', () => {
    const iv = created({ status: 'agreed', agreedIn: { meeting: 'March pathway workshop', on: '2026-03-01' } });
    expect(iv.status).toBe('agreed');
    expect(iv.updates[0]!.text).toBe('Agreed at March pathway workshop.');
  });

  it('accepts an owner whose id is written in capitals, and a within-group tie', () => {
    expect(created({ ownerIds: [OTHER], ties: [{ from: 'mbu', to: 'mbu' }] }).ownerIds).toEqual([OTHER]);
  });

  const bad: [string, unknown, RegExp][] = [
    ['an unknown field', body({ colour: 'red' }), /a field we do not expect/],
    ['a __proto__ key', JSON.parse(`{"__proto__":{"polluted":true},${JSON.stringify(body()).slice(1)}`), /__proto__/],
    ['a constructor key', body({ constructor: { prototype: { polluted: true } } }), /constructor/],
    ['a nested __proto__ in a tie', body({ ties: [JSON.parse('{"from":"mbu","to":"community","__proto__":{"polluted":true}}')] }), /__proto__/],
    ['an empty title', body({ title: '   ' }), /needs a title/],
    ['a title over 120 characters', body({ title: 'x'.repeat(121) }), /at most 120/],
    ['a description over 2,000 characters', body({ description: 'x'.repeat(2001) }), /at most 2,000/],
    ['a due date before the start', body({ startOn: '2026-04-10', dueOn: '2026-04-09' }), /due date cannot be before the start/],
    ['a day that does not exist', body({ startOn: '2026-02-30' }), /does not exist/],
    ['an unknown kind', body({ kind: 'magic' }), /kind/],
    ['a catalogue entry of another kind', body({ catalogueId: 'shared-goals' }), /another kind/],
    ['an unknown catalogue entry', body({ catalogueId: 'team-lunches' }), /not one we know/],
    ['nothing targeted', body({ ties: [], dimensions: [] }), /which ties or dimensions/],
    ['a tie listed twice', body({ ties: [{ from: 'mbu', to: 'community' }, { from: 'mbu', to: 'community' }] }), /each tie is listed once/],
    ['an unknown dimension', body({ dimensions: ['kindness'] }), /dimensions/],
    ['an owner that is not a GUID', body({ ownerIds: ['sam'] }), /GUID/],
    ['a created status other than proposed or agreed', body({ status: 'done' }), /status/],
    ['a body that is not an object', 'discharge huddle', /should be a set of named values/],
    ['a null body', null, /should be a set of named values/],
    ['an array body', [body()], /should be a set of named values/],
  ];

  it.each(bad)('refuses %s with a ValidationError that names the problem', (_what, input, problem) => {
    const e = thrown(() => createIntervention(input, ids, T0, context));
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).userMessage).toMatch(problem);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a tie to a group that is not the collaborative’s, and an owner not on the list', () => {
    const tie = thrown(() => created({ ties: [{ from: 'mbu', to: 'retired-group' }] })) as ValidationError;
    expect(tie).toBeInstanceOf(ValidationError);
    expect(tie.problems).toEqual(["ties: 'retired-group' is not one of the collaborative's workgroups"]);
    const owner = thrown(() => created({ ownerIds: [STRANGER] })) as ValidationError;
    expect(owner.userMessage).toBe("Each owner must be someone on the collaborative's list. Please choose owners from the list.");
  });

  it('keeps the create and patch bodies strict at the schema level too', () => {
    expect(interventionCreateSchema.safeParse(body({ id: 'chosen-by-caller' })).success).toBe(false);
    expect(interventionPatchSchema.safeParse({ updates: [] }).success).toBe(false);
    expect(interventionPatchSchema.safeParse({ completedAt: T0 }).success).toBe(false);
  });
});

describe('editing an intervention', () => {
  const T1 = '2026-03-20T08:30:00.000Z';

  it('changes the fields given, clears one given as null, and logs nothing without a move or note', () => {
    const iv = created({ dueOn: '2026-05-01', pulseId: 'p-2026-02' });
    const next = applyInterventionChange(iv, { title: 'Weekly discharge huddle', dueOn: null, pulseId: null }, T1, context);
    expect(next.title).toBe('Weekly discharge huddle');
    expect(next).not.toHaveProperty('dueOn');
    expect(next).not.toHaveProperty('pulseId');
    expect(next.updatedAt).toBe(T1);
    expect(next.updates).toEqual(iv.updates);
    expect(iv.title).toBe('Discharge huddle');
  });

  it('logs a status move with its author, and stamps the start day and the completion time', () => {
    const agreed = at('agreed');
    const started = applyInterventionChange(agreed, { status: 'in_progress' }, T1, context);
    expect(started.startOn).toBe('2026-03-20');
    // A status-only body leaves every other field alone (no defaults filled in).
    expect({ ...started, status: 'agreed', startOn: undefined, updatedAt: T0, updates: [] }).toEqual({ ...agreed, startOn: undefined, updatedAt: T0, updates: [] });
    expect(started.updates.at(-1)).toEqual({
      at: T1,
      authorId: OWNER,
      authorName: 'Sam Patel',
      text: 'Marked in progress.',
      statusChange: { from: 'agreed', to: 'in_progress' },
    });
    const done = applyInterventionChange(started, { status: 'done', note: 'Huddles now run every weekday.' }, '2026-04-30T16:00:00.000Z', context);
    expect(done.completedAt).toBe('2026-04-30T16:00:00.000Z');
    expect(done.updates.at(-1)!.text).toBe('Huddles now run every weekday.');
  });

  it('keeps a planned start date when the work starts', () => {
    const agreed = applyInterventionChange(created({ startOn: '2026-04-01' }), { status: 'agreed' }, T1, context);
    expect(applyInterventionChange(agreed, { status: 'in_progress' }, T1, context).startOn).toBe('2026-04-01');
  });

  it('refuses an illegal move and leaves the intervention as it was', () => {
    const iv = created();
    const before = JSON.stringify(iv);
    expect(thrown(() => applyInterventionChange(iv, { status: 'done', title: 'New' }, T1, context))).toBeInstanceOf(IllegalStateError);
    expect(JSON.stringify(iv)).toBe(before);
  });

  it('refuses edits to a done intervention but takes a note', () => {
    const done = at('done');
    const e = thrown(() => applyInterventionChange(done, { title: 'Renamed' }, T1, context)) as IllegalStateError;
    expect(e).toBeInstanceOf(IllegalStateError);
    expect(e.userMessage).toMatch(/can no longer be edited/);
    expect(applyInterventionChange(done, { note: 'Still running in May.' }, T1, context).updates.at(-1)).toMatchObject({ text: 'Still running in May.' });
  });

  it('checks the result whole: a due date moved before the start, or no owner once started', () => {
    const iv = created({ startOn: '2026-04-01', dueOn: '2026-06-01' });
    expect((thrown(() => applyInterventionChange(iv, { dueOn: '2026-03-01' }, T1, context)) as ValidationError).userMessage).toMatch(
      /due date cannot be before the start date/,
    );
    const noOwner = applyInterventionChange(at('agreed'), { ownerIds: [] }, T1, context);
    expect((thrown(() => applyInterventionChange(noOwner, { status: 'in_progress' }, T1, context)) as ValidationError).userMessage).toMatch(
      /someone needs to own an intervention before it starts/,
    );
  });

  it.each([
    ['an empty patch', {}, /nothing to change/],
    ['a __proto__ key', JSON.parse('{"__proto__":{"status":"done"}}'), /__proto__/],
    ['an unknown field', { owner: OWNER }, /a field we do not expect/],
    ['a status that does not exist', { status: 'finished' }, /status/],
    ['a note over 2,000 characters', { note: 'x'.repeat(2001) }, /at most 2,000/],
    ['a tie outside the collaborative', { ties: [{ from: 'mbu', to: 'elsewhere' }] }, /Each tie must join two/],
  ])('refuses %s', (_what, patch, problem) => {
    const e = thrown(() => applyInterventionChange(created(), patch, T1, context)) as ValidationError;
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.userMessage).toMatch(problem);
  });
});
