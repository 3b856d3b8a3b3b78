import { parseArgs } from '../../../src/cli/args';
import { InputError } from '../../../src/cli/input-error';

const fails = (argv: string[]) => {
  try {
    parseArgs(argv);
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as Error).message;
  }
  throw new Error(`expected ${argv.join(' ')} to be refused`);
};

describe('reading the command line', () => {
  it('uses k = 5 and minItems = 4 unless told otherwise', () => {
    expect(parseArgs(['score', 'r.csv'])).toEqual({ kind: 'score', file: 'r.csv', k: 5, minItems: 4 });
  });

  it('accepts options before or after the files, with a space or an equals sign', () => {
    expect(parseArgs(['compare', '--k=3', 'a.csv', '--min-items', '7', 'b.csv']))
      .toEqual({ kind: 'compare', before: 'a.csv', after: 'b.csv', k: 3, minItems: 7 });
    expect(parseArgs(['score', '--', '--odd-name.csv'])).toMatchObject({ file: '--odd-name.csv' });
  });

  it('gives help for the program and for each command', () => {
    expect(parseArgs(['--help'])).toEqual({ kind: 'help', topic: 'general' });
    expect(parseArgs(['-h'])).toEqual({ kind: 'help', topic: 'general' });
    expect(parseArgs(['score', 'x.csv', '--help'])).toEqual({ kind: 'help', topic: 'score' });
    expect(parseArgs(['compare', '-h'])).toEqual({ kind: 'help', topic: 'compare' });
  });

  it.each([
    [['score', 'r.csv', '--k', '2'], '--k must be a whole number from 3 to 25'],
    [['score', 'r.csv', '--k', '26'], '--k must be a whole number from 3 to 25'],
    [['score', 'r.csv', '--k', '5.0'], '--k must be a whole number from 3 to 25'],
    [['score', 'r.csv', '--k', '0x5'], '--k must be a whole number from 3 to 25'],
    [['score', 'r.csv', '--min-items', '0'], '--min-items must be a whole number from 1 to 7'],
    [['score', 'r.csv', '--k'], '--k needs a value, e.g. --k 5'],
    [['score', 'r.csv', '--k', '5', '--k', '6'], '--k is given more than once'],
    [['score', 'r.csv', '--colour'], 'unknown option "--colour" for score'],
    [['score'], 'score needs one CSV file'],
    [['score', 'a.csv', 'b.csv'], 'score needs one CSV file'],
    [['compare', 'a.csv'], 'compare needs two CSV files, before then after'],
    [['scores', 'a.csv'], 'unknown command "scores"; the commands are score, compare, collaborative, workgroups, organisations, roster, export, seed, forget, delete and audit (try "rc-pulse --help")'],
    [[], 'no command given; try "rc-pulse --help"'],
  ])('refuses %j with a hint', (argv, message) => {
    expect(fails(argv)).toContain(message);
  });
});
