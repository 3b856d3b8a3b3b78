import type { NoFiguresResults } from '../../../src/contract/api-contract';
import { NoticeState } from '../ui/states';

/**
 * "Not enough answers yet": a designed state, not an error. Anonymity needs at least k people
 * before any figure is shown; the server's message says what happens next.
 */
export function TooFewAnswers({ results }: { results: NoFiguresResults }) {
  const k = results.method.k;
  const title = results.reason === 'no_responses' ? 'No answers yet' : 'Not enough answers yet';
  return (
    <NoticeState title={title} state={results.reason === 'no_responses' ? 'no-responses' : 'too-few'}>
      <p>{results.message}</p>
      <p>
        To keep answers anonymous, RC Pulse shows figures only when at least {k} people have answered, and for an open pulse it updates them after every {k}{' '}
        more answers. The response rates show how the pulse is going.
      </p>
    </NoticeState>
  );
}
