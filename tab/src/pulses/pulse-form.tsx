import { Body1, Button, Field, Input, MessageBar, MessageBarBody, MessageBarTitle, Radio, RadioGroup, Select, Textarea, Title2, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { PulseAdminItem, PulseAdminResponse, ScheduleViewBody } from '../../../src/contract/pulse-admin-contract';
import { MAX_OPEN_DAYS } from '../../../src/domain/pulse-lifecycle';
import type { ApiError } from '../api/api-client';
import { ErrorState } from '../ui/states';
import { asApiError } from '../ui/use-load';
import { GroupChoice } from './group-choice';
import type { PulseAdminCalls } from './pulse-admin-api';
import { editBody, fieldOf, formFromPulse, localProblem, NEW_PULSE_FORM, REPEAT_LABELS, startBody, type FieldErrors, type PulseForm, type Repeat } from './pulse-form-model';
import { askingText, repeatText, whenText } from './pulse-words';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '44rem' },
  grid: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(12rem, 100%), 1fr))', gap: tokens.spacingHorizontalL, '& > *': { minWidth: 0 }, '& select': { minWidth: 0, width: '100%' } },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  p: { margin: 0 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
});

export interface PulseFormPageProps {
  admin: PulseAdminResponse;
  calls: PulseAdminCalls;
  /** The scheduled pulse being changed; a new pulse when absent. */
  editing?: PulseAdminItem | undefined;
  onDone(message: string): void;
}

/** What a schedule will do, before it is saved: its dates, scope, repeats and any warnings. */
function Preview({ view }: { view: ScheduleViewBody }) {
  const styles = useStyles();
  return (
    <MessageBar intent={view.warnings.length > 0 ? 'warning' : 'info'} layout="multiline" data-part="schedule-preview">
      <MessageBarBody>
        <MessageBarTitle>Please check before it is scheduled</MessageBarTitle>
        <p className={styles.p}>Opens {whenText(view.opensAt)}, closes {whenText(view.closesAt)}.</p>
        <p className={styles.p}>Asking: {askingText(view.asking)}. Rating: {view.rating.join(', ')}.</p>
        <p className={styles.p}>{repeatText(view.recurrence)}.</p>
        {view.openings.length > 1 ? (
          <ul className={styles.list} aria-label="Openings">{view.openings.map((o) => <li key={o}>{whenText(o)}</li>)}</ul>
        ) : null}
        {view.warnings.map((w) => <p key={w} className={styles.p}><strong>{w}</strong></p>)}
      </MessageBarBody>
    </MessageBar>
  );
}

/**
 * Starts a pulse now, schedules one (a preview first, then "Schedule it"), or changes a
 * scheduled one. A refusal from the server is shown next to the field it is about.
 */
