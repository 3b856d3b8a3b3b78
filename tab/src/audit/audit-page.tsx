import { Body1, Button, Caption1, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { ArrowDownloadRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { CollaborativeResponse } from '../../../src/contract/api-contract';
import { auditPaths, auditTrailResponseSchema, type AuditEntryBody } from '../../../src/contract/audit-contract';
import { useServices } from '../app-services';
import type { ApiError } from '../api/api-client';
import { dateText } from '../ui/figure-format';
import { ErrorState, LoadingState, NoticeState } from '../ui/states';
import { asApiError, useLoad } from '../ui/use-load';
import { actionText, actorText, detailParts } from './audit-words';

const useStyles = makeStyles({
  help: { maxWidth: '48rem', marginBottom: tokens.spacingVerticalM },
  bar: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS, marginBottom: tokens.spacingVerticalM },
  list: { listStyleType: 'none', margin: 0, padding: 0, maxWidth: '48rem' },
  entry: { padding: `${tokens.spacingVerticalS} 0`, borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, overflowWrap: 'anywhere' },
  // Fluent's text is inline by default: each part of an entry is a line of its own.
  line: { display: 'block', margin: `${tokens.spacingVerticalXXS} 0` },
  what: { fontWeight: tokens.fontWeightSemibold },
  quiet: { color: tokens.colorNeutralForeground2 },
});

/** One entry: when, what, on what, by whom, and its counts. */
function Entry({ entry }: { entry: AuditEntryBody }) {
  const styles = useStyles();
  const details = detailParts(entry.details);
  return (
    <li className={styles.entry} data-action={entry.action}>
      <Caption1 as="p" className={mergeClasses(styles.line, styles.quiet)}>
        <time dateTime={entry.at}>{dateText(entry.at)}, {new Date(entry.at).toLocaleTimeString('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit' })}</time>
      </Caption1>
      <Body1 as="p" className={styles.line}>
        <span className={styles.what}>{actionText(entry.action)}</span>
        {entry.subject ? <> ({entry.subject})</> : null} by {actorText(entry)}
      </Body1>
      {details.length > 0 ? <Caption1 as="p" className={mergeClasses(styles.line, styles.quiet)}>{details.join(' · ')}</Caption1> : null}
    </li>
  );
}

/**
 * The collaborative's audit trail, for its facilitators: who exported, changed settings,
 * opened and closed pulses, forgot a person or deleted a pulse, newest first, and the same as
 * CSV. The server refuses anyone else (the page then says so).
 */
export function AuditPage({ collaborative }: { collaborative: CollaborativeResponse }) {
  const styles = useStyles();
  const { api } = useServices();
  const [state, retry] = useLoad(() => api.get(auditPaths.auditTrail(collaborative.id), auditTrailResponseSchema), [collaborative.id]);
  const [downloadError, setDownloadError] = useState<ApiError>();
  if (state.status === 'loading') return <LoadingState label="Loading the audit trail…" />;
  if (state.status === 'error') return <ErrorState error={state.error} onRetry={retry} title="The audit trail could not be shown" />;
  const entries = [...state.data.entries].reverse();
  const download = async () => {
    setDownloadError(undefined);
    try {
      await api.download(auditPaths.auditCsv(collaborative.id), `rc-pulse-${collaborative.id}-audit.csv`);
    } catch (error) {
      setDownloadError(asApiError(error));
    }
  };
  return (
    <section aria-labelledby="audit-title" data-page="audit">
      <h2 id="audit-title">Audit trail</h2>
      <Body1 as="p" className={mergeClasses(styles.line, styles.help)}>
        What was done in this collaborative, and by whom: settings changed, pulses opened and closed, exports, people forgotten and pulses
        deleted. It never records anyone&apos;s answers. Only facilitators see it.
      </Body1>
      <div className={styles.bar}>
        <Button icon={<ArrowDownloadRegular />} onClick={() => void download()}>Download as CSV</Button>
      </div>
      {downloadError ? <ErrorState error={downloadError} title="The audit trail could not be downloaded" /> : null}
      {entries.length === 0 ? (
        <NoticeState title="Nothing recorded yet" state="no-audit">Changes, exports and pulses will be listed here as they happen.</NoticeState>
      ) : (
        <ol className={styles.list} aria-label="Audit entries, newest first">
          {entries.map((e, i) => <Entry key={`${e.at}-${i}`} entry={e} />)}
        </ol>
      )}
    </section>
  );
}
