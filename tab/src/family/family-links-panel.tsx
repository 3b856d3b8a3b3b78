import { Body1, Button, Field, SpinButton, Subtitle1, makeStyles, tokens } from '@fluentui/react-components';
import { LinkAddRegular } from '@fluentui/react-icons';
import { useMemo, useState } from 'react';
import type { CollaborativeResponse, PulseSummary } from '../../../src/contract/api-contract';
import { FAMILIES_WORKGROUP_ID } from '../../../src/domain/model/family';
import { MAX_LINKS_PER_ISSUE } from '../../../src/domain/model/family-link';
import { useServices } from '../app-services';
import type { ApiError } from '../api/api-client';
import { ErrorState, LoadingState } from '../ui/states';
import { asApiError, useLoad } from '../ui/use-load';
import { familyApi } from './family-api';
import { FamilyLinkList } from './family-link-list';

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, padding: tokens.spacingVerticalL, margin: `0 0 ${tokens.spacingVerticalL}`, borderRadius: tokens.borderRadiusLarge, border: `1px solid ${tokens.colorNeutralStroke2}`, backgroundColor: tokens.colorNeutralBackground2 },
  title: { margin: 0 },
  help: { maxWidth: '52rem', margin: 0 },
  issue: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'end' },
  count: { width: '8rem' },
});

/** Most links made at once (the server's own limit). */
const MAX_AT_ONCE = MAX_LINKS_PER_ISSUE;

/** Whether a pulse asks families: the collaborative has the Families group (src/domain/model/family.ts). */
export function asksFamilies(collaborative: CollaborativeResponse): boolean {
  return collaborative.workgroups.some((w) => w.id === FAMILIES_WORKGROUP_ID && !w.retired);
}

/**
 * For facilitators, on a pulse with the families' voice: issue links for families (one link,
 * one family member, used once), and see every link issued: used or not, when it expires,
 * its QR code to show or print. New links only while the pulse is open.
 */
export function FamilyLinksPanel({ collaborative, pulse }: { collaborative: CollaborativeResponse; pulse: PulseSummary }) {
  const styles = useStyles();
  const { api } = useServices();
  const calls = useMemo(() => familyApi(api, collaborative.id, pulse.id), [api, collaborative.id, pulse.id]);
  const [state, retry] = useLoad(() => calls.list(), [calls]);
  const [count, setCount] = useState(1);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<ApiError>();
  const issue = async () => {
    setBusy(true);
    setFailed(undefined);
    try {
      await calls.issue(count);
      retry();
    } catch (err) {
      setFailed(asApiError(err));
    } finally {
      setBusy(false);
    }
  };
  const open = pulse.status === 'open';
  return (
    <section className={styles.panel} aria-labelledby="family-links-title" data-part="family-links-panel">
      <Subtitle1 as="h2" id="family-links-title" className={styles.title}>Family links</Subtitle1>
      <Body1 as="p" className={styles.help}>
        Families answer this pulse through a link on their phone, with no Teams account. Each link is for one person and works once. Give a link, or show its QR
        code, to each mother, partner or carer who would like to take part. Their answers are counted as the Families group.
      </Body1>
      {open ? (
        <div className={styles.issue}>
          <Field label="How many new links" className={styles.count}>
            <SpinButton value={count} min={1} max={MAX_AT_ONCE} onChange={(_, d) => {
              const next = d.value ?? Number.parseInt(d.displayValue ?? '', 10);
              if (Number.isInteger(next)) setCount(Math.min(MAX_AT_ONCE, Math.max(1, next!)));
            }} data-field="link-count" />
          </Field>
          <Button appearance="primary" icon={<LinkAddRegular />} disabled={busy} onClick={() => void issue()} data-action="issue-links">
            {busy ? 'Making links…' : 'Make links'}
          </Button>
        </div>
      ) : (
        <Body1 as="p" className={styles.help}>This pulse has closed, so no new links can be made. The links below no longer open the questions.</Body1>
      )}
      {failed ? <ErrorState error={failed} title="The links could not be made" /> : null}
      {state.status === 'loading' ? <LoadingState label="Loading the family links…" /> : null}
      {state.status === 'error' ? <ErrorState error={state.error} onRetry={retry} title="The family links could not be shown" /> : null}
      {state.status === 'ready' && state.data.length === 0 ? <Body1 as="p" className={styles.help} data-part="no-links">No family links yet.</Body1> : null}
      {state.status === 'ready' && state.data.length > 0 ? <FamilyLinkList links={state.data} /> : null}
    </section>
  );
}
