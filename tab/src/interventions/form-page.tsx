import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Title2, makeStyles, tokens } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import { apiPaths, meResponseSchema, type CollaborativeResponse } from '../../../src/contract/api-contract';
import type { InterventionBody } from '../../../src/contract/interventions-contract';
import type { ApiError } from '../api/api-client';
import { useServices } from '../app-services';
import { dateText } from '../ui/figure-format';
import { ErrorState, LoadingState } from '../ui/states';
import { asApiError, useLoad } from '../ui/use-load';
import { createBody, formOf, newForm, patchBody, reapply, type FormErrors, type FormState } from './form-model';
import { FormFields } from './form-fields';
import { EditConflict, interventionApi } from './intervention-api';
import { hashOf, type Prefill } from './iv-route';
import { STATUS_WORDS } from './iv-words';
import { go } from './use-route';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '52rem' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

type Props = { collaborative: CollaborativeResponse } & ({ mode: 'new'; prefill: Prefill } | { mode: 'edit'; id: string });

/** The create form (filled from "Plan an intervention"), or the edit form of one intervention. */
export function FormPage(props: Props) {
  const { api } = useServices();
  const { collaborative } = props;
  const calls = useMemo(() => interventionApi(api, collaborative.id), [api, collaborative.id]);
  const editId = props.mode === 'edit' ? props.id : undefined;
  const [state, retry] = useLoad(
    () => Promise.all([api.get(apiPaths.me(), meResponseSchema), calls.list(), editId ? calls.one(editId) : Promise.resolve(undefined)]),
    [calls, editId],
  );
  if (state.status === 'loading') return <LoadingState label="Loading the form…" />;
  if (state.status === 'error') return <ErrorState error={state.error} onRetry={retry} title="The form could not be shown" />;
  const [me, list, current] = state.data;
  // People it may be given to: the signed-in person and everyone who already owns one.
  const people = new Map<string, string>([[me.user.id, `${me.user.name} (you)`]]);
  for (const iv of [...list.interventions, ...(current ? [current] : [])]) for (const o of iv.owners) if (!people.has(o.id)) people.set(o.id, o.name);
  return <Editor key={current?.etag ?? 'new'} {...props} calls={calls} people={[...people]} current={current} />;
}

function Editor({ collaborative, calls, people, current, ...props }: Props & { calls: ReturnType<typeof interventionApi>; people: [string, string][]; current?: InterventionBody }) {
  const styles = useStyles();
  const [base, setBase] = useState<FormState>(() => (current ? formOf(current) : newForm(props.mode === 'new' ? props.prefill : { ties: [], dimensions: [] })));
  const [form, setForm] = useState<FormState>(base);
  const [etag, setEtag] = useState(current?.etag);
  const [errors, setErrors] = useState<FormErrors>({});
  const [failure, setFailure] = useState<ApiError>();
  const [conflict, setConflict] = useState<InterventionBody>();
  const [busy, setBusy] = useState(false);
  const [nextStatuses, setNextStatuses] = useState(current?.nextStatuses ?? []);
  const statuses = current ? [base.status, ...nextStatuses] : (['proposed', 'agreed'] as const).slice();

  const save = async () => {
    setFailure(undefined);
    const checked = current ? patchBody(base, form) : createBody(form);
    if ('errors' in checked) return setErrors(checked.errors);
    setErrors({});
    if ('unchanged' in checked) return go(hashOf({ page: 'detail', id: current!.id }));
    setBusy(true);
    try {
      const saved = current ? await calls.edit(current.id, etag!, checked.body) : await calls.create(checked.body as Parameters<typeof calls.create>[0]);
      go(hashOf({ page: 'detail', id: saved.id }));
    } catch (err) {
      if (err instanceof EditConflict) setConflict(err.current);
      else setFailure(asApiError(err));
    } finally {
      setBusy(false);
    }
  };
  const applyMineToTheirs = () => {
    if (!conflict) return;
    setForm(reapply(base, form, conflict));
    setBase(formOf(conflict));
    setEtag(conflict.etag);
    setNextStatuses(conflict.nextStatuses);
    setConflict(undefined);
  };
  const takeTheirs = () => {
    if (!conflict) return;
    setForm(formOf(conflict));
    setBase(formOf(conflict));
    setEtag(conflict.etag);
    setNextStatuses(conflict.nextStatuses);
    setConflict(undefined);
  };
  const cancel = () => go(current ? hashOf({ page: 'detail', id: current.id }) : hashOf({ page: 'board' }));
  return (
    <form className={styles.form} onSubmit={(e) => { e.preventDefault(); void save(); }} aria-label={current ? 'Edit the intervention' : 'A new intervention'} data-part="intervention-form">
      <Title2 as="h2">{current ? `Edit: ${current.title}` : 'Plan an intervention'}</Title2>
      {conflict ? (
        <MessageBar intent="warning" layout="multiline" data-state="conflict">
          <MessageBarBody>
            <MessageBarTitle>Someone else changed this while you were editing</MessageBarTitle>
            Nothing of yours was saved, and nothing of theirs was overwritten. Their version, saved {dateText(conflict.updatedAt) ?? 'just now'}: &ldquo;{conflict.title}&rdquo;,{' '}
            {STATUS_WORDS[conflict.status]}
            {conflict.lastUpdate ? `, with the note "${conflict.lastUpdate.text}"` : ''}. You can put your changes on top of their version and look them over before saving again, or keep theirs.
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={applyMineToTheirs}>Reapply my changes</Button>
            <Button onClick={takeTheirs}>Keep their version</Button>
          </MessageBarActions>
        </MessageBar>
      ) : null}
      <FormFields collaborative={collaborative} form={form} errors={errors} onChange={setForm} statuses={statuses} people={people} editing={Boolean(current)} />
      {Object.keys(errors).length > 0 ? <MessageBar intent="error" role="alert"><MessageBarBody>Please check the fields marked above.{errors.form ? ` ${errors.form}` : ''}</MessageBarBody></MessageBar> : null}
      {failure ? <ErrorState error={failure} title="It was not saved" /> : null}
      <div className={styles.actions}>
        <Button appearance="primary" type="submit" disabled={busy || Boolean(conflict)} data-action="save">{busy ? 'Saving…' : current ? 'Save changes' : 'Save the intervention'}</Button>
        <Button onClick={cancel}>Cancel</Button>
      </div>
    </form>
  );
}
