import { Body1, Button, Field, Input, MessageBar, MessageBarBody, MessageBarTitle, Select, SpinButton, Title2, makeStyles, tokens } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import type { CollaborativeResponse } from '../../../src/contract/api-contract';
import { MAX_FAMILY_LINKS, transitionTypeSchema, type TransitionType } from '../../../src/domain/model/transition';
import { ApiError } from '../api/api-client';
import { useServices } from '../app-services';
import { FamilyLinkList } from '../family/family-link-list';
import { hashOf } from '../interventions/iv-route';
import { dateText } from '../ui/figure-format';
import { ErrorState } from '../ui/states';
import { asApiError, useLoad } from '../ui/use-load';
import { referenceHint } from './reference-hint';
import { StaffPicker } from './staff-picker';
import { NEW_START_FORM, refusalIsAboutReference, startBody, staffRoles, wholeWithin, type StartForm } from './start-model';
import { transitionApi, type Started } from './transition-api';
import { TYPE_LABELS } from './transition-summary';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '44rem' },
  grid: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(12rem, 100%), 1fr))', gap: tokens.spacingHorizontalL, '& > *': { minWidth: 0 }, '& select': { minWidth: 0, width: '100%' } },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  done: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  p: { margin: 0, maxWidth: '52rem' },
});

