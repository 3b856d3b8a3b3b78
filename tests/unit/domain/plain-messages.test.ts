import { z } from 'zod';
import { parseModel } from '../../../src/domain/model/parse';
import { idSchema } from '../../../src/domain/model/primitives';

/** Every message Zod would give for `value`, once the model's primitives are loaded. */
const messagesOf = (schema: z.ZodType, value: unknown) => {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe("Zod's own messages, in plain UK English", () => {
  it('says what is wrong in words a facilitator can act on', () => {
    const body = z
      .object({
        title: z.string().min(1),
        note: z.string().min(3).max(10),
        days: z.int().min(1).max(90),
        kind: z.enum(['survey', 'transition']),
        groups: z.array(z.string()).min(1),
        email: z.email(),
        open: z.boolean(),
      })
      .strict();
    expect(messagesOf(body, { title: '', note: 'a', days: 1.5, kind: 'vote', groups: [], email: 'no', open: 'yes', colour: 'red' })).toEqual([
      'title: cannot be empty',
      'note: should be at least 3 characters long',
      'days: should be a whole number',
      'kind: should be one of "survey", "transition"',
      'groups: needs at least one',
      'email: should be an e-mail address',
      'open: should be yes or no (true or false)',
      ': has a field we do not expect: "colour"',
    ]);
    expect(messagesOf(body, { note: 'far too long a note', days: 91 })).toEqual(
      expect.arrayContaining(['title: is needed', 'note: should be at most 10 characters long', 'days: should be at most 90']),
    );
    expect(messagesOf(z.object({}), 'text')).toEqual([': should be a set of named values']);
  });

  it("leaves a schema's own message as it is", () => {
    expect(messagesOf(z.string().min(1, 'a focal work process is needed'), '')).toEqual([': a focal work process is needed']);
    expect(() => parseModel(z.object({ id: idSchema }), { id: '' }, 'pulse')).toThrow(/The pulse is not valid: id: /);
  });

  it('never shows Zod’s default English for the common problems', () => {
    const all = messagesOf(z.object({ a: z.string().min(2), b: z.number().max(1), c: z.enum(['x']), d: z.array(z.number()).max(1) }).strict(), { a: 'x', b: 2, c: 'y', d: [1, 2], e: 1 });
    expect(all).toHaveLength(5);
    for (const m of all) expect(m).not.toMatch(/Too (small|big)|Invalid (input|option)|Unrecognized|expected (string|number|array)/);
  });
});