export function PulseFormPage({ admin, calls, editing, onDone }: PulseFormPageProps) {
  const styles = useStyles();
  const [form, setForm] = useState<PulseForm>(() => (editing ? formFromPulse(editing, admin.workgroups) : NEW_PULSE_FORM));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [other, setOther] = useState<ApiError>();
  const [preview, setPreview] = useState<ScheduleViewBody>();
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof PulseForm>(key: K, value: PulseForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setPreview(undefined);
  };
  const fieldProps = (key: keyof FieldErrors) => (errors[key] ? { validationState: 'error' as const, validationMessage: <span data-part={`${key}-error`}>{errors[key]}</span> } : {});

  const submit = async (confirm: boolean) => {
    const problem = localProblem(form);
    setErrors(problem ?? {});
    setOther(undefined);
    if (problem) return;
    setBusy(true);
    try {
      if (editing) {
        const done = await calls.edit(editing.id, editBody(form, admin.workgroups));
        onDone(`“${done.pulse.name}” was changed. It opens ${whenText(done.schedule.opensAt)}.`);
      } else if (form.when === 'now') {
        const done = await calls.start(startBody(form));
        if (done.kind === 'started') onDone(`“${done.pulse.name}” is open. The survey card is on its way to ${done.invited} ${done.invited === 1 ? 'person' : 'people'}.`);
      } else {
        const done = await calls.start(startBody(form, confirm));
        if (done.kind === 'confirm') setPreview(done.schedule);
        else if (done.kind === 'scheduled') onDone(`“${done.pulse.name}” is scheduled. It opens ${whenText(done.schedule.opensAt)}.`);
      }
    } catch (err) {
      const e = asApiError(err);
      const field = e.status >= 400 && e.status < 500 && e.status !== 401 && e.status !== 403 ? fieldOf(e.message) : 'form';
      if (field === 'form') setOther(e);
      else setErrors({ [field]: e.message });
      setPreview(undefined);
    } finally {
      setBusy(false);
    }
  };

  const later = editing !== undefined || form.when === 'later';
  const title = editing ? `Change “${editing.name}”` : 'Start or schedule a pulse';
  return (
    <form className={styles.form} onSubmit={(e) => { e.preventDefault(); void submit(false); }} aria-labelledby="pulse-form-title" data-part="pulse-form" noValidate>
      <Title2 as="h2" id="pulse-form-title">{title}</Title2>
      <Body1 as="p" className={styles.p}>
        A pulse asks people how well their groups work together on one piece of work. Its figures are published once, when it closes.
      </Body1>
      <Field label="Title" hint="Shown on the survey card. Leave it empty to name it after who is asked." {...fieldProps('title')}>
        <Input value={form.title} onChange={(_, d) => set('title', d.value)} maxLength={200} data-field="title" />
      </Field>
      <Field label="Focal work process" hint={`The work people think about when they answer. Leave it empty for the collaborative’s own: ${admin.focalProcess}.`} {...fieldProps('focalProcess')}>
        <Textarea value={form.focalProcess} onChange={(_, d) => set('focalProcess', d.value)} maxLength={300} rows={2} resize="vertical" data-field="focal-process" />
      </Field>
      <GroupChoice name="asking" legend="Who is asked" hint="Each person answers about the groups rated." allLabel="Everyone on the list"
        groups={admin.workgroups} all={form.askEveryone} chosen={form.asking} error={errors.asking}
        onChange={(all, chosen) => { setForm((f) => ({ ...f, askEveryone: all, asking: chosen })); setPreview(undefined); }} />
      <GroupChoice name="rating" legend="Which groups are rated" hint="Every group asked is rated too, so its own teamwork is measured." allLabel="Every group"
        groups={admin.workgroups} all={form.rateEvery} chosen={form.rating} error={errors.rating}
        onChange={(all, chosen) => { setForm((f) => ({ ...f, rateEvery: all, rating: chosen })); setPreview(undefined); }} />
      <Field label="Days open" hint={`It closes after this many days (1 to ${MAX_OPEN_DAYS}).`} {...fieldProps('closesInDays')}>
        <Input type="number" min={1} max={MAX_OPEN_DAYS} value={String(form.closesInDays)} onChange={(_, d) => set('closesInDays', Number(d.value))} data-field="closes-in-days" />
      </Field>
      {editing ? null : (
        <Field label="When">
          <RadioGroup value={form.when} onChange={(_, d) => set('when', d.value as PulseForm['when'])} data-field="when">
            <Radio value="now" label="Start now: the survey card goes out straight away" />
            <Radio value="later" label="Schedule it for later" />
          </RadioGroup>
        </Field>
      )}
      {later ? (
        <div className={styles.grid}>
          <Field label="Opening day" required hint="UK time. Pulses do not open in quiet hours." {...fieldProps('opensAt')}>
            <Input type="date" value={form.date} onChange={(_, d) => set('date', d.value)} data-field="date" />
          </Field>
          <Field label="Opening time" required>
            <Input type="time" value={form.time} onChange={(_, d) => set('time', d.value)} data-field="time" />
          </Field>
          <Field label="Repeats" {...fieldProps('recurrence')}>
            <Select value={form.repeat} onChange={(_, d) => set('repeat', d.value as Repeat)} data-field="repeat">
              {Object.entries(REPEAT_LABELS).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
            </Select>
          </Field>
          {form.repeat === 'none' ? null : (
            <Field label="Pulses in all" hint="2 to 24, this one included.">
              <Input type="number" min={2} max={24} value={String(form.count)} onChange={(_, d) => set('count', Number(d.value))} data-field="count" />
            </Field>
          )}
        </div>
      ) : null}
      {preview ? <Preview view={preview} /> : null}
      {other ? <ErrorState error={other} title={editing ? 'The pulse was not changed' : 'The pulse was not started'} /> : null}
      <div className={styles.actions}>
        {preview ? (
          <Button appearance="primary" onClick={() => void submit(true)} disabled={busy} data-action="confirm-schedule">{busy ? 'Scheduling…' : 'Schedule it'}</Button>
        ) : (
          <Button appearance="primary" type="submit" disabled={busy} data-action="submit">
            {editing ? 'Save changes' : form.when === 'now' ? 'Start the pulse now' : 'Check the schedule'}
          </Button>
        )}
        <Button as="a" href="#pulses">Back to pulses</Button>
      </div>
    </form>
  );
}
