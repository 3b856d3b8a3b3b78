import { z } from 'zod';

/**
 * Zod's own messages ("Too small: expected string to have >=3 characters") in plain UK
 * English, for every schema that does not say its own: what a facilitator, a card or a
 * command line reads when an input does not fit. A schema's own message always wins.
 * Installed once, globally, by importing this module (the model's primitives do).
 */

type Issue = z.core.$ZodRawIssue;

const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'yes or no (true or false)',
  array: 'a list',
  object: 'a set of named values',
  date: 'a date',
};

const FORMAT_WORDS: Readonly<Record<string, string>> = {
  email: 'an e-mail address',
  url: 'a web address',
  uuid: 'an id (a GUID)',
  guid: 'an id (a GUID)',
  datetime: 'a date and time such as 2026-03-02T09:00:00Z',
  date: 'a date such as 2026-03-02',
  time: 'a time such as 09:30',
};

const quoted = (values: readonly unknown[]) => values.map((v) => (typeof v === 'string' ? `"${v}"` : String(v))).join(', ');

function size(issue: { origin?: string }, n: number | bigint, atLeast: boolean, inclusive: boolean | undefined): string {
  const bound = atLeast ? (inclusive === false ? 'more than' : 'at least') : inclusive === false ? 'less than' : 'at most';
  switch (issue.origin) {
    case 'string':
      return atLeast && Number(n) === 1 ? 'cannot be empty' : `should be ${bound} ${n} ${Number(n) === 1 ? 'character' : 'characters'} long`;
    case 'array':
    case 'set':
      return atLeast && Number(n) === 1 ? 'needs at least one' : `should have ${bound} ${n} ${Number(n) === 1 ? 'entry' : 'entries'}`;
    default:
      return `should be ${bound} ${n}`;
  }
}

/** The plain message for an issue; undefined leaves Zod's own (codes not worded here). */
export function plainMessage(issue: Issue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is needed';
      return `should be ${TYPE_WORDS[issue.expected] ?? issue.expected}`;
    case 'too_small':
      return size(issue, issue.minimum, true, issue.inclusive);
    case 'too_big':
      return size(issue, issue.maximum, false, issue.inclusive);
    case 'invalid_value':
      return issue.values.length === 1 ? `should be ${quoted(issue.values)}` : `should be one of ${quoted(issue.values)}`;
    case 'invalid_format':
      return `should be ${FORMAT_WORDS[issue.format] ?? 'in the expected form'}`;
    case 'unrecognized_keys':
      return `has ${issue.keys.length === 1 ? 'a field' : 'fields'} we do not expect: ${quoted(issue.keys)}`;
    case 'not_multiple_of':
      return `should be a multiple of ${String(issue.divisor)}`;
    case 'invalid_union':
    case 'invalid_key':
    case 'invalid_element':
      return 'is not in the expected form';
    default:
      return undefined;
  }
}

z.config({ customError: plainMessage });
