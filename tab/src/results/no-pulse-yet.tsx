import { Title2 } from '@fluentui/react-components';
import type { CollaborativeResponse } from '../../../src/contract/api-contract';
import { NoticeState } from '../ui/states';

/** The empty state: a collaborative with no pulse yet, and what to do next (by role). */
export function NoPulseYet({ collaborative }: { collaborative: CollaborativeResponse }) {
  const facilitator = collaborative.role === 'facilitator';
  return (
    <>
      <Title2 as="h1">{collaborative.name}</Title2>
      <NoticeState title="No pulse yet" state="empty">
        <p>
          There are no results for <strong>{collaborative.focalProcess}</strong> yet, because no pulse has been started.
        </p>
        {facilitator ? (
          <p>
            You are a facilitator: type <strong>pulse start</strong> to RC Pulse in the collaborative&apos;s channel. Everyone on the list gets a short, anonymous
            survey card in their chat, and results appear here when the pulse closes, if at least {collaborative.k} people have answered.
          </p>
        ) : (
          <p>
            When a facilitator starts a pulse, you will get a short, anonymous survey card in your chat with RC Pulse. Results appear here when the pulse
            closes, if at least {collaborative.k} people have answered.
          </p>
        )}
      </NoticeState>
    </>
  );
}
