import { Body1, Link, Subtitle1, Title2, makeStyles, tokens } from '@fluentui/react-components';
import { useMemo } from 'react';
import type { CollaborativeResponse } from '../../../src/contract/api-contract';
import { useServices } from '../app-services';
import { ErrorState, LoadingState, NoticeState } from '../ui/states';
import { useLoad } from '../ui/use-load';
import { ChangeLine } from './impact-view';
import { interventionApi } from './intervention-api';
import { hashOf } from './iv-route';
import { STATUS_WORDS } from './iv-words';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '60rem' },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', flexWrap: 'wrap', gap: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalM}`, alignItems: 'baseline', padding: tokens.spacingVerticalS, borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  name: { flex: '1 1 16rem', overflowWrap: 'anywhere' },
  hint: { color: tokens.colorNeutralForeground2 },
});

/** Impact across all interventions: for each targeted tie, which interventions moved it, and which cannot be measured yet. */
export function ImpactPage({ collaborative }: { collaborative: CollaborativeResponse }) {
  const styles = useStyles();
  const { api } = useServices();
  const calls = useMemo(() => interventionApi(api, collaborative.id), [api, collaborative.id]);
  const [state, retry] = useLoad(() => calls.allImpacts(), [calls]);
  if (state.status === 'loading') return <LoadingState label="Working out the impact…" />;
  if (state.status === 'error') return <ErrorState error={state.error} onRetry={retry} title="The impact could not be shown" />;
  const { ties, interventions } = state.data;
  const waiting = interventions.filter((i) => !i.measured);
  const link = (id: string, title: string) => <Link href={hashOf({ page: 'detail', id })}>{title}</Link>;
  return (
    <div className={styles.page} data-part="all-impact">
      <Link href={hashOf({ page: 'board' })}>Back to all interventions</Link>
      <Title2 as="h2">Impact across all interventions</Title2>
      <Body1 as="p">
        Each tie an intervention aims at, from the pulse before it started to the pulse after. &ldquo;Improved&rdquo; or &ldquo;declined&rdquo; only when the
        95% interval of the change leaves out zero; a tie with fewer than {collaborative.k} people on either side shows no numbers.
      </Body1>
      {ties.length === 0 ? (
        <NoticeState title="Nothing to compare yet" state="no-impact">Impact shows once an intervention has a pulse before it started and a pulse after.</NoticeState>
      ) : (
        ties.map((t) => (
          <section key={`${t.tie.from}>${t.tie.to}`} aria-label={t.tie.label} data-impact-tie={`${t.tie.from}>${t.tie.to}`}>
            <Subtitle1 as="h3">{t.tie.label}</Subtitle1>
            <ul className={styles.list}>
              {t.interventions.map((i) => (
                <li key={i.id} className={styles.row}>
                  <span className={styles.name}>{link(i.id, i.title)} ({STATUS_WORDS[i.status]}), {i.before} to {i.after}</span>
                  <ChangeLine change={i.rc} k={collaborative.k} />
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
      {waiting.length > 0 ? (
        <section aria-labelledby="impact-waiting">
          <Subtitle1 as="h3" id="impact-waiting">Not measured yet</Subtitle1>
          <ul className={styles.list}>
            {waiting.map((i) => (
              <li key={i.intervention.id} className={styles.row}>
                <span className={styles.name}>{link(i.intervention.id, i.intervention.title)}</span>
                <span className={styles.hint}>{i.measured ? '' : i.message}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
