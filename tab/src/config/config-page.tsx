import { Body1, Link, Radio, RadioGroup, Title2, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import { apiPaths, meResponseSchema, teamCollaborativeResponseSchema } from '../../../src/contract/api-contract';
import { ApiError } from '../api/api-client';
import { tabHref, useServices } from '../app-services';
import { channelTabSettings, connectConfigPage } from '../host/tab-config';
import { ErrorState, LoadingState, NoticeState } from '../ui/states';
import { useLoad } from '../ui/use-load';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '40rem' },
});

/**
 * The channel tab's configuration page: choose whose results the tab shows (the
 * collaborative already linked to this team is chosen for you). Teams' own Save button
 * stores the choice.
 */
export function ConfigPage() {
  const styles = useStyles();
  const { api, host } = useServices();
  const teamId = host.teams.teamId;
  const [state, retry] = useLoad(async () => {
    const me = await api.get(apiPaths.me(), meResponseSchema);
    const linked = teamId
      ? await api.get(apiPaths.teamCollaborative(teamId), teamCollaborativeResponseSchema).catch((err: unknown) => {
          if (err instanceof ApiError && err.status === 404) return undefined;
          throw err;
        })
      : undefined;
    return { options: me.collaboratives, linked: linked?.collaborative.id };
  }, [teamId]);
  const [chosen, setChosen] = useState<string>();
  const chosenRef = useRef<string>(undefined);
  const notify = useRef<(id: string | undefined) => void>(() => undefined);
  useEffect(() => {
    void connectConfigPage(host, () => chosenRef.current).then((set) => {
      notify.current = set;
      // A collaborative may have been chosen while teams-js was loading.
      set(chosenRef.current);
    });
  }, [host]);
  useEffect(() => {
    if (state.status !== 'ready' || chosenRef.current) return;
    const first = state.data.linked ?? (state.data.options.length === 1 ? state.data.options[0]!.id : undefined);
    if (first) choose(first);
  }, [state]);
  function choose(id: string) {
    chosenRef.current = id;
    setChosen(id);
    notify.current(id);
  }

  if (state.status === 'loading') return <LoadingState label="Finding your collaboratives…" />;
  if (state.status === 'error') return <ErrorState error={state.error} onRetry={retry} title="The collaboratives could not be listed" />;
  const { options } = state.data;
  return (
    <div className={styles.page} data-page="config">
      <Title2 as="h1">RC Pulse results</Title2>
      {options.length === 0 ? (
        <NoticeState title="No collaborative to show yet" state="config-none">
          You are not on any collaborative&apos;s list. A facilitator can set one up by typing <strong>setup</strong> to RC Pulse, and add you to it.
        </NoticeState>
      ) : (
        <>
          <Body1>Choose the collaborative whose results this tab shows. Everyone in the channel on that collaborative&apos;s list will see them.</Body1>
          <RadioGroup aria-label="Collaborative" value={chosen ?? ''} onChange={(_, data) => choose(data.value)}>
            {options.map((o) => (
              <Radio key={o.id} value={o.id} label={`${o.name}${o.id === state.data.linked ? ' (linked to this team)' : ''}`} />
            ))}
          </RadioGroup>
          {host.kind === 'browser' && chosen ? (
            <Body1>
              Outside Teams there is no Save button. The tab would show {channelTabSettings(chosen).contentUrl}:{' '}
              <Link href={tabHref('/tab/', { collaborative: chosen })}>open it here</Link>.
            </Body1>
          ) : null}
        </>
      )}
    </div>
  );
}
