import { main, oneLine, type Io } from '../../../src/cli/main';
import { readRatingsFile } from '../../../src/cli/read-ratings-file';

jest.mock('../../../src/cli/read-ratings-file');
const readMock = jest.mocked(readRatingsFile);

function capture(): Io & { out: string; err: string } {
  const io = { out: '', err: '', stdout: (t: string) => { io.out += t; }, stderr: (t: string) => { io.err += t; } };
  return io;
}

describe('the rc-pulse entry point', () => {
  it('turns an unexpected internal error into exit code 1 and one line, without a stack', async () => {
    readMock.mockRejectedValueOnce(new TypeError('Cannot read properties of undefined\n    at x (y.js:1:2)'));
    const io = capture();
    await expect(main(['score', 'ratings.csv'], io)).resolves.toBe(1);
    expect(io.out).toBe('');
    expect(io.err).toBe('rc-pulse: something went wrong inside rc-pulse (TypeError: Cannot read properties of undefined\\n    at x (y.js:1:2)); please report this\n');
  });

  it('never rejects, even when something other than an Error is thrown', async () => {
    readMock.mockRejectedValueOnce('odd');
    const io = capture();
    await expect(main(['score', 'ratings.csv'], io)).resolves.toBe(1);
    expect(io.err).toMatch(/^rc-pulse: something went wrong inside rc-pulse \(odd\)/);
  });

  it('checks the options before reading any file', async () => {
    readMock.mockClear();
    const io = capture();
    await expect(main(['compare', 'a.csv', 'b.csv', '--k', '30'], io)).resolves.toBe(2);
    expect(readMock).not.toHaveBeenCalled();
    expect(io.err).toBe('rc-pulse: --k must be a whole number from 3 to 25 (the smallest group whose figures are shown; default 5)\n');
  });
});

describe('one-line messages', () => {
  it('shows line breaks and other control characters as escapes', () => {
    expect(oneLine('score "4\r\n5"\tand\u0007')).toBe('score "4\\r\\n5"\\tand\\u0007');
  });

  it('cuts a very long message short', () => {
    const line = oneLine(`unknown dimension "${'x'.repeat(70_000)}"`);
    expect(line.length).toBe(600);
    expect(line.endsWith('…')).toBe(true);
  });
});
