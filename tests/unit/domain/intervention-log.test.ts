import { IllegalStateError, ValidationError } from '../../../src/domain/errors';
import { appendUpdate, assertInterventionChange } from '../../../src/domain/model/intervention';
import { at, context, created, OTHER, thrown } from './intervention-fixtures';

describe('the update log', () => {
  const T2 = '2026-04-02T12:00:00.000Z';

  it('appends an entry, keeping the earlier ones exactly, and may move the status', () => {
    const iv = at('in_progress');
    const next = appendUpdate(iv, { text: '  Two huddles held; both found a missing plan.  ' }, T2, { id: OTHER, name: 'Jo Hughes' });
    expect(next.updates.slice(0, iv.updates.length)).toEqual(iv.updates);
    expect(next.updates.at(-1)).toEqual({ at: T2, authorId: OTHER, authorName: 'Jo Hughes', text: 'Two huddles held; both found a missing plan.' });
    const done = appendUpdate(next, { text: 'Now part of the routine.', status: 'done' }, T2, context.author);
    expect(done).toMatchObject({ status: 'done', completedAt: T2 });
    expect(done.updates.at(-1)!.statusChange).toEqual({ from: 'in_progress', to: 'done' });
  });

  it('takes up to 2,000 characters and refuses more, an empty text and an illegal move', () => {
    const iv = created();
    expect(appendUpdate(iv, { text: 'x'.repeat(2000) }, T2, context.author).updates).toHaveLength(2);
    expect(thrown(() => appendUpdate(iv, { text: 'x'.repeat(2001) }, T2, context.author))).toBeInstanceOf(ValidationError);
    expect(thrown(() => appendUpdate(iv, { text: ' ' }, T2, context.author))).toBeInstanceOf(ValidationError);
    expect(thrown(() => appendUpdate(iv, { text: 'Done!', status: 'done' }, T2, context.author))).toBeInstanceOf(IllegalStateError);
    expect(thrown(() => appendUpdate(iv, JSON.parse('{"text":"hi","__proto__":{}}'), T2, context.author))).toBeInstanceOf(ValidationError);
  });

  it('lets a repository refuse a write that edits, removes or reorders entries', () => {
    const iv = appendUpdate(at('in_progress'), { text: 'First huddle held.' }, T2, context.author);
    const grown = appendUpdate(iv, { text: 'Second huddle held.' }, T2, context.author);
    expect(() => assertInterventionChange(iv, grown)).not.toThrow();
    const edited = { ...grown, updates: grown.updates.map((u, i) => (i === 0 ? { ...u, text: 'Nothing happened.' } : u)) };
    const removed = { ...grown, updates: grown.updates.slice(1) };
    const reordered = { ...iv, updates: [...iv.updates].reverse() };
    for (const after of [edited, removed, reordered]) {
      expect((thrown(() => assertInterventionChange(iv, after)) as IllegalStateError).userMessage).toMatch(/cannot be changed or removed/);
    }
  });

  it('lets a repository refuse an illegal move, a rewritten completion time or another id', () => {
    const done = at('done');
    expect(thrown(() => assertInterventionChange(done, { ...done, status: 'in_progress' }))).toBeInstanceOf(IllegalStateError);
    expect(thrown(() => assertInterventionChange(done, { ...done, completedAt: T2 }))).toBeInstanceOf(IllegalStateError);
    expect(thrown(() => assertInterventionChange(done, { ...done, id: 'iv-2' }))).toBeInstanceOf(IllegalStateError);
  });
});
