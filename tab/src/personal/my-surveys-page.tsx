import { Body1, Link, Title2, makeStyles, tokens } from '@fluentui/react-components';
import { apiPaths, meResponseSchema, pulsesResponseSchema, type CollaborativeRef, type PulseSummary } from '../../../src/contract/api-contract';
import { tabHref, useServices } from '../app-services';
import { pulseName, pulseStatusText } from '../results/pulse-label';
import { ErrorState, LoadingState, NoticeState } from '../ui/states';
import { useLoad } from '../ui/use-load';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '48rem' },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'grid', gap: tokens.spacingVerticalM },
  item: { padding: tokens.spacingVerticalL, borderRadius: tokens.borderRadiusLarge, border: `1px solid ${tokens.colorNeutralStroke2}`, display: 'grid', gap: tokens.spacingVerticalXS },
  name: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  quiet: { color: tokens.colorNeutralForeground2 },
});

interface OpenSurvey {
  collaborative: CollaborativeRef;
  pulse: PulseSummary;
}

/**
 * The personal tab: the open surveys in the person's collaboratives. Answering happens in the
 * chat with RC Pulse (the survey card), which is also where people stop and carry on later.
 */
export function MySurveysPage() {
  const styles = useStyles();
  const { api } = useServices();
  const [state, retry] = useLoad(async () => {
    const me = await api.get(apiPaths.me(), meResponseSchema);
    const lists = await Promise.all(me.collaboratives.map(async (c) => ({ c, list: await api.get(apiPaths.pulses(c.id), pulsesResponseSchema) })));
    const open: OpenSurvey[] = lists.flatMap(({ c, list }) => list.pulses.filter((p) => p.kind === 'survey' && p.status === 'open').map((pulse) => ({ collaborative: c, pulse })));
    return { me, open };
  }, []);
  if (state.status === 'loading') return <LoadingState label="Finding your surveys…" />;
  if (state.status === 'error') return <ErrorState error={state.error} onRetry={retry} title="Your surveys could not be listed" />;
  const { me, open } = state.data;
  return (
    <div className={styles.page} data-page="personal">
      <Title2 as="h1">My surveys</Title2>
      {me.collaboratives.length === 0 ? (
        <NoticeState title="You are not on a collaborative's list yet" state="personal-none">
          When a collaborative you work with adds you, its surveys will be listed here.
        </NoticeState>
      ) : open.length === 0 ? (
        <NoticeState title="No open surveys" state="personal-empty">
          There is nothing to answer at the moment. When a pulse starts, RC Pulse sends you a short survey card in your chat, and it will be listed here too.
        </NoticeState>
      ) : (
        <>
          <Body1>Your answers are anonymous: figures are only ever shown for groups, and only when at least a minimum number of people have answered.</Body1>
          <ul className={styles.list} aria-label="Open surveys">
            {open.map(({ collaborative, pulse }) => (
              <li key={`${collaborative.id}/${pulse.id}`} className={styles.item} data-survey={pulse.id}>
                <h2 className={styles.name}>{pulseName(pulse)}</h2>
                <Body1>{collaborative.name}: how the groups work together on {pulse.focalProcess}.</Body1>
                <Body1 className={styles.quiet}>{pulseStatusText(pulse)}.</Body1>
                <Body1>
                  Answer in your chat with RC Pulse: the survey card is there, and you can stop and carry on later.{' '}
                  <Link href={tabHref('/tab/', { collaborative: collaborative.id })}>See the results so far</Link>
                </Body1>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
