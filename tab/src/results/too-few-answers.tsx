import type { NoFiguresResults } from '../../../src/contract/api-contract';
import { NoticeState } from '../ui/states';

/**
 * "Not enough answers": a designed state, not an error. The pulse has closed with nobody, or
 * fewer than k people, answering, so no figure can be shown; the server's message says so.
 */
export function TooFewAnswers({ results }: { results: NoFiguresResults }) {
  const k = results.method.k;
  const title = results.reason === 'no_responses' ? 'No answers' : 'Not enough answers';
  return (
    <NoticeState title={title} state={results.reason === 'no_responses' ? 'no-responses' : 'too-few'}>
      <p>{results.message}</p>
      <p>To keep answers anonymous, RC Pulse shows figures only when at least {k} people have answered. The response rates show who was invited.</p>
    </NoticeState>
  );
}
