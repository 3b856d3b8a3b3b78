import { Button, Field, Select, Title2, makeStyles, tokens } from '@fluentui/react-components';
import { AddRegular, ArrowTrendingLinesRegular } from '@fluentui/react-icons';
import { useMemo, useRef, useState } from 'react';
import type { CollaborativeResponse } from '../../../src/contract/api-contract';
import { STATUS_ORDER, type InterventionQuery } from '../../../src/contract/interventions-contract';
import { useServices } from '../app-services';
import { DIMENSIONS, DIMENSION_LABELS } from '../ui/figure-format';
import { ErrorState, LoadingState, NoticeState } from '../ui/states';
import { useLoad } from '../ui/use-load';
import { InterventionBoard } from './intervention-board';
import { interventionApi } from './intervention-api';
import { statusHeading } from './iv-words';
import { hashOf } from './iv-route';
import { go } from './use-route';

const useStyles = makeStyles({
  head: { display: 'flex', flexWrap: 'wrap', justifyContent: 'space-between', alignItems: 'center', gap: tokens.spacingHorizontalM, marginBottom: tokens.spacingVerticalM },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  filters: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(11rem, 1fr))',
    gap: tokens.spacingHorizontalM,
    alignItems: 'end',
    marginBottom: tokens.spacingVerticalL,
  },
});

/**
 * The interventions board: every intervention by status, filtered by tie, dimension, owner
 * and status (the filters are the API's own), the signed-in person's own first.
 */
export function BoardPage({ collaborative }: { collaborative: CollaborativeResponse }) {
  const styles = useStyles();
  const { api } = useServices();
  const calls = useMemo(() => interventionApi(api, collaborative.id), [api, collaborative.id]);
  const [query, setQuery] = useState<InterventionQuery>({});
  const [state, retry] = useLoad(() => calls.list({ ...query, order: 'mine_first' }), [calls, JSON.stringify(query)]);
  // Owners seen so far, so that filtering by one owner keeps the others in the list.
  const owners = useRef(new Map<string, string>());
  if (state.status === 'ready') for (const iv of state.data.interventions) for (const o of iv.owners) owners.current.set(o.id, o.name);
  const set = (key: keyof InterventionQuery) => (_: unknown, data: { value: string }) =>
    setQuery((q) => {
      const next = { ...q };
      if (data.value === '') delete next[key];
      else (next as Record<string, string>)[key] = data.value;
      return next;
    });
  const groups = collaborative.workgroups.filter((w) => !w.retired);
  return (
    <>
      <div className={styles.head}>
        <Title2 as="h2">Interventions</Title2>
        <div className={styles.actions}>
          <Button icon={<ArrowTrendingLinesRegular />} onClick={() => go(hashOf({ page: 'impact' }))}>Impact across all</Button>
          {collaborative.role === 'facilitator' ? (
            <Button appearance="primary" icon={<AddRegular />} onClick={() => go(hashOf({ page: 'new', prefill: { ties: [], dimensions: [] } }))}>New intervention</Button>
          ) : null}
        </div>
      </div>
      <div className={styles.filters} role="group" aria-label="Filter the interventions">
        <Field label="Tie from">
          <Select value={query.from ?? ''} onChange={set('from')} data-filter="from">
            <option value="">Any group</option>
            {groups.map((g) => <option key={g.id} value={g.id}>{g.name}</option>)}
          </Select>
        </Field>
        <Field label="Tie to">
          <Select value={query.to ?? ''} onChange={set('to')} data-filter="to">
            <option value="">Any group</option>
            {groups.map((g) => <option key={g.id} value={g.id}>{g.name}</option>)}
          </Select>
        </Field>
        <Field label="Dimension">
          <Select value={query.dimension ?? ''} onChange={set('dimension')} data-filter="dimension">
            <option value="">Any dimension</option>
            {DIMENSIONS.map((d) => <option key={d} value={d}>{DIMENSION_LABELS[d]}</option>)}
          </Select>
        </Field>
        <Field label="Owner">
          <Select value={query.owner ?? ''} onChange={set('owner')} data-filter="owner">
            <option value="">Anyone</option>
            {[...owners.current].map(([id, name]) => <option key={id} value={id}>{name}</option>)}
          </Select>
        </Field>
        <Field label="Status">
          <Select value={query.status ?? ''} onChange={set('status')} data-filter="status">
            <option value="">Any status</option>
            {STATUS_ORDER.map((s) => <option key={s} value={s}>{statusHeading(s)}</option>)}
          </Select>
        </Field>
      </div>
      {state.status === 'loading' ? <LoadingState label="Loading the interventions…" /> : null}
      {state.status === 'error' ? <ErrorState error={state.error} onRetry={retry} title="The interventions could not be shown" /> : null}
      {state.status === 'ready' && state.data.interventions.length === 0 ? (
        <NoticeState title={Object.keys(query).length > 0 ? 'No intervention matches these filters' : 'No interventions yet'} state="no-interventions">
          {Object.keys(query).length > 0
            ? 'Try another filter, or clear them all.'
            : 'When the collaborative agrees what to try, record it here. "Plan an intervention" on the RC map or the tie matrix starts one for a tie.'}
        </NoticeState>
      ) : null}
      {state.status === 'ready' && state.data.interventions.length > 0 ? <InterventionBoard interventions={state.data.interventions} /> : null}
    </>
  );
}
