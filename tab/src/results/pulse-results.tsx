import { Dropdown, Field, Option, Subtitle2, Title2, makeStyles, tokens } from '@fluentui/react-components';
import { apiPaths, resultsResponseSchema, type CollaborativeResponse, type PulseSummary } from '../../../src/contract/api-contract';
import { useServices } from '../app-services';
import { ErrorState, LoadingState } from '../ui/states';
import { useLoad } from '../ui/use-load';
import { FamilyLinksPanel, asksFamilies } from '../family/family-links-panel';
import { ExportButtons } from './export-buttons';
import { pulseLabel } from './pulse-label';
import { PulseProgress } from './pulse-progress';
import { ResultsViews } from './results-views';

const useStyles = makeStyles({
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalL,
    marginBottom: tokens.spacingVerticalM,
  },
  titles: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  process: { color: tokens.colorNeutralForeground2 },
  picker: { minWidth: '20rem' },
});

export interface PulseResultsProps {
  collaborative: CollaborativeResponse;
  /** The collaborative's survey pulses, newest first. */
  pulses: PulseSummary[];
  pulse: PulseSummary;
  onPickPulse: (pulseId: string) => void;
}

/** The header (collaborative, focal process, pulse picker, exports) and the chosen pulse's views. */
export function PulseResults({ collaborative, pulses, pulse, onPickPulse }: PulseResultsProps) {
  const styles = useStyles();
  const { api } = useServices();
  const [results, retry] = useLoad(() => api.get(apiPaths.results(collaborative.id, pulse.id), resultsResponseSchema), [collaborative.id, pulse.id]);
  const label = pulseLabel;
  return (
    <>
      <header className={styles.header}>
        <div className={styles.titles}>
          <Title2 as="h1">{collaborative.name}</Title2>
          <Subtitle2 as="p" className={styles.process}>
            How the groups work together on {collaborative.focalProcess}
          </Subtitle2>
        </div>
        <Field label="Pulse">
          <Dropdown className={styles.picker} value={label(pulse)} selectedOptions={[pulse.id]} onOptionSelect={(_, data) => data.optionValue && onPickPulse(data.optionValue)}>
            {pulses.map((p) => (
              <Option key={p.id} value={p.id} text={label(p)}>
                {label(p)}
              </Option>
            ))}
          </Dropdown>
        </Field>
      </header>
      {collaborative.role === 'facilitator' && pulse.status === 'open' && asksFamilies(collaborative) ? <FamilyLinksPanel collaborative={collaborative} pulse={pulse} /> : null}
      {results.status === 'loading' ? <LoadingState label="Loading this pulse's results…" /> : null}
      {results.status === 'error' ? <ErrorState error={results.error} onRetry={retry} /> : null}
      {results.status === 'ready' && (results.data.state === 'open' || results.data.state === 'preparing') ? <PulseProgress results={results.data} /> : null}
      {results.status === 'ready' && (results.data.state === 'figures' || results.data.state === 'no_figures') ? (
        <>
          <ExportButtons collaborative={collaborative} pulse={pulse} hasFigures={results.data.state === 'figures'} k={results.data.method.k} />
          <ResultsViews collaborative={collaborative} pulses={pulses} results={results.data} />
        </>
      ) : null}
    </>
  );
}
