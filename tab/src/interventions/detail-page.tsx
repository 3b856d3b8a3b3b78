import { Body1, Button, Field, Link, MessageBar, MessageBarBody, MessageBarTitle, Subtitle1, Text, Textarea, Title2, makeStyles, tokens } from '@fluentui/react-components';
import { EditRegular } from '@fluentui/react-icons';
import { useMemo, useState } from 'react';
import type { CollaborativeResponse } from '../../../src/contract/api-contract';
import type { InterventionBody, InterventionStatusBody } from '../../../src/contract/interventions-contract';
import type { ApiError } from '../api/api-client';
import { useServices } from '../app-services';
import { DIMENSION_LABELS, dateText } from '../ui/figure-format';
import { ErrorState, LoadingState } from '../ui/states';
import { asApiError, useLoad } from '../ui/use-load';
import { ImpactPanel } from './impact-view';
import { EditConflict, interventionApi } from './intervention-api';
import { hashOf } from './iv-route';
import { STATUS_WORDS, dayWords, kindText, moveLabel } from './iv-words';
import { go } from './use-route';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '56rem' },
  facts: { display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalL}`, margin: 0, '@media (max-width: 600px)': { gridTemplateColumns: '1fr' } },
  term: { fontWeight: tokens.fontWeightSemibold },
  def: { margin: 0, overflowWrap: 'anywhere' },
  moves: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  log: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  hint: { color: tokens.colorNeutralForeground2 },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

/** One intervention: what it is, its status with the moves it may make, its log, and its impact. */
export function DetailPage({ collaborative, id }: { collaborative: CollaborativeResponse; id: string }) {
  const { api } = useServices();
  const calls = useMemo(() => interventionApi(api, collaborative.id), [api, collaborative.id]);
  const [state, retry] = useLoad(() => Promise.all([calls.one(id), calls.impact(id)]), [calls, id]);
  if (state.status === 'loading') return <LoadingState label="Loading the intervention…" />;
  if (state.status === 'error') return <ErrorState error={state.error} onRetry={retry} title="The intervention could not be shown" />;
  return <Detail key={state.data[0].etag} collaborative={collaborative} iv={state.data[0]} impact={state.data[1]} calls={calls} reload={retry} />;
}

function Detail({ collaborative, iv, impact, calls, reload }: { collaborative: CollaborativeResponse; iv: InterventionBody; impact: Awaited<ReturnType<ReturnType<typeof interventionApi>['impact']>>; calls: ReturnType<typeof interventionApi>; reload: () => void }) {
  const styles = useStyles();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiError>();
  const [conflict, setConflict] = useState(false);
  const [said, setSaid] = useState<string>();
  const run = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setFailure(undefined);
    setConflict(false);
    try {
      await work();
      setSaid(done);
      reload();
    } catch (err) {
      if (err instanceof EditConflict) setConflict(true);
      else setFailure(asApiError(err));
    } finally {
      setBusy(false);
    }
  };
  const move = (to: InterventionStatusBody) => run(() => calls.edit(iv.id, iv.etag, { status: to }), `Marked as ${STATUS_WORDS[to]}.`);
  const addUpdate = () => run(() => calls.addUpdate(iv.id, { text }), 'Your update was added.');
  const facts: [string, string][] = [
    ['Status', STATUS_WORDS[iv.status]],
    ['Kind', kindText(iv.kind, iv.catalogueId)],
    ['Ties', iv.ties.map((t) => t.label).join('; ') || 'none named'],
    ['Dimensions', iv.dimensions.map((d) => DIMENSION_LABELS[d]).join(', ') || 'none named'],
    ['Owned by', iv.owners.map((o) => o.name).join(', ') || 'nobody yet'],
    ...(iv.startOn ? [['Starts', dayWords(iv.startOn)] as [string, string]] : []),
    ...(iv.dueOn ? [['Due', dayWords(iv.dueOn)] as [string, string]] : []),
    ...(iv.completedAt ? [['Finished', dateText(iv.completedAt)!] as [string, string]] : []),
  ];
  return (
    <article className={styles.page} data-part="intervention" data-status={iv.status}>
      <Link href={hashOf({ page: 'board' })}>Back to all interventions</Link>
      <Title2 as="h2">{iv.title}</Title2>
      {iv.description ? <Body1 as="p">{iv.description}</Body1> : null}
      <dl className={styles.facts}>
        {facts.map(([term, value]) => (
          <div key={term} style={{ display: 'contents' }}>
            <dt className={styles.term}>{term}</dt>
            <dd className={styles.def} data-fact={term}>{value}</dd>
          </div>
        ))}
      </dl>
      {iv.canEdit ? (
        <div className={styles.moves} role="group" aria-label="Change its status">
          {iv.nextStatuses.map((s) => (
            <Button key={s} appearance={s === 'dropped' ? 'secondary' : 'primary'} disabled={busy} onClick={() => void move(s)} data-move={s}>{moveLabel(s)}</Button>
          ))}
          <Button icon={<EditRegular />} onClick={() => go(hashOf({ page: 'edit', id: iv.id }))}>Edit</Button>
        </div>
      ) : null}
      <div aria-live="polite">
        {said && !failure && !conflict ? <Text className={styles.hint}>{said}</Text> : null}
      </div>
      {conflict ? (
        <MessageBar intent="warning" data-state="conflict">
          <MessageBarBody>
            <MessageBarTitle>Someone else changed this while you were editing</MessageBarTitle>
            Nothing was overwritten. <Link onClick={reload}>Show their version</Link>, then make your change again.
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {failure ? <ErrorState error={failure} title="That did not work" /> : null}
      <section className={styles.section} aria-labelledby="iv-impact">
        <Subtitle1 as="h3" id="iv-impact">Impact</Subtitle1>
        <ImpactPanel impact={impact} k={collaborative.k} />
      </section>
      <section className={styles.section} aria-labelledby="iv-log">
        <Subtitle1 as="h3" id="iv-log">What happened</Subtitle1>
        {iv.updates.length === 0 ? <Body1 className={styles.hint}>No updates yet.</Body1> : (
          <ol className={styles.log} data-part="log">
            {iv.updates.map((u, i) => (
              <li key={i} data-status-change={u.statusChange?.to}>
                <Text weight="semibold">{dateText(u.at)}, {u.authorName}</Text>
                {u.statusChange ? <Text className={styles.hint}> (from {STATUS_WORDS[u.statusChange.from]} to {STATUS_WORDS[u.statusChange.to]})</Text> : null}
                <Body1 as="p" style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{u.text}</Body1>
              </li>
            ))}
          </ol>
        )}
        <form onSubmit={(e) => { e.preventDefault(); if (text.trim()) void addUpdate().then(() => setText('')); }} className={styles.section} aria-label="Add an update">
          <Field label="Add an update" hint="What happened, what you learnt. Please write about the work, not about a person.">
            <Textarea value={text} onChange={(_, d) => setText(d.value)} rows={3} maxLength={2000} data-field="update" />
          </Field>
          <div><Button type="submit" disabled={busy || text.trim() === ''} data-action="add-update">Add the update</Button></div>
        </form>
      </section>
    </article>
  );
}
