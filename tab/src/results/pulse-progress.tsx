import type { OpenResults, PreparingResults } from '../../../src/contract/api-contract';
import { NoticeState } from '../ui/states';

/**
 * A pulse with no figures to show yet, by design: open (figures appear when it closes, and
 * the server says how many have answered under the k rule) or closed with its figures
 * still being prepared. Figures are published once, when a pulse closes, so that nobody's
 * answers can be worked out by comparing what the tab showed at two moments.
 */
export function PulseProgress({ results }: { results: OpenResults | PreparingResults }) {
  const k = results.method.k;
  if (results.state === 'preparing') {
    return (
      <NoticeState title="The figures are being prepared" state="preparing">
        <p>{results.message}</p>
      </NoticeState>
    );
  }
  const open = results.pulse.status === 'open';
  return (
    <NoticeState title={open ? 'This pulse is still open' : 'This pulse has not started yet'} state="open-pulse">
      <p data-part="progress">{results.message}</p>
      <p>
        To keep answers anonymous, RC Pulse publishes a pulse&apos;s figures once, when it closes, and never changes them afterwards: figures that moved as
        answers came in would let someone work out what the last few people said. Any figure from fewer than {k} people reads &quot;fewer than {k}{' '}
        responses&quot;.
      </p>
    </NoticeState>
  );
}
