import { Body1, Button, MessageBar, MessageBarBody, Subtitle1, makeStyles, tokens } from '@fluentui/react-components';
import { AddRegular } from '@fluentui/react-icons';
import { useEffect, useMemo, useState } from 'react';
import type { CollaborativeResponse } from '../../../src/contract/api-contract';
import type { PulseAdminItem, PulseAdminResponse } from '../../../src/contract/pulse-admin-contract';
import { useServices } from '../app-services';
import { ErrorState, LoadingState, NoticeState } from '../ui/states';
import { useLoad } from '../ui/use-load';
import { pulseAdminApi } from './pulse-admin-api';
import { PulseCard } from './pulse-card';
import { CancelDialog, ExtendDialog, ResendDialog } from './pulse-dialogs';
import { PulseFormPage } from './pulse-form';
import { SECTIONS } from './pulse-words';

const useStyles = makeStyles({
  help: { margin: `0 0 ${tokens.spacingVerticalM}`, maxWidth: '48rem' },
  bar: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, marginBottom: tokens.spacingVerticalM },
  section: { marginBottom: tokens.spacingVerticalXL },
  heading: { display: 'block', margin: `0 0 ${tokens.spacingVerticalS}` },
  // One column on a phone, more as the page widens: cards, never a wide table.
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'grid', gap: tokens.spacingVerticalM, gridTemplateColumns: 'repeat(auto-fill, minmax(min(22rem, 100%), 1fr))' },
  empty: { margin: 0, color: tokens.colorNeutralForeground2 },
  notice: { marginBottom: tokens.spacingVerticalM },
});

/** Which part of the Pulses page the address shows. */
export type PulsesView = { view: 'list' } | { view: 'new' } | { view: 'edit'; id: string };

/** The dialog last opened (kept, closed, after it closes) and whether it is open; `n` makes each opening a fresh one. */
type DialogState = { kind: 'extend' | 'resend' | 'cancel'; item: PulseAdminItem; n: number; open: boolean } | undefined;

/**
 * The collaborative's pulses, for its facilitators: open, scheduled, closed and cancelled,
 * each with its scope, dates and counts (as the k rule allows), and what can be done with it
 * (extend, send again, cancel, change a scheduled one); and the form that starts or schedules
 * one. The same use-cases as the bot's "pulse" commands; the server refuses anyone else.
 */
export function PulsesPage({ collaborative, at }: { collaborative: CollaborativeResponse; at: PulsesView }) {
  const styles = useStyles();
  const { api } = useServices();
  const calls = useMemo(() => pulseAdminApi(api, collaborative.id), [api, collaborative.id]);
  const [state, reload] = useLoad(() => calls.list(), [calls]);
  // While the list loads again after an action, the page keeps showing the last one (and its
  // closing dialog) rather than a spinner.
  const [shown, setShown] = useState<PulseAdminResponse>();
  useEffect(() => {
    if (state.status === 'ready') setShown(state.data);
  }, [state]);
  const [dialog, setDialog] = useState<DialogState>();
  const [notice, setNotice] = useState<string>();
  const close = () => setDialog((d) => (d ? { ...d, open: false } : d));
  const done = (message: string) => {
    close();
    setNotice(message);
    reload();
    if (at.view !== 'list') window.location.hash = '#pulses';
  };
  const admin = state.status === 'ready' ? state.data : shown;
  if (state.status === 'error') return <ErrorState error={state.error} onRetry={reload} title="The pulses could not be shown" />;
  if (!admin) return <LoadingState label="Loading the pulses…" />;

  if (at.view === 'new') return <PulseFormPage admin={admin} calls={calls} onDone={done} />;
  if (at.view === 'edit') {
    const editing = admin.pulses.find((p) => p.id === at.id && p.can.edit);
    if (!editing) {
      return (
        <NoticeState title="This pulse cannot be changed" state="not-editable" actions={<Button as="a" href="#pulses">Back to pulses</Button>}>
          Only a scheduled pulse can be changed, until it opens. An open pulse can be extended or cancelled.
        </NoticeState>
      );
    }
    return <PulseFormPage key={editing.id} admin={admin} calls={calls} editing={editing} onDone={done} />;
  }

  const openDialog = (kind: 'extend' | 'resend' | 'cancel') => (item: PulseAdminItem) => setDialog((d) => ({ kind, item, n: (d?.n ?? 0) + 1, open: true }));
  const actions = { onExtend: openDialog('extend'), onResend: openDialog('resend'), onCancel: openDialog('cancel') };
  const dialogProps = dialog ? { open: dialog.open, item: dialog.item, calls, onClose: close, onDone: done } : undefined;
  return (
    <section aria-labelledby="pulses-title" data-page="pulses">
      <h2 id="pulses-title">Pulses</h2>
      <Body1 as="p" className={styles.help}>
        Start a pulse now or schedule one, and look after those that are open. Counts of answers below a pulse’s minimum group size are never shown. Only facilitators see this page.
      </Body1>
      <div className={styles.bar}>
        <Button as="a" href="#pulses/new" appearance="primary" icon={<AddRegular />}>Start or schedule a pulse</Button>
      </div>
      {notice ? (
        <MessageBar intent="success" layout="multiline" className={styles.notice} role="status" data-part="notice">
          <MessageBarBody>{notice}</MessageBarBody>
        </MessageBar>
      ) : null}
      {SECTIONS.map((s) => {
        const items = admin.pulses.filter((p) => p.status === s.status);
        return (
          <section key={s.status} className={styles.section} aria-labelledby={`pulses-${s.status}`} data-section={s.status}>
            <Subtitle1 as="h3" id={`pulses-${s.status}`} className={styles.heading}>{s.title}</Subtitle1>
            {items.length === 0 ? (
              <Body1 as="p" className={styles.empty}>{s.empty}</Body1>
            ) : (
              <ul className={styles.list} aria-labelledby={`pulses-${s.status}`}>
                {items.map((item) => <PulseCard key={item.id} item={item} actions={actions} />)}
              </ul>
            )}
          </section>
        );
      })}
      {dialog?.kind === 'extend' && dialogProps ? <ExtendDialog key={dialog.n} {...dialogProps} /> : null}
      {dialog?.kind === 'resend' && dialogProps ? <ResendDialog key={dialog.n} {...dialogProps} /> : null}
      {dialog?.kind === 'cancel' && dialogProps ? <CancelDialog key={dialog.n} {...dialogProps} /> : null}
    </section>
  );
}