/** The check just started, and its family links with their QR codes. */
function StartedCheck({ started }: { started: Started }) {
  const styles = useStyles();
  const t = started.transition;
  return (
    <section className={styles.done} aria-labelledby="started-title" data-part="started-check" data-check={t.id}>
      <Title2 as="h2" id="started-title">Transition check started</Title2>
      <MessageBar intent="success" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{`${TYPE_LABELS[t.type]}: ${t.reference}`}</MessageBarTitle>
          It stays open until {dateText(t.closesAt) ?? 'the end of its window'}, or until everyone has answered. Team RC appears on the Transitions page when it closes.
        </MessageBarBody>
      </MessageBar>
      {started.unreachable.length > 0 ? (
        <MessageBar intent="warning" layout="multiline" data-part="unreachable">
          <MessageBarBody>
            {started.unreachable.length === 1 ? 'One member of staff' : `${started.unreachable.length} members of staff`} cannot be sent the card yet, because RC Pulse is not
            installed for them in Teams. Please ask them to add RC Pulse, or ask your facilitator to help.
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {started.familyLinks.length > 0 ? (
        <>
          <Body1 as="p" className={styles.p}>
            Give each family member their own link, or let them scan its QR code with their phone. Each link works once and needs no Teams account.
          </Body1>
          <FamilyLinkList links={started.familyLinks} />
        </>
      ) : (
        <Body1 as="p" className={styles.p}>No family links were made for this check.</Body1>
      )}
      <div className={styles.actions}>
        <Button as="a" href={hashOf({ page: 'transitions' })}>Back to transition checks</Button>
      </div>
    </section>
  );
}

/**
 * The form that starts a transition check from the tab: its type, the team's reference (the
 * shared rule gives a hint as it is typed; the server's refusal is shown under the field),
 * how many family links to make, and the staff, chosen from the collaborative's list
 * (GET .../members) with the role each answers for. Any other refusal is shown above the buttons.
 */
export function StartTransitionForm({ collaborative }: { collaborative: CollaborativeResponse }) {
  const styles = useStyles();
  const { api } = useServices();
  const calls = useMemo(() => transitionApi(api, collaborative.id), [api, collaborative.id]);
  const [form, setForm] = useState<StartForm>(NEW_START_FORM);
  const [touched, setTouched] = useState(false);
  const [refusal, setRefusal] = useState<{ reference?: string; other?: ApiError }>({});
  const [busy, setBusy] = useState(false);
  const [started, setStarted] = useState<Started>();
  const [people, retryPeople] = useLoad(() => calls.members(), [calls]);
  const roles = useMemo(() => staffRoles(collaborative.workgroups), [collaborative.workgroups]);
  if (started) return <StartedCheck started={started} />;
  const set = <K extends keyof StartForm>(key: K, value: StartForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const hint = referenceHint(form.reference, touched);
  const submit = async () => {
    setBusy(true);
    setRefusal({});
    const body = startBody(form);
    try {
      setStarted(await calls.start(body));
    } catch (err) {
      const e = asApiError(err);
      setRefusal((e.status === 400 || e.status === 422) && refusalIsAboutReference(body.reference, e.message) ? { reference: e.message } : { other: e });
    } finally {
      setBusy(false);
    }
  };
  const referenceMessage = refusal.reference ?? hint;
  return (
    <form className={styles.form} onSubmit={(e) => { e.preventDefault(); void submit(); }} aria-labelledby="start-title" data-part="start-transition" noValidate>
      <Title2 as="h2" id="start-title">Start a transition check</Title2>
      <Body1 as="p" className={styles.p}>
        For one admission, discharge or transfer: the staff around the mother and baby each rate how they work together, and the family can answer too, through a link.
      </Body1>
      <div className={styles.grid}>
        <Field label="Type of transition" required>
          <Select value={form.type} onChange={(_, d) => set('type', d.value as TransitionType)} data-field="type">
            {transitionTypeSchema.options.map((t) => <option key={t} value={t}>{TYPE_LABELS[t]}</option>)}
          </Select>
        </Field>
        <Field label="Family links" hint={`One for each family member who would like to answer, 0 to ${MAX_FAMILY_LINKS}.`}>
          <SpinButton value={form.familyLinks} min={0} max={MAX_FAMILY_LINKS}
            onChange={(_, d) => set('familyLinks', wholeWithin(d.value ?? Number.parseInt(d.displayValue ?? '', 10), 0, MAX_FAMILY_LINKS, form.familyLinks))} data-field="family-links" />
        </Field>
        <Field label="Days open" hint="It closes after this many days, or sooner when everyone has answered (1 to 28).">
          <SpinButton value={form.windowDays} min={1} max={28}
            onChange={(_, d) => set('windowDays', wholeWithin(d.value ?? Number.parseInt(d.displayValue ?? '', 10), 1, 28, form.windowDays))} data-field="window-days" />
        </Field>
      </div>
      <Field label="Reference" required hint={referenceMessage ? undefined : "A reference your team chooses, such as 'MBU admission 14': never a name, a date of birth or an NHS number."}
        {...(referenceMessage
          ? {
              validationState: refusal.reference ? ('error' as const) : ('warning' as const),
              validationMessage: <span data-part={refusal.reference ? 'reference-refused' : 'reference-hint'}>{referenceMessage}</span>,
            }
          : {})}>
        <Input value={form.reference} onChange={(_, d) => set('reference', d.value)} onBlur={() => setTouched(true)} maxLength={80} data-field="reference" autoComplete="off" />
      </Field>
      {people.status === 'ready' ? (
        <StaffPicker people={people.data} roles={roles} staff={form.staff} onChange={(staff) => set('staff', staff)} />
      ) : people.status === 'error' ? (
        <ErrorState error={people.error} onRetry={retryPeople} title="The list of staff could not be shown" />
      ) : (
        <Body1 as="p" className={styles.p} data-state="loading-staff">Loading the collaborative&apos;s list of staff…</Body1>
      )}
      <Body1 as="p" className={styles.p} data-part="staff-note">
        You can also start a check in Teams: type <strong>transition start</strong> to RC Pulse in the collaborative&apos;s channel and @mention each member of staff.
      </Body1>
      {refusal.other ? <ErrorState error={refusal.other} title="The check was not started" /> : null}
      <div className={styles.actions}>
        <Button appearance="primary" type="submit" disabled={busy} data-action="start">{busy ? 'Starting…' : 'Start the check'}</Button>
        <Button as="a" href={hashOf({ page: 'transitions' })}>Cancel</Button>
      </div>
    </form>
  );
}
