import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowDownloadRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { apiPaths, type CollaborativeResponse, type PulseSummary } from '../../../src/contract/api-contract';
import { interventionPaths } from '../../../src/contract/interventions-contract';
import { useServices } from '../app-services';
import { ErrorState } from '../ui/states';
import { asApiError } from '../ui/use-load';
import type { ApiError } from '../api/api-client';

const useStyles = makeStyles({
  bar: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS, marginBottom: tokens.spacingVerticalM },
  note: { color: tokens.colorNeutralForeground2 },
});

interface ExportKind {
  key: string;
  label: string;
  path: (c: string, p: string) => string;
  file: string;
  facilitatorOnly: boolean;
}

const EXPORTS: ExportKind[] = [
  { key: 'figures-csv', label: 'Figures (CSV)', path: apiPaths.figuresCsv, file: 'figures.csv', facilitatorOnly: false },
  { key: 'figures-xlsx', label: 'Figures (Excel)', path: apiPaths.figuresXlsx, file: 'figures.xlsx', facilitatorOnly: false },
  { key: 'responses-csv', label: 'Anonymised responses (CSV)', path: apiPaths.responsesCsv, file: 'responses.csv', facilitatorOnly: true },
  // What the collaborative learnt across every pulse and intervention (not one pulse's).
  { key: 'learning-md', label: 'What we learnt (Markdown)', path: (c) => interventionPaths.learningMd(c), file: 'learning.md', facilitatorOnly: false },
  { key: 'learning-csv', label: 'What we learnt (CSV)', path: (c) => interventionPaths.learningCsv(c), file: 'learning.csv', facilitatorOnly: false },
];

/**
 * Downloads for sharing beyond the collaborative (with anonymity applied by the server), and
 * the anonymised responses for facilitators, which `rc-pulse score` reads. Downloads go
 * through the API with the person's token, so they are fetched and saved from here. Every
 * rule is said in the pulse's own k (its method), which the server applies to the files.
 */
export function ExportButtons({ collaborative, pulse, hasFigures, k }: { collaborative: CollaborativeResponse; pulse: PulseSummary; hasFigures: boolean; k: number }) {
  const styles = useStyles();
  const { api } = useServices();
  const [busy, setBusy] = useState<string>();
  const [done, setDone] = useState<string>();
  const [error, setError] = useState<ApiError>();
  const shown = EXPORTS.filter((e) => !e.facilitatorOnly || collaborative.role === 'facilitator');
  const run = async (e: ExportKind) => {
    setBusy(e.key);
    setError(undefined);
    setDone(undefined);
    try {
      await api.download(e.path(collaborative.id, pulse.id), `${collaborative.id}-${pulse.id}-${e.file}`);
      setDone(`${e.label} downloaded.`);
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <>
      <div className={styles.bar} role="group" aria-label="Downloads">
        <Text weight="semibold">Download:</Text>
        {shown.map((e) => (
          <Button key={e.key} icon={<ArrowDownloadRegular />} disabled={!hasFigures || busy !== undefined} onClick={() => void run(e)} data-export={e.key}>
            {busy === e.key ? 'Preparing…' : e.label}
          </Button>
        ))}
        <Text className={styles.note} aria-live="polite">
          {done ?? (hasFigures ? `Anonymity is applied: figures from fewer than ${k} people are left out.` : 'Downloads are available once there are figures to share.')}
        </Text>
      </div>
      {hasFigures && shown.some((e) => e.key === 'responses-csv') ? (
        <Text as="p" className={styles.note} data-export-note="responses-csv">
          In the anonymised responses, people from workgroups of fewer than {k} are shown together as “Other groups”, or left out if even
          together they are fewer than {k}. The groups they rated keep their names.
        </Text>
      ) : null}
      {error ? <ErrorState error={error} title="The download did not work" /> : null}
    </>
  );
}
