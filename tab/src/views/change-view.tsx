import { Body1, Field, Select, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { apiPaths, compareResponseSchema, type CollaborativeResponse, type CompareResponse, type PublishedResults, type PulseSummary } from '../../../src/contract/api-contract';
import { useServices } from '../app-services';
import { pulseLabel } from '../results/pulse-label';
import { ErrorState, LoadingState, NoticeState } from '../ui/states';
import { useLoad } from '../ui/use-load';
import { ChangeTables } from './change-tables';

const useStyles = makeStyles({
  controls: { display: 'flex', gap: tokens.spacingHorizontalL, alignItems: 'end', flexWrap: 'wrap', marginBottom: tokens.spacingVerticalM },
  help: { maxWidth: '48rem' },
});

export interface ChangeViewProps {
  collaborative: CollaborativeResponse;
  /** The collaborative's survey pulses, newest first. */
  pulses: PulseSummary[];
  results: PublishedResults;
}

/**
 * This pulse against an earlier one: for each figure the difference with its Welch 95%
 * interval, called improved or declined only when the interval leaves out zero. Needs both
 * pulses closed: a pulse's figures are published once, when it closes.
 */
export function ChangeView({ collaborative, pulses, results }: ChangeViewProps) {
  const styles = useStyles();
  const pulse = results.pulse;
  const position = pulses.findIndex((p) => p.id === pulse.id);
  const earlier = pulses.slice(position + 1).filter((p) => p.status === 'closed');
  const [asked, setEarlierId] = useState<string>();
  // Another pulse may have been picked above since: fall back to the pulse before this one.
  const earlierId = earlier.find((p) => p.id === asked)?.id ?? earlier[0]?.id;
  if (pulse.status !== 'closed') {
    return (
      <NoticeState title="Change is shown once this pulse closes" state="change-open">
        A pulse&apos;s figures are published once, when it closes. Then this view compares it with the pulse before.
      </NoticeState>
    );
  }
  if (!earlierId) {
    return (
      <NoticeState title="Nothing to compare with yet" state="change-first">
        This is the collaborative&apos;s first closed pulse. After the next pulse, this view shows what changed on each tie, for example on the ties you chose to
        work on.
      </NoticeState>
    );
  }
  return (
    <>
      <div className={styles.controls}>
        <Field label="Compare with">
          <Select value={earlierId} onChange={(_, data) => setEarlierId(data.value)} data-part="earlier">
            {earlier.map((p) => <option key={p.id} value={p.id}>{pulseLabel(p)}</option>)}
          </Select>
        </Field>
        <Body1 className={styles.help}>
          &quot;Improved&quot; or &quot;declined&quot; is said only when the 95% interval of the change leaves out zero; otherwise the change could be chance.
        </Body1>
      </div>
      <Comparison collaborativeId={collaborative.id} pulseId={pulse.id} earlierId={earlierId} />
    </>
  );
}

function Comparison({ collaborativeId, pulseId, earlierId }: { collaborativeId: string; pulseId: string; earlierId: string }) {
  const { api } = useServices();
  const [state, retry] = useLoad(() => api.get(apiPaths.compare(collaborativeId, pulseId, earlierId), compareResponseSchema), [collaborativeId, pulseId, earlierId]);
  if (state.status === 'loading') return <LoadingState label="Comparing the pulses…" />;
  if (state.status === 'error') return <ErrorState error={state.error} onRetry={retry} title="The comparison could not be shown" />;
  return (
    <>
      <LikeWithLikeNote compare={state.data} />
      <ChangeTables compare={state.data} />
    </>
  );
}

/** When the two pulses asked different groups: says that only shared ties are compared, and which were left out. */
function LikeWithLikeNote({ compare }: { compare: CompareResponse }) {
  const leftOut = compare.leftOut ?? [];
  if (compare.sameScope !== false && leftOut.length === 0) return null;
  return (
    <section aria-label="What is compared" data-part="like-with-like">
      <Body1>
        These two pulses asked different groups, so only the ties both asked about are compared, and there is no overall change.
        {leftOut.length > 0 ? ` Left out: ${leftOut.map((t) => `${t.fromName} about ${t.toName}`).join('; ')}.` : ''}
      </Body1>
    </section>
  );
}
